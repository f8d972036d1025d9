// The rollout detail in the real console against a real otterd: opened from the rollouts page, it follows a
// running rollout live (stage bars, chart points, the device outcomes from ListDeployments), and shows the
// reason when the failure policy pauses a rollout of a release that rolls back. Screenshot of the live view.
#include "app/console/console_session.h"
#include "app/console/rollout_detail_controller.h"
#include "console_fixture.h"
#include "models/deployment_outcome_model.h"
#include "models/rollout_timeline.h"
#include "rollout_fixtures.h"
#include "ui/pages/rollout_detail_header.h"
#include "ui/pages/rollout_detail_view.h"
#include "ui/pages/rollout_event_list.h"
#include "ui/pages/rollout_stage_bars.h"
#include "ui/pages/rollouts_page.h"
#include "ui/pages/timeline_chart.h"

#include <QLabel>
#include <QProgressBar>
#include <QTest>
#include <QtCharts/QLineSeries>

using namespace otter;
using namespace otter::test;

namespace {

constexpr int Wait = 30000;

} // namespace

class ConsoleRolloutDetailTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void followsARunningRollout();
    void showsTheAutoPauseReason();

private:
    // Creates, approves and starts a rollout of one fleet, and opens vera's console on it.
    bool startRollout(const QString &id, int fleet, double maxFailurePercent, quint32 minFinished,
                      v1::Rollout *created);
    std::unique_ptr<console::ConsoleApp> viewerConsole();

    std::unique_ptr<ConsoleFixture> m_fixture;
    std::unique_ptr<RolloutScenario> m_scenario;
    SignedRelease m_release;
};

void ConsoleRolloutDetailTest::initTestCase()
{
    m_fixture = std::make_unique<ConsoleFixture>();
    QVERIFY2(m_fixture->otterd().start(), qPrintable(m_fixture->otterd().error()));
    m_scenario = std::make_unique<RolloutScenario>(m_fixture->otterd());
    QVERIFY(m_scenario->uploadRelease(QStringLiteral("3.1.0"), 2, &m_release));
    for (int fleet = 0; fleet < 2; ++fleet) {
        m_scenario->addDevices(40, QStringLiteral("gw-200"), QStringLiteral("1.0.0"), 1, fleet * 100);
        QVERIFY(m_scenario
                    ->createGroup(QStringLiteral("fleet-%1").arg(fleet),
                                  QStringLiteral("id ~ \"dev-00%1*\"").arg(fleet))
                    .ok());
    }
}

bool ConsoleRolloutDetailTest::startRollout(const QString &id, int fleet, double maxFailurePercent,
                                            quint32 minFinished, v1::Rollout *created)
{
    return m_scenario
               ->createApproved(id, m_release.releaseId, {QStringLiteral("fleet-%1").arg(fleet)},
                                {25, 50, 100}, maxFailurePercent, minFinished, created)
               .ok() &&
           m_scenario->act(QStringLiteral("Start"), id).ok();
}

std::unique_ptr<console::ConsoleApp> ConsoleRolloutDetailTest::viewerConsole()
{
    auto vera = m_fixture->startConsole(QStringLiteral("vera"));
    if (!QTest::qWaitFor([&] { return vera->isOnline() && vera->session(); }, Wait))
        return {};
    return vera;
}

