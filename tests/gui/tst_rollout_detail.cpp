// The rollout detail view: progress coalesced to the refresh timer, charts drawn from the timeline with the
// threshold line, the auto-pause reason shown where it cannot be missed, the event list, the outcomes
// table's filters; and screenshots of a running and an auto-paused rollout in light and dark palettes.
#include "rollout_detail_samples.h"

#include "models/deployment_outcome_model.h"
#include "models/rollout_timeline.h"
#include "ui/pages/rollout_detail_header.h"
#include "ui/pages/rollout_detail_view.h"
#include "ui/pages/rollout_event_list.h"
#include "ui/pages/rollout_outcome_table.h"
#include "ui/pages/rollout_stage_bars.h"
#include "ui/pages/timeline_chart.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QStyleFactory>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QtCharts/QLineSeries>

using namespace otter;
using namespace otter::ui;
using namespace otter::ui::testing;

namespace {

// A dark theme built from three tones, as dark desktop themes are.
QPalette nightPalette()
{
    const QColor surface(0x23, 0x25, 0x29), field(0x1a, 0x1c, 0x1f), ink(0xe4, 0xe6, 0xea);
    QPalette palette(ink, surface, surface.lighter(130), field, surface.lighter(115), ink, ink, field,
                     surface);
    palette.setColor(QPalette::AlternateBase, field.lighter(125));
    palette.setColor(QPalette::Highlight, QColor(0x38, 0x7a, 0xd0));
    palette.setColor(QPalette::HighlightedText, Qt::white);
    palette.setColor(QPalette::PlaceholderText, QColor(0x98, 0x9c, 0xa4));
    for (QPalette::ColorRole role : {QPalette::Text, QPalette::WindowText, QPalette::ButtonText})
        palette.setColor(QPalette::Disabled, role, QColor(0x7c, 0x7f, 0x85));
    return palette;
}

void feed(RolloutDetailView &view, models::RolloutTimeline &timeline, const RolloutSample &sample)
{
    view.setRollout(sample.rollout,
                    sample.rollout.autoPaused ? QStringLiteral("2.5.1") : QStringLiteral("2.5.0"));
    view.setEvents(sample.events);
    for (const models::RolloutProgressRecord &progress : sample.history) {
        timeline.add(progress);
        view.setProgress(progress);
    }
}

} // namespace

class TestRolloutDetail final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void progressIsCoalescedToTheRefresh();
    void chartsFollowTheTimeline();
    void autoPauseReasonIsShown();
    void eventListSkipsSeenEvents();
    void outcomeFilters();
    void screenshots_data();
    void screenshots();

private:
    QString m_dir;
};

void TestRolloutDetail::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    qputenv("TZ", "UTC");
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    m_dir = qEnvironmentVariable("OTTER_SCREENSHOT_DIR", QStringLiteral(OTTER_SCREENSHOT_DIR));
    QVERIFY(QDir().mkpath(m_dir));
}

void TestRolloutDetail::progressIsCoalescedToTheRefresh()
{
    RolloutDetailView view;
    models::RolloutTimeline timeline;
    view.setTimeline(&timeline);
    view.setRefreshInterval(60000); // only refreshNow() refreshes here
    view.refreshNow();
    const quint64 before = view.chartRefreshes();
    const RolloutSample sample = makeRolloutSample(false);
    feed(view, timeline, sample);
    // 201 updates and nothing drawn yet: the stage bars and charts wait for the refresh.
    QCOMPARE(view.stageBars()->stageCount(), 0);
    QCOMPARE(view.chartRefreshes(), before);
    view.refreshNow();
    QCOMPARE(view.chartRefreshes(), before + 1);
    QCOMPARE(view.stageBars()->stageCount(), 5);
    const models::StageProgressRecord &stage2 = sample.history.last().stages.at(1);
    QCOMPARE(view.stageBars()->bar(1)->value(), int(stage2.counts.finished()));
    QCOMPARE(view.stageBars()->bar(1)->maximum(), 180);
    QCOMPARE(view.stageBars()->statusText(0), QStringLiteral("passed"));
    QCOMPARE(view.stageBars()->statusText(1), QStringLiteral("active"));
    QCOMPARE(view.stageBars()->gateText(1), stage2.gateDetail);
    // Nothing new: no redraw.
    view.refreshNow();
    QCOMPARE(view.chartRefreshes(), before + 1);

    // The timer does the same on its own.
    view.setRefreshInterval(20);
    models::RolloutProgressRecord next = sample.history.last();
    next.asOf = next.asOf.addSecs(15);
    next.total.succeeded += 3;
    next.stages[1].counts.succeeded += 3;
    timeline.add(next);
    view.setProgress(next);
    QTRY_COMPARE(view.chartRefreshes(), before + 2);
    QCOMPARE(view.stageBars()->bar(1)->value(), int(stage2.counts.finished() + 3));
}

