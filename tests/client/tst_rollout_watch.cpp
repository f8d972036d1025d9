// RolloutWatchCalls against a real otterd: a watch starts with a snapshot and follows the rollout with
// absolute counters (the last one equals GetRollout's), pages of device outcomes, a stopped watch goes
// quiet, and a watch survives an otterd restart with a new snapshot.
#include "app/client/client_thread.h"
#include "app/client/console_client.h"
#include "app/client/rollout_progress_conversion.h"
#include "app/client/rollout_watch_calls.h"

#include "client_fixture.h"
#include "rollout_fixtures.h"

#include <QSignalSpy>
#include <QTest>

using namespace otter;
using namespace otter::client;
using namespace otter::test;

namespace {

// Every signal of the watch calls, received on the test thread (queued, as the console receives them).
class WatchRecorder final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WatchRecorder)

public:
    explicit WatchRecorder(RolloutWatchCalls *calls)
    {
        connect(calls, &RolloutWatchCalls::watchUpdate, this,
                [this](const models::RolloutWatchUpdate &update) { updates.append(update); });
        connect(calls, &RolloutWatchCalls::watchInterrupted, this,
                [this](const QString &id, const QString &message) {
                    interruptions.append({id, message});
                });
        connect(calls, &RolloutWatchCalls::watchEnded, this,
                [this](const QString &id, bool finished, const QString &message) {
                    ends.append({id, finished, message});
                });
        connect(calls, &RolloutWatchCalls::deploymentsReceived, this,
                [this](quint64 request, const QString &, const QList<models::DeploymentRecord> &page,
                       const QString &next) {
                    pages.append({request, page, next});
                });
        connect(calls, &RolloutWatchCalls::deploymentsFailed, this,
                [this](quint64 request, const QString &, const QString &message) {
                    pageFailures.append({request, message});
                });
    }

    qsizetype snapshots(const QString &id) const
    {
        return std::count_if(updates.begin(), updates.end(), [&](const models::RolloutWatchUpdate &u) {
            return u.snapshot && u.rolloutId == id;
        });
    }
    const models::RolloutWatchUpdate *last(const QString &id) const
    {
        for (auto it = updates.crbegin(); it != updates.crend(); ++it) {
            if (it->rolloutId == id)
                return &*it;
        }
        return nullptr;
    }

    struct Page
    {
        quint64 request = 0;
        QList<models::DeploymentRecord> deployments;
        QString next;
    };
    QList<models::RolloutWatchUpdate> updates;
    QList<std::pair<QString, QString>> interruptions;
    QList<std::tuple<QString, bool, QString>> ends;
    QList<Page> pages;
    QList<std::pair<quint64, QString>> pageFailures;
};

} // namespace

class TestRolloutWatch final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void snapshotThenUpdates();
    void deploymentPages();
    void stopWatchGoesQuiet();
    void refusedForUnknownRollout();
    void survivesServerRestart();

private:
    QString startRollout(const QString &id, int fleet);
    bool connectClient(ClientThread &thread);

    OtterdHarness m_otterd;
    std::unique_ptr<RolloutScenario> m_scenario;
    SignedRelease m_release;
};

void TestRolloutWatch::initTestCase()
{
    QVERIFY2(m_otterd.start(), qPrintable(m_otterd.error()));
    m_scenario = std::make_unique<RolloutScenario>(m_otterd);
    QVERIFY(m_scenario->uploadRelease(QStringLiteral("2.0.0"), 2, &m_release));
    // A fleet of 40 devices per rollout (dev-00000…, dev-00100…, …): each rollout updates its own.
    for (int fleet = 0; fleet < 4; ++fleet) {
        m_scenario->addDevices(40, QStringLiteral("gw-200"), QStringLiteral("1.0.0"), 1, fleet * 100);
        QVERIFY(m_scenario
                    ->createGroup(QStringLiteral("fleet-%1").arg(fleet),
                                  QStringLiteral("id ~ \"dev-00%1*\"").arg(fleet))
                    .ok());
    }
}

QString TestRolloutWatch::startRollout(const QString &id, int fleet)
{
    v1::Rollout rollout;
    // Stages 25/50/100 of 40 devices; a lenient policy so that the rollout keeps running.
    if (!m_scenario
             ->createApproved(id, m_release.releaseId, {QStringLiteral("fleet-%1").arg(fleet)}, {25, 50, 100},
                              50, 100, &rollout)
             .ok())
        return {};
    if (!m_scenario->act(QStringLiteral("Start"), id).ok())
        return {};
    return id;
}

bool TestRolloutWatch::connectClient(ClientThread &thread)
{
    QSignalSpy signedIn(thread.client(), &ConsoleClient::signedIn);
    thread.client()->setBackoff(100, 500);
    thread.client()->connectTo(pinnedProfile(m_otterd), m_otterd.token(QStringLiteral("vera")));
    return signedIn.wait(30000);
}