void ConsoleRolloutDetailTest::followsARunningRollout()
{
    const QString id = QStringLiteral("detail-live");
    v1::Rollout created;
    QVERIFY(startRollout(id, 0, 50, 100, &created));
    auto vera = viewerConsole();
    QVERIFY(vera);
    console::RolloutDetailController *detail = vera->session()->rolloutDetailController();
    // Opened the way a double-click on the rollouts page opens it.
    emit vera->pages().rollouts->openDetailRequested(id);
    QCOMPARE(detail->rolloutId(), id);
    ui::RolloutDetailView *view = detail->view();
    QVERIFY(view && view->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(view->rollout().has_value(), Wait);
    QCOMPARE(view->header()->titleLabel()->text(), QString::fromStdString(created.name()));
    QCOMPARE(view->header()->stateLabel()->text(), QStringLiteral("RUNNING"));
    QTRY_COMPARE_WITH_TIMEOUT(view->stageBars()->stageCount(), 3, Wait);
    QTRY_COMPARE_WITH_TIMEOUT(detail->outcomes()->rowCount(), 40, Wait);

    // The fleet updates; the charts and bars follow the stream.
    QVERIFY(m_scenario->runUntil(
        id, [](const v1::GetRolloutResponse &r) { return r.rollout().current_stage() >= 1; }, alwaysSucceed));
    const v1::GetRolloutResponse stored = m_scenario->get(id);
    const double succeeded = double(stored.progress().total().succeeded());
    QVERIFY(succeeded >= 10);
    ui::TimelineChart *chart = view->outcomeChart();
    QTRY_VERIFY_WITH_TIMEOUT(chart->pointCount(ui::RolloutDetailView::SucceededLine) >= 2 &&
                                 chart->line(ui::RolloutDetailView::SucceededLine)->points().last().y() >=
                                     succeeded,
                             Wait);
    QCOMPARE(chart->pointCount(ui::RolloutDetailView::SucceededLine), int(detail->timeline()->size()));
    QTRY_COMPARE_WITH_TIMEOUT(view->stageBars()->bar(0)->value(), 10, Wait);
    QCOMPARE(view->stageBars()->statusText(0), QStringLiteral("passed"));
    QTRY_VERIFY_WITH_TIMEOUT(view->eventList()->eventText(0) == QStringLiteral("Stage 2 started"), Wait);
    QVERIFY(saveScreenshot(view, QStringLiteral("page-rollout-detail-live")));

    detail->close();
    QVERIFY(!view->isVisible());
    QVERIFY(detail->rolloutId().isEmpty());
}

void ConsoleRolloutDetailTest::showsTheAutoPauseReason()
{
    const QString id = QStringLiteral("detail-failing");
    v1::Rollout created;
    // Strict policy: above 5 % failed once 5 devices finished, inside stage 1 (10 devices).
    QVERIFY(startRollout(id, 1, 5, 5, &created));
    auto vera = viewerConsole();
    QVERIFY(vera);
    console::RolloutDetailController *detail = vera->session()->rolloutDetailController();
    detail->open(id);
    ui::RolloutDetailView *view = detail->view();
    QTRY_VERIFY_WITH_TIMEOUT(view->rollout().has_value(), Wait);
    QVERIFY(!view->header()->pauseReasonShown());

    QVERIFY(m_scenario->runUntil(
        id, [](const v1::GetRolloutResponse &r) { return r.rollout().auto_paused(); },
        [](const TestDevice &) { return TestDevice::Outcome::RollBack; }));
    const QString reason = QString::fromStdString(m_scenario->get(id).rollout().paused().comment());
    QVERIFY(!reason.isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(view->header()->pauseReasonShown(), Wait);
    QCOMPARE(view->header()->pauseReasonLabel()->text(), reason);
    QCOMPARE(view->header()->stateLabel()->text(), QStringLiteral("PAUSED automatically"));
    QTRY_COMPARE_WITH_TIMEOUT(view->eventList()->eventText(0), QStringLiteral("Paused automatically"), Wait);
    QCOMPARE(view->eventList()->messageText(0), reason);
    QTRY_VERIFY_WITH_TIMEOUT(
        view->failureChart()->pointCount(ui::RolloutDetailView::FailureRateLine) >= 2 &&
            view->failureChart()->line(ui::RolloutDetailView::FailureRateLine)->points().last().y() > 5,
        Wait);
    QVERIFY(saveScreenshot(view, QStringLiteral("page-rollout-detail-live-autopaused")));
}

QTEST_MAIN(ConsoleRolloutDetailTest)
#include "tst_console_rollout_detail.moc"