void TestRolloutDetail::chartsFollowTheTimeline()
{
    RolloutDetailView view;
    models::RolloutTimeline timeline;
    view.setTimeline(&timeline);
    const RolloutSample sample = makeRolloutSample(false);
    feed(view, timeline, sample);
    view.refreshNow();
    TimelineChart *outcomes = view.outcomeChart();
    QCOMPARE(outcomes->lineCount(), 3);
    for (int line :
         {RolloutDetailView::SucceededLine, RolloutDetailView::FailedLine, RolloutDetailView::RolledBackLine})
        QCOMPARE(outcomes->pointCount(line), int(timeline.size()));
    const QPointF last = outcomes->line(RolloutDetailView::SucceededLine)->points().last();
    QCOMPARE(qint64(last.x()), sample.history.last().asOf.toMSecsSinceEpoch());
    QCOMPARE(last.y(), double(sample.history.last().total.succeeded));
    QCOMPARE(outcomes->line(RolloutDetailView::RolledBackLine)->points().last().y(),
             double(sample.history.last().total.rolledBack));

    TimelineChart *failure = view.failureChart();
    QCOMPARE(failure->pointCount(RolloutDetailView::FailureRateLine), int(timeline.size()));
    QCOMPARE(failure->line(RolloutDetailView::FailureRateLine)->points().last().y(),
             sample.history.last().failurePercent);
    // The threshold: the policy's percentage across the whole time axis.
    const QList<QPointF> threshold = failure->line(RolloutDetailView::ThresholdLine)->points();
    QCOMPARE(threshold.size(), 2);
    QCOMPARE(threshold.first().y(), sample.rollout.maxFailurePercent);
    QCOMPARE(threshold.last().y(), sample.rollout.maxFailurePercent);
    QVERIFY(qint64(threshold.first().x()) <= sample.history.first().asOf.toMSecsSinceEpoch());
    QVERIFY(qint64(threshold.last().x()) >= sample.history.last().asOf.toMSecsSinceEpoch());

    // A changed policy (a new revision of the rollout) moves the line at the next refresh.
    models::RolloutRecord stricter = sample.rollout;
    stricter.maxFailurePercent = 2.5;
    view.setRollout(stricter, QStringLiteral("2.5.0"));
    view.refreshNow();
    QCOMPARE(failure->line(RolloutDetailView::ThresholdLine)->points().first().y(), 2.5);
}

void TestRolloutDetail::autoPauseReasonIsShown()
{
    RolloutDetailView view;
    const RolloutSample paused = makeRolloutSample(true);
    view.setRollout(paused.rollout, QStringLiteral("2.5.1"));
    QVERIFY(view.header()->pauseReasonShown());
    QCOMPARE(view.header()->pauseReasonLabel()->text(),
             QStringLiteral("auto-paused: stage 2 failure rate 7.5% > 5% over 40 devices"));
    QCOMPARE(view.header()->stateLabel()->text(), QStringLiteral("PAUSED automatically"));
    QVERIFY(view.windowTitle().contains(paused.rollout.name));

    // Resumed: the reason goes.
    models::RolloutRecord resumed = paused.rollout;
    resumed.state = QStringLiteral("RUNNING");
    resumed.autoPaused = false;
    resumed.paused = {};
    view.setRollout(resumed, QStringLiteral("2.5.1"));
    QVERIFY(!view.header()->pauseReasonShown());
    QCOMPARE(view.header()->stateLabel()->text(), QStringLiteral("RUNNING"));

    // A manual pause is not the failure policy's: no warning panel.
    models::RolloutRecord manual = resumed;
    manual.state = QStringLiteral("PAUSED");
    manual.paused = {QStringLiteral("olga"), QDateTime::currentDateTimeUtc(), QStringLiteral("lunch")};
    view.setRollout(manual, QStringLiteral("2.5.1"));
    QVERIFY(!view.header()->pauseReasonShown());
}