void TestRolloutWatch::snapshotThenUpdates()
{
    const QString id = startRollout(QStringLiteral("watch-live"), 0);
    QVERIFY(!id.isEmpty());
    ClientThread thread;
    WatchRecorder recorder(thread.client()->rolloutWatch());
    QVERIFY(connectClient(thread));
    thread.client()->rolloutWatch()->watch(id);
    QTRY_COMPARE_WITH_TIMEOUT(recorder.snapshots(id), 1, 30000);

    const models::RolloutWatchUpdate &snapshot = recorder.updates.first();
    QVERIFY(snapshot.snapshot);
    QVERIFY(snapshot.rollout.has_value());
    QCOMPARE(snapshot.rollout->state, QStringLiteral("RUNNING"));
    QCOMPARE(snapshot.progress.stages.size(), 3);
    QCOMPARE(snapshot.progress.stages.first().status, QStringLiteral("ACTIVE"));
    QCOMPARE(snapshot.progress.stages.first().deviceCount, 10u);
    QVERIFY(snapshot.progress.asOf.isValid());
    // The history: the start and the first stage.
    QVERIFY(
        std::any_of(snapshot.events.begin(), snapshot.events.end(), [](const models::RolloutEventRecord &e) {
            return e.kind == u"STATE_CHANGED" && e.toState == u"RUNNING" && e.actor == u"olga";
        }));
    QVERIFY(std::any_of(snapshot.events.begin(), snapshot.events.end(),
                        [](const models::RolloutEventRecord &e) { return e.kind == u"STAGE_STARTED"; }));

    // Devices update until the rollout completes; the stream follows with absolute counters and ends by
    // itself (OK) once nothing is under way, its last counters those GetRollout reports.
    QVERIFY(m_scenario->runUntil(
        id,
        [](const v1::GetRolloutResponse &r) { return r.rollout().state() == v1::ROLLOUT_STATE_COMPLETED; },
        alwaysSucceed));
    QTRY_COMPARE_WITH_TIMEOUT(recorder.ends.size(), 1, 30000);
    QCOMPARE(std::get<0>(recorder.ends.first()), id);
    QVERIFY(std::get<1>(recorder.ends.first())); // finished, not refused
    const v1::GetRolloutResponse stored = m_scenario->get(id);
    QCOMPARE(stored.progress().total().succeeded(), 40u);
    const models::DeploymentCountsRecord expected = toRecord(stored.progress().total());
    QCOMPARE(recorder.last(id)->progress.total, expected);
    QVERIFY(recorder.updates.size() >= 3);
    QCOMPARE(recorder.last(id)->progress.stages.last().status, QStringLiteral("PASSED"));
    QCOMPARE(recorder.snapshots(id), 1); // updates, not new snapshots
    QCOMPARE(recorder.last(id)->progress.failurePercent, stored.progress().failure_percent());
    // Events are never dropped: every sequence number once, in order, from the snapshot on.
    qint64 seq = 0;
    for (const models::RolloutWatchUpdate &update : std::as_const(recorder.updates)) {
        for (const models::RolloutEventRecord &event : update.events) {
            QCOMPARE(event.seq, seq + 1);
            seq = event.seq;
        }
    }
    QCOMPARE(seq, stored.events().empty() ? 0 : stored.events().rbegin()->seq());
    QVERIFY(recorder.interruptions.isEmpty());
    const models::RolloutWatchUpdate *withState = nullptr;
    for (const auto &update : std::as_const(recorder.updates))
        withState = update.rollout ? &update : withState;
    QCOMPARE(withState->rollout->state, QStringLiteral("COMPLETED"));
}

void TestRolloutWatch::deploymentPages()
{
    const QString id = QStringLiteral("watch-live");
    ClientThread thread;
    WatchRecorder recorder(thread.client()->rolloutWatch());
    QVERIFY(connectClient(thread));
    RolloutWatchCalls *calls = thread.client()->rolloutWatch();

    calls->listDeployments(id, {}, -1, {}, 15, 1);
    QTRY_COMPARE_WITH_TIMEOUT(recorder.pages.size(), 1, 30000);
    QCOMPARE(recorder.pages.first().request, 1u);
    QCOMPARE(recorder.pages.first().deployments.size(), 15);
    QVERIFY(!recorder.pages.first().next.isEmpty());
    calls->listDeployments(id, {}, -1, recorder.pages.first().next, 15, 2);
    calls->listDeployments(id, {}, -1, {}, 1000, 3);
    QTRY_COMPARE_WITH_TIMEOUT(recorder.pages.size(), 3, 30000);
    const auto all = std::find_if(recorder.pages.begin(), recorder.pages.end(),
                                  [](const auto &p) { return p.request == 3; });
    QCOMPARE(all->deployments.size(), 40);
    QVERIFY(all->next.isEmpty());
    const auto second = std::find_if(recorder.pages.begin(), recorder.pages.end(),
                                     [](const auto &p) { return p.request == 2; });
    // Pages follow on in device order.
    QCOMPARE(second->deployments.first().deviceId, all->deployments.at(15).deviceId);

    // Filters: state and stage, as the server applies them.
    const v1::GetRolloutResponse stored = m_scenario->get(id);
    calls->listDeployments(id, {QStringLiteral("SUCCEEDED")}, -1, {}, 1000, 4);
    calls->listDeployments(id, {}, 0, {}, 1000, 5);
    calls->listDeployments(id, {QStringLiteral("EXPLODED")}, -1, {}, 1000, 6);
    QTRY_COMPARE_WITH_TIMEOUT(recorder.pages.size(), 5, 30000);
    QTRY_COMPARE_WITH_TIMEOUT(recorder.pageFailures.size(), 1, 30000);
    for (const auto &page : std::as_const(recorder.pages)) {
        if (page.request == 4) {
            QCOMPARE(quint64(page.deployments.size()), stored.progress().total().succeeded());
            for (const auto &d : page.deployments)
                QCOMPARE(d.state, QStringLiteral("SUCCEEDED"));
        } else if (page.request == 5) {
            QCOMPARE(page.deployments.size(), 10);
            for (const auto &d : page.deployments)
                QCOMPARE(d.stage, 0);
        }
    }
    QCOMPARE(recorder.pageFailures.first().first, 6u);
    QVERIFY2(recorder.pageFailures.first().second.contains(QLatin1StringView("EXPLODED")),
             qPrintable(recorder.pageFailures.first().second));
}

