// RolloutDetailView: one rollout live — header (state, auto-pause reason), per-stage progress, charts of
// outcomes and of the failure rate against the policy's threshold, the event list and the per-device
// outcomes. Progress may be set at any rate: it is applied, and the charts redrawn from the timeline, on a
// timer at most every refreshInterval() ms, so a flood of updates never stalls the window.
#pragma once

#include "models/records.h"
#include "models/rollout_progress.h"

#include <QTimer>
#include <QWidget>

#include <optional>

class QAbstractItemModel;
class QTabWidget;

namespace otter::models {
class RolloutTimeline;
}

namespace otter::ui {

class RolloutDetailHeader;
class RolloutEventList;
class RolloutOutcomeTable;
class RolloutStageBars;
class TimelineChart;

class RolloutDetailView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RolloutDetailView)

public:
    // Lines of outcomeChart() and failureChart().
    enum OutcomeLine { SucceededLine, FailedLine, RolledBackLine };
    enum FailureLine { FailureRateLine, ThresholdLine };
    enum Tab { EventsTab, DevicesTab };
    static constexpr int DefaultRefreshIntervalMs = 100;

    explicit RolloutDetailView(QWidget *parent = nullptr);

    // The series the charts draw; read on the refresh timer when it says it changed. Not owned.
    void setTimeline(models::RolloutTimeline *timeline);
    void setRollout(const models::RolloutRecord &rollout, const QString &releaseVersion);
    // Kept until the next refresh; only the latest progress is ever drawn.
    void setProgress(const models::RolloutProgressRecord &progress);
    void setEvents(const QList<models::RolloutEventRecord> &events);
    void addEvents(const QList<models::RolloutEventRecord> &events);
    void setFeedStatus(const QString &text);
    void setOutcomeModel(QAbstractItemModel *model);
    // Empties everything for another rollout.
    void clear();

    void setRefreshInterval(int ms);
    int refreshInterval() const { return m_refresh.interval(); }
    // Applies what is pending now instead of at the next tick (tests, screenshots).
    void refreshNow();
    // Chart redraws so far: at most one per tick, none while nothing changed.
    quint64 chartRefreshes() const { return m_chartRefreshes; }

    const std::optional<models::RolloutRecord> &rollout() const { return m_rollout; }
    RolloutDetailHeader *header() const { return m_header; }
    RolloutStageBars *stageBars() const { return m_stages; }
    TimelineChart *outcomeChart() const { return m_outcomeChart; }
    TimelineChart *failureChart() const { return m_failureChart; }
    RolloutEventList *eventList() const { return m_events; }
    RolloutOutcomeTable *outcomeTable() const { return m_outcomes; }
    QTabWidget *tabs() const { return m_tabs; }

private:
    void refresh();
    void redrawCharts();
    void updateEventsTabTitle();

    RolloutDetailHeader *m_header = nullptr;
    RolloutStageBars *m_stages = nullptr;
    TimelineChart *m_outcomeChart = nullptr;
    TimelineChart *m_failureChart = nullptr;
    QTabWidget *m_tabs = nullptr;
    RolloutEventList *m_events = nullptr;
    RolloutOutcomeTable *m_outcomes = nullptr;
    QTimer m_refresh;

    models::RolloutTimeline *m_timeline = nullptr;
    std::optional<models::RolloutRecord> m_rollout;
    std::optional<models::RolloutProgressRecord> m_pendingProgress;
    bool m_thresholdChanged = false;
    quint64 m_chartRefreshes = 0;
};

} // namespace otter::ui
