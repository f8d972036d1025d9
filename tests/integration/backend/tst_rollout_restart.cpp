// otterd killed (SIGKILL) in the middle of a rollout while 300 devices report from several threads, then
// restarted: the rollout carries on to COMPLETED, its counters equal the deployments one by one, the
// database is intact, and no device was directed to install twice.
#include "rollout_fixtures.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QScopeGuard>
#include <QTest>

#include <atomic>
#include <thread>

using namespace otter;
using namespace otter::test;

namespace {

constexpr int DeviceCount = 300;
constexpr int Drivers = 6;

} // namespace

class TestRolloutRestart : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(m_otterd.start(), qPrintable(m_otterd.error()));
        m_scenario = std::make_unique<RolloutScenario>(m_otterd);
        QVERIFY(m_scenario->uploadRelease(QStringLiteral("2.0.0"), 2, &m_release));
        m_scenario->addDevices(DeviceCount, QStringLiteral("gw-200"), QStringLiteral("1.0.0"), 1, 0);
        QVERIFY(
            m_scenario->createGroup(QStringLiteral("fleet"), QStringLiteral("region == \"eu-west\"")).ok());
    }

    void killedMidRolloutContinuesAfterRestart()
    {
        const QString id = QStringLiteral("restart");
        QVERIFY(m_scenario
                    ->createApproved(id, m_release.releaseId, {QStringLiteral("fleet")}, {10, 50, 100}, 50,
                                     20, nullptr)
                    .ok());
        QVERIFY(m_scenario->act(QStringLiteral("Start"), id).ok());

        // Devices work through their update loop from several threads, as a fleet does, and go on through the
        // outage: their calls wait for the connection and reports are retried until answered.
        std::atomic<bool> stop{false};
        std::vector<std::thread> drivers;
        auto &devices = m_scenario->devices();
        for (int t = 0; t < Drivers; ++t) {
            drivers.emplace_back([&, t] {
                while (!stop.load()) {
                    for (size_t i = size_t(t); i < devices.size(); i += Drivers) {
                        if (devices[i]->version() != QLatin1StringView("2.0.0"))
                            devices[i]->step();
                    }
                }
            });
        }
        const auto joinDrivers = qScopeGuard([&] {
            stop = true;
            for (std::thread &driver : drivers)
                driver.join();
        });

        // Kill it once stage 2 is well under way: reports are flowing.
        v1::GetRolloutResponse before;
        QVERIFY(waitFor(
            [&] {
                before = m_scenario->get(id);
                return before.rollout().current_stage() >= 1 && before.progress().total().succeeded() >= 60;
            },
            120000));
        QCOMPARE(before.rollout().state(), v1::ROLLOUT_STATE_RUNNING);
        m_otterd.kill();
        QVERIFY2(m_otterd.restart(), qPrintable(m_otterd.error()));

        // It continues where it was: nothing committed is lost, nothing restarts from scratch.
        const v1::GetRolloutResponse resumed = m_scenario->get(id);
        QVERIFY2(resumed.rollout().state() == v1::ROLLOUT_STATE_RUNNING ||
                     resumed.rollout().state() == v1::ROLLOUT_STATE_COMPLETED,
                 v1::RolloutState_Name(resumed.rollout().state()).c_str());
        QVERIFY(resumed.rollout().current_stage() >= before.rollout().current_stage());
        QVERIFY(resumed.progress().total().succeeded() >= before.progress().total().succeeded());
        QVERIFY(waitFor([&] { return m_scenario->get(id).rollout().state() == v1::ROLLOUT_STATE_COMPLETED; },
                        180000));
        stop = true;
        for (std::thread &driver : drivers)
            driver.join();
        drivers.clear();

        // Counters exact: GetRollout equals the deployments counted one by one.
        const v1::GetRolloutResponse done = m_scenario->get(id);
        QCOMPARE(done.progress().total().succeeded(), quint64(DeviceCount));
        grpc::Status listed;
        const QList<v1::Deployment> deployments =
            m_scenario->deployments(id, {}, std::nullopt, 64, nullptr, &listed);
        QVERIFY2(listed.ok(), listed.error_message().c_str());
        QCOMPARE(deployments.size(), DeviceCount);
        QMap<std::pair<quint32, int>, quint64> counted;
        for (const v1::Deployment &deployment : deployments)
            counted[{deployment.stage(), int(deployment.state())}] += 1;
        quint64 stageTotal = 0;
        for (int stage = 0; stage < done.progress().stages_size(); ++stage) {
            const v1::DeploymentCounts &counts = done.progress().stages(stage).counts();
            const quint64 expected[] = {0,
                                        counts.pending(),
                                        counts.downloading(),
                                        counts.downloaded(),
                                        counts.installing(),
                                        counts.rebooting(),
                                        counts.succeeded(),
                                        counts.failed(),
                                        counts.rolled_back()};
            for (int state = v1::DEPLOYMENT_STATE_PENDING; state <= v1::DEPLOYMENT_STATE_ROLLED_BACK; ++state)
                QCOMPARE(counted.value({quint32(stage), state}), expected[state]);
            QCOMPARE(counts.succeeded(), done.progress().stages(stage).device_count());
            stageTotal += done.progress().stages(stage).device_count();
        }
        QCOMPARE(stageTotal, quint64(DeviceCount));
        // Each stage started exactly once, the rollout completed exactly once.
        QMap<int, int> stageStarts;
        int completions = 0;
        for (const v1::RolloutEvent &event : done.events()) {
            if (event.kind() == v1::ROLLOUT_EVENT_KIND_STAGE_STARTED)
                stageStarts[int(event.stage())] += 1;
            completions += event.to_state() == v1::ROLLOUT_STATE_COMPLETED;
        }
        QCOMPARE(stageStarts, (QMap<int, int>{{0, 1}, {1, 1}, {2, 1}}));
        QCOMPARE(completions, 1);

        // No device was directed to install twice: each device began exactly one install, and the server
        // holds exactly one deployment per device, none of them begun twice.
        int retried = 0;
        for (const auto &device : devices) {
            QVERIFY2(device->installs() == 1,
                     qPrintable(
                         QStringLiteral("%1 installed %2 times").arg(device->id()).arg(device->installs())));
            QCOMPARE(device->version(), QStringLiteral("2.0.0"));
            retried += device->retriedReports();
        }
        qInfo("killed with %llu of %d devices updated; %d reports were repeated after the connection broke",
              qulonglong(before.progress().total().succeeded()), DeviceCount, retried);

        // The database, read with the stock sqlite3 tool.
        QCOMPARE(sqliteText(m_otterd, QStringLiteral("PRAGMA integrity_check")), QStringLiteral("ok"));
        const QJsonArray rows = sqliteRows(
            m_otterd,
            QStringLiteral("SELECT COUNT(*) AS n, COUNT(DISTINCT device_id) AS devices, "
                           "SUM(state = 6) AS succeeded FROM deployments WHERE rollout_id = 'restart'"));
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows[0].toObject().value(QStringLiteral("n")).toInt(), DeviceCount);
        QCOMPARE(rows[0].toObject().value(QStringLiteral("devices")).toInt(), DeviceCount);
        QCOMPARE(rows[0].toObject().value(QStringLiteral("succeeded")).toInt(), DeviceCount);
        // The stored counters agree with the deployment rows in every (stage, state).
        const QJsonArray mismatches = sqliteRows(
            m_otterd,
            QStringLiteral(
                "WITH actual AS (SELECT COALESCE(stage, -1) AS stage, state, COUNT(*) AS n FROM deployments "
                "WHERE rollout_id = 'restart' GROUP BY 1, 2) "
                "SELECT c.stage, c.state, c.count, COALESCE(a.n, 0) AS actual FROM rollout_counts c "
                "LEFT JOIN actual a ON a.stage = c.stage AND a.state = c.state "
                "WHERE c.rollout_id = 'restart' AND c.count != COALESCE(a.n, 0) "
                "UNION ALL SELECT a.stage, a.state, NULL, a.n FROM actual a WHERE NOT EXISTS "
                "(SELECT 1 FROM rollout_counts c WHERE c.rollout_id = 'restart' AND c.stage = a.stage "
                "AND c.state = a.state)"));
        QVERIFY2(mismatches.isEmpty(), QJsonDocument(mismatches).toJson().constData());
        QCOMPARE(sqliteText(m_otterd, QStringLiteral("SELECT COUNT(*) FROM rollout_counts WHERE rollout_id = "
                                                     "'restart' AND count != 0")),
                 QStringLiteral("3")); // one SUCCEEDED row per stage, nothing left elsewhere
    }

    void cleanup()
    {
        if (QTest::currentTestFailed())
            qWarning().noquote() << m_otterd.log().right(4000);
    }

private:
    OtterdHarness m_otterd;
    std::unique_ptr<RolloutScenario> m_scenario;
    SignedRelease m_release;
};

QTEST_GUILESS_MAIN(TestRolloutRestart)
#include "tst_rollout_restart.moc"