void TestRolloutWatch::stopWatchGoesQuiet()
{
    const QString id = startRollout(QStringLiteral("watch-stop"), 1);
    QVERIFY(!id.isEmpty());
    ClientThread thread;
    WatchRecorder recorder(thread.client()->rolloutWatch());
    QVERIFY(connectClient(thread));
    RolloutWatchCalls *calls = thread.client()->rolloutWatch();
    calls->watch(id);
    QTRY_COMPARE_WITH_TIMEOUT(recorder.snapshots(id), 1, 30000);
    calls->stopWatch(id);
    const qsizetype before = recorder.updates.size();

    // The fleet moves on; the stopped watch reports nothing of it and does not report its own end. A new
    // watch then brings a snapshot with the new counters, and only that.
    m_scenario->stepAll(alwaysSucceed);
    const models::DeploymentCountsRecord moved = toRecord(m_scenario->get(id).progress().total());
    QVERIFY(moved.succeeded > 0);
    calls->watch(id);
    QTRY_COMPARE_WITH_TIMEOUT(recorder.snapshots(id), 2, 30000);
    QCOMPARE(recorder.updates.size(), before + 1);
    QVERIFY(recorder.updates.last().snapshot);
    QCOMPARE(recorder.updates.last().progress.total, moved);
    QVERIFY(recorder.ends.isEmpty());
    QVERIFY(recorder.interruptions.isEmpty());
    calls->stopWatch(id);
}

void TestRolloutWatch::refusedForUnknownRollout()
{
    ClientThread thread;
    WatchRecorder recorder(thread.client()->rolloutWatch());
    QVERIFY(connectClient(thread));
    thread.client()->rolloutWatch()->watch(QStringLiteral("no-such-rollout"));
    QTRY_COMPARE_WITH_TIMEOUT(recorder.ends.size(), 1, 30000);
    const auto &[id, finished, message] = recorder.ends.first();
    QCOMPARE(id, QStringLiteral("no-such-rollout"));
    QVERIFY(!finished);
    QVERIFY2(message.contains(QLatin1StringView("no-such-rollout")), qPrintable(message));
    QVERIFY(recorder.updates.isEmpty());
}

void TestRolloutWatch::survivesServerRestart()
{
    const QString id = startRollout(QStringLiteral("watch-restart"), 2);
    QVERIFY(!id.isEmpty());
    ClientThread thread;
    WatchRecorder recorder(thread.client()->rolloutWatch());
    QVERIFY(connectClient(thread));
    thread.client()->rolloutWatch()->setRetryDelay(200);
    thread.client()->rolloutWatch()->watch(id);
    QTRY_COMPARE_WITH_TIMEOUT(recorder.snapshots(id), 1, 30000);

    QVERIFY2(m_otterd.restart(), qPrintable(m_otterd.error()));
    // The stream breaks (reported, not ended) and comes back on its own with a new snapshot.
    QTRY_VERIFY_WITH_TIMEOUT(!recorder.interruptions.isEmpty(), 30000);
    QCOMPARE(recorder.interruptions.first().first, id);
    QTRY_COMPARE_WITH_TIMEOUT(recorder.snapshots(id), 2, 60000);
    QVERIFY(recorder.ends.isEmpty());

    // And it is live: progress after the restart arrives on the new stream.
    for (int round = 0; round < 4; ++round)
        m_scenario->stepAll(alwaysSucceed);
    const models::DeploymentCountsRecord expected = toRecord(m_scenario->get(id).progress().total());
    QVERIFY(expected.succeeded > 0);
    QTRY_VERIFY_WITH_TIMEOUT(recorder.last(id)->progress.total == expected, 30000);
    QCOMPARE(recorder.snapshots(id), 2);
}

QTEST_MAIN(TestRolloutWatch)
#include "tst_rollout_watch.moc"