void TestRolloutDetail::eventListSkipsSeenEvents()
{
    RolloutDetailView view;
    const RolloutSample paused = makeRolloutSample(true);
    view.setEvents(paused.events.mid(0, 4));
    QCOMPARE(view.eventList()->rowCount(), 4);
    // Later messages carry only new events, but a repeat must not show twice.
    view.addEvents(paused.events.mid(2));
    RolloutEventList *list = view.eventList();
    QCOMPARE(list->rowCount(), paused.events.size());
    QCOMPARE(list->eventText(0), QStringLiteral("Paused automatically"));
    QCOMPARE(list->messageText(0), paused.rollout.paused.comment);
    QCOMPARE(list->eventText(1), QStringLiteral("Stage 2 started"));
    QCOMPARE(list->eventText(list->rowCount() - 1), QStringLiteral("DRAFT → PENDING_APPROVAL"));
    QCOMPARE(view.tabs()->tabText(RolloutDetailView::EventsTab),
             QStringLiteral("Events (%1)").arg(paused.events.size()));
    // A snapshot after a reconnect replaces the history.
    view.setEvents(paused.events.mid(0, 3));
    QCOMPARE(list->rowCount(), 3);
}

void TestRolloutDetail::outcomeFilters()
{
    RolloutDetailView view;
    models::DeploymentOutcomeModel model;
    view.setOutcomeModel(&model);
    view.setRollout(makeRolloutSample(false).rollout, {});
    RolloutOutcomeTable *table = view.outcomeTable();
    QCOMPARE(table->stageCombo()->count(), 6); // all + 5 stages
    QSignalSpy changed(table, &RolloutOutcomeTable::filterChanged);
    QVERIFY(changed.isValid());
    table->setFilter(QStringLiteral("ROLLED_BACK"), 1);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.first().at(0).toStringList(),
             (QStringList{QStringLiteral("FAILED"), QStringLiteral("ROLLED_BACK")}));
    QCOMPARE(changed.first().at(1).toInt(), 1);
    table->setFilter({}, -1);
    QVERIFY(table->stateFilter().isEmpty());
    QCOMPARE(table->stageFilter(), -1);
    QSignalSpy more(table, &RolloutOutcomeTable::moreRequested);
    table->setMoreAvailable(true);
    table->moreButton()->click();
    QCOMPARE(more.size(), 1);
    model.appendPage(makeRolloutSample(false).deployments);
    QCOMPARE(table->table()->model()->rowCount(), 60);
}

void TestRolloutDetail::screenshots_data()
{
    QTest::addColumn<bool>("autoPaused");
    QTest::addColumn<bool>("dark");
    QTest::addColumn<int>("tab");
    QTest::newRow("running-light") << false << false << int(RolloutDetailView::EventsTab);
    QTest::newRow("running-dark") << false << true << int(RolloutDetailView::EventsTab);
    QTest::newRow("autopaused-light") << true << false << int(RolloutDetailView::EventsTab);
    QTest::newRow("autopaused-dark") << true << true << int(RolloutDetailView::EventsTab);
    QTest::newRow("outcomes-light") << true << false << int(RolloutDetailView::DevicesTab);
}

void TestRolloutDetail::screenshots()
{
    QFETCH(bool, autoPaused);
    QFETCH(bool, dark);
    QFETCH(int, tab);
    const RolloutSample sample = makeRolloutSample(autoPaused);
    RolloutDetailView view;
    if (dark)
        view.setPalette(nightPalette());
    models::RolloutTimeline timeline;
    models::DeploymentOutcomeModel outcomes;
    view.setTimeline(&timeline);
    view.setOutcomeModel(&outcomes);
    feed(view, timeline, sample);
    outcomes.appendPage(sample.deployments);
    view.outcomeTable()->setStatus(QStringLiteral("first 60 devices"));
    view.outcomeTable()->setMoreAvailable(true);
    view.setFeedStatus(autoPaused ? QStringLiteral("live") : QStringLiteral("live · updated 09:30:00"));
    view.tabs()->setCurrentIndex(tab);
    view.resize(1180, 860);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.refreshNow();
    QCoreApplication::processEvents();
    QVERIFY(view.outcomeChart()->pointCount(RolloutDetailView::SucceededLine) > 100);
    const QString name =
        QStringLiteral("page-rollout-detail-%1.png").arg(QString::fromLatin1(QTest::currentDataTag()));
    const QImage image = view.grab().toImage();
    QVERIFY(image.save(QDir(m_dir).filePath(name)));
}

QTEST_MAIN(TestRolloutDetail)
#include "tst_rollout_detail.moc"
