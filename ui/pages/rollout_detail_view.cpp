// RolloutDetailView: layout of the rollout detail and its coalesced refresh.
#include "ui/pages/rollout_detail_view.h"

#include "models/rollout_timeline.h"
#include "ui/pages/rollout_detail_header.h"
#include "ui/pages/rollout_event_list.h"
#include "ui/pages/rollout_outcome_table.h"
#include "ui/pages/rollout_stage_bars.h"
#include "ui/pages/timeline_chart.h"

#include <QGroupBox>
#include <QHBoxLayout>
#include <QSplitter>
#include <QTabWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace otter::ui {

namespace {

constexpr qint64 MinimumSpanMs = 60 * 1000;

} // namespace

RolloutDetailView::RolloutDetailView(QWidget *parent)
    : QWidget(parent)
    , m_header(new RolloutDetailHeader(this))
    , m_stages(new RolloutStageBars(this))
    , m_outcomeChart(new TimelineChart(tr("Device outcomes"), tr("Devices"), this))
    , m_failureChart(new TimelineChart(tr("Failure rate"), tr("% failed"), this))
    , m_tabs(new QTabWidget(this))
    , m_events(new RolloutEventList(this))
    , m_outcomes(new RolloutOutcomeTable(this))
    , m_refresh(this)
{
    setWindowTitle(tr("Rollout"));
    m_outcomeChart->addLine(tr("Succeeded"), TimelineChart::LineTone::Success);
    // Failures are few beside successes: on a scale of their own they stay readable.
    m_outcomeChart->addLine(tr("Failed"), TimelineChart::LineTone::Error, false, TimelineChart::Scale::Right);
    m_outcomeChart->addLine(tr("Rolled back"), TimelineChart::LineTone::Warning, false,
                            TimelineChart::Scale::Right);
    m_outcomeChart->setRightTitle(tr("Failed, rolled back"));
    m_failureChart->addLine(tr("Failure rate"), TimelineChart::LineTone::Error);
    m_failureChart->addLine(tr("Pause threshold"), TimelineChart::LineTone::Muted, true);
    m_failureChart->setValueFormat(QStringLiteral("%.1f"));
    m_failureChart->setLeftCeiling(100);

    auto *stageBox = new QGroupBox(tr("Stages"), this);
    auto *stageLayout = new QVBoxLayout(stageBox);
    stageLayout->addWidget(m_stages);

    auto *charts = new QWidget(this);
    auto *chartLayout = new QHBoxLayout(charts);
    chartLayout->setContentsMargins(0, 0, 0, 0);
    chartLayout->addWidget(m_outcomeChart, 3);
    chartLayout->addWidget(m_failureChart, 2);

    m_tabs->addTab(m_events, tr("Events"));
    m_tabs->addTab(m_outcomes, tr("Device outcomes"));
    m_tabs->setDocumentMode(true);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(charts);
    splitter->addWidget(m_tabs);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 12, 12, 12);
    layout->setSpacing(10);
    layout->addWidget(m_header);
    layout->addWidget(stageBox);
    layout->addWidget(splitter, 1);

    m_refresh.setInterval(DefaultRefreshIntervalMs);
    connect(&m_refresh, &QTimer::timeout, this, &RolloutDetailView::refresh);
    m_refresh.start();
}

void RolloutDetailView::setTimeline(models::RolloutTimeline *timeline)
{
    m_timeline = timeline;
    m_thresholdChanged = true;
}

void RolloutDetailView::setRollout(const models::RolloutRecord &rollout, const QString &releaseVersion)
{
    if (!m_rollout || m_rollout->maxFailurePercent != rollout.maxFailurePercent)
        m_thresholdChanged = true;
    m_rollout = rollout;
    setWindowTitle(tr("Rollout %1").arg(rollout.name.isEmpty() ? rollout.id : rollout.name));
    m_header->setRollout(rollout, releaseVersion);
    m_outcomes->setStageCount(int(rollout.stages.size()));
}

void RolloutDetailView::setProgress(const models::RolloutProgressRecord &progress)
{
    m_pendingProgress = progress;
}

