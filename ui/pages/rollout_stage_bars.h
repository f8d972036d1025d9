// RolloutStageBars: one row per stage — its share of the fleet, a bar of devices with an outcome out of the
// devices it adds, its status and the gate's verdict in the server's words.
#pragma once

#include "models/rollout_progress.h"

#include <QList>
#include <QWidget>

class QLabel;
class QProgressBar;
class QVBoxLayout;

namespace otter::ui {

class RolloutStageBars final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RolloutStageBars)

public:
    explicit RolloutStageBars(QWidget *parent = nullptr);

    // Rows are made when the number of stages changes, otherwise only their values change.
    void setProgress(const models::RolloutProgressRecord &progress);

    int stageCount() const { return int(m_rows.size()); }
    QProgressBar *bar(int stage) const { return m_rows.at(stage).bar; }
    QString statusText(int stage) const;
    QString gateText(int stage) const;

private:
    struct Row
    {
        QLabel *name = nullptr;
        QProgressBar *bar = nullptr;
        QLabel *status = nullptr;
        QLabel *gate = nullptr;
    };

    void rebuild(int count);
    void setRow(Row &row, const models::StageProgressRecord &stage);

    QVBoxLayout *m_layout = nullptr;
    QWidget *m_rowsWidget = nullptr; // the rows' grid, replaced when the number of stages changes
    QLabel *m_empty = nullptr;
    QList<Row> m_rows;
};

} // namespace otter::ui
