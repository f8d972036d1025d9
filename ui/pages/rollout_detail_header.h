// RolloutDetailHeader: the top of the rollout detail — name, release version, state, the failure policy,
// and, when the failure policy paused the rollout, its reason in a warning panel that cannot be missed.
#pragma once

#include "models/records.h"

#include <QWidget>

class QLabel;

namespace otter::ui {

class TintedPanel;

class RolloutDetailHeader final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RolloutDetailHeader)

public:
    explicit RolloutDetailHeader(QWidget *parent = nullptr);

    void setRollout(const models::RolloutRecord &rollout, const QString &releaseVersion);
    // A line under the title about the live feed: "live", "reconnecting…", "finished".
    void setFeedStatus(const QString &text);

    QLabel *titleLabel() const { return m_title; }
    QLabel *stateLabel() const { return m_state; }
    // The automatic pause's reason; hidden unless the rollout is auto-paused.
    QLabel *pauseReasonLabel() const { return m_pauseReason; }
    bool pauseReasonShown() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyStateColours();

    QLabel *m_title = nullptr;
    QLabel *m_subtitle = nullptr;
    QLabel *m_state = nullptr;
    QLabel *m_feed = nullptr;
    TintedPanel *m_pausePanel = nullptr;
    QLabel *m_pauseTitle = nullptr;
    QLabel *m_pauseReason = nullptr;
    models::RolloutRecord m_rollout;
};

} // namespace otter::ui
