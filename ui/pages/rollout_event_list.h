// RolloutEventList: a rollout's events, newest first — state changes, stage starts and automatic pauses
// (with their reason, highlighted). Bounded: the oldest rows go once MaxRows is reached.
#pragma once

#include "models/rollout_progress.h"

#include <QTreeWidget>

namespace otter::ui {

class RolloutEventList final : public QTreeWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RolloutEventList)

public:
    enum Column { Time, Event, Actor, Message, ColumnCount };
    static constexpr int MaxRows = 2000;

    explicit RolloutEventList(QWidget *parent = nullptr);

    // The whole history (a snapshot): replaces the rows.
    void setEvents(const QList<models::RolloutEventRecord> &events);
    // Events since the last call; those already shown (by sequence number) are skipped.
    void addEvents(const QList<models::RolloutEventRecord> &events);

    int rowCount() const { return topLevelItemCount(); }
    qint64 lastSeq() const { return m_lastSeq; }
    // The event text of a row (0 = newest), e.g. "Paused automatically".
    QString eventText(int row) const;
    QString messageText(int row) const;

    static QString describe(const models::RolloutEventRecord &event);

protected:
    void changeEvent(QEvent *event) override;

private:
    QTreeWidgetItem *makeItem(const models::RolloutEventRecord &event) const;
    void applyPalette();

    qint64 m_lastSeq = 0;
};

} // namespace otter::ui