void RolloutDetailView::setEvents(const QList<models::RolloutEventRecord> &events)
{
    m_events->setEvents(events);
    updateEventsTabTitle();
}

void RolloutDetailView::addEvents(const QList<models::RolloutEventRecord> &events)
{
    if (events.isEmpty())
        return;
    m_events->addEvents(events);
    updateEventsTabTitle();
}

void RolloutDetailView::setFeedStatus(const QString &text)
{
    m_header->setFeedStatus(text);
}

void RolloutDetailView::setOutcomeModel(QAbstractItemModel *model)
{
    m_outcomes->setModel(model);
}

void RolloutDetailView::clear()
{
    m_rollout.reset();
    m_pendingProgress = models::RolloutProgressRecord();
    m_events->setEvents({});
    updateEventsTabTitle();
    m_header->setRollout({}, {});
    m_header->setFeedStatus({});
    m_thresholdChanged = true;
    refreshNow();
}

void RolloutDetailView::setRefreshInterval(int ms)
{
    m_refresh.setInterval(qMax(1, ms));
}

void RolloutDetailView::refreshNow()
{
    refresh();
}

void RolloutDetailView::refresh()
{
    if (m_pendingProgress) {
        m_stages->setProgress(*m_pendingProgress);
        m_pendingProgress.reset();
    }
    const bool changed = m_timeline && m_timeline->takeDirty();
    if (changed || m_thresholdChanged)
        redrawCharts();
}

void RolloutDetailView::redrawCharts()
{
    m_thresholdChanged = false;
    ++m_chartRefreshes;
    QList<QPointF> succeeded, failed, rolledBack, rate;
    const qsizetype size = m_timeline ? m_timeline->size() : 0;
    for (QList<QPointF> *line : {&succeeded, &failed, &rolledBack, &rate})
        line->reserve(size);
    qint64 from = 0;
    qint64 to = 0;
    if (size > 0) {
        const auto &points = m_timeline->points();
        from = points.front().msecsSinceEpoch;
        to = points.back().msecsSinceEpoch;
        for (const models::TimelinePoint &point : points) {
            const auto x = double(point.msecsSinceEpoch);
            succeeded.append({x, point.succeeded});
            failed.append({x, point.failed});
            rolledBack.append({x, point.rolledBack});
            rate.append({x, point.failurePercent});
        }
    } else {
        to = QDateTime::currentMSecsSinceEpoch();
        from = to - MinimumSpanMs;
    }
    to = std::max(to, from + MinimumSpanMs);
    m_outcomeChart->setPoints(SucceededLine, succeeded);
    m_outcomeChart->setPoints(FailedLine, failed);
    m_outcomeChart->setPoints(RolledBackLine, rolledBack);
    double failures = 0;
    for (const QList<QPointF> *line : {&failed, &rolledBack}) {
        for (const QPointF &point : *line)
            failures = std::max(failures, point.y());
    }
    m_outcomeChart->setRanges(from, to, m_timeline ? m_timeline->maxCount() : 0,
                              std::max(failures * 2, 10.0));

    const double threshold = m_rollout ? m_rollout->maxFailurePercent : 0;
    m_failureChart->setPoints(FailureRateLine, rate);
    // The threshold sits well inside the chart so both sides of it read at a glance.
    const double seen = m_timeline ? m_timeline->maxFailurePercent() : 0;
    m_failureChart->setRanges(from, to, std::max({threshold * 2, seen, 1.0}));
    // Across the whole time axis, as the policy applies all along.
    const auto start = double(m_failureChart->rangeStartMs());
    const auto end = double(m_failureChart->rangeEndMs());
    m_failureChart->setPoints(ThresholdLine, m_rollout ? QList<QPointF>{{start, threshold}, {end, threshold}}
                                                       : QList<QPointF>());
}

void RolloutDetailView::updateEventsTabTitle()
{
    const int count = m_events->rowCount();
    m_tabs->setTabText(EventsTab, count > 0 ? tr("Events (%1)").arg(count) : tr("Events"));
}

} // namespace otter::ui
