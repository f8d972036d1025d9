// otter-sim fleets against a real otterd: a good release reaches every device; a release whose boot fails on
// 20 % auto-pauses in stage 1 and the failed devices come back on the old bank; corrupted chunks, a tampered
// artifact and a downgrade are refused; power cuts at random points of 200 installs leave every device on a
// good bank; a restarted simulator resumes the same devices on the same versions.
#include "sim_fleet.h"

#include <QTest>

using namespace otter;
using namespace otter::test;

namespace {

bool settled(const v1::DeploymentCounts &c)
{
    return c.downloading() + c.downloaded() + c.installing() + c.rebooting() == 0;
}

QString group(RolloutScenario &scenario, const QString &region)
{
    const QString id = QStringLiteral("g-") + region;
    scenario.createGroup(id, QStringLiteral("region == \"%1\"").arg(region));
    return id;
}

} // namespace

class TestSimFleet : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        // Devices check in every 6 s, every second while an update is under way.
        QVERIFY2(m_otterd.start({QStringLiteral("--check-in-interval"), QStringLiteral("6")}),
                 qPrintable(m_otterd.error()));
        QVERIFY(trustKey(m_otterd, m_key).ok());
    }

    void goodReleaseReachesEveryDevice()
    {
        RolloutScenario scenario(m_otterd);
        SimFleet fleet(m_otterd, m_key);
        fleet.provision(1000, 0, QStringLiteral("good"));
        QVERIFY(fleet.start());
        const SignedRelease release =
            uploadSimRelease(m_otterd, m_key, m_dir.path(), QStringLiteral("2.0.0"), 2);
        QVERIFY(scenario
                    .createApproved(QStringLiteral("good"), release.releaseId,
                                    {group(scenario, QStringLiteral("good"))}, {10, 100}, 10, 20, nullptr)
                    .ok());
        QVERIFY(scenario.act(QStringLiteral("Start"), QStringLiteral("good")).ok());
        QVERIFY(waitForRollout(
            scenario, QStringLiteral("good"),
            [](const auto &r) { return r.rollout().state() == v1::ROLLOUT_STATE_COMPLETED; }, 150000));
        const auto deployments = scenario.deployments(QStringLiteral("good"));
        QCOMPARE(deployments.size(), 1000);
        const auto devices = fleet.snapshot();
        for (const v1::Deployment &deployment : deployments) {
            QCOMPARE(deployment.state(), v1::DEPLOYMENT_STATE_SUCCEEDED);
            const auto &device = devices[QString::fromStdString(deployment.device_id())];
            QCOMPARE(device.runningVersion, QStringLiteral("2.0.0"));
            QCOMPARE(device.securityCounter, quint64(2));
            QCOMPARE(device.installs, 1);
        }
        QCOMPARE(fleet.runner().summary().byVersion.value(QStringLiteral("2.0.0")), 1000);
    }

    void bootFailuresPauseStageOne()
    {
        RolloutScenario scenario(m_otterd);
        SimFleet fleet(m_otterd, m_key);
        fleet.config().faults.bootFailure.insert(QStringLiteral("3.0.0"), 0.2);
        fleet.provision(400, 2000, QStringLiteral("flaky"));
        QVERIFY(fleet.start());
        const SignedRelease release =
            uploadSimRelease(m_otterd, m_key, m_dir.path(), QStringLiteral("3.0.0"), 2);
        QVERIFY(scenario
                    .createApproved(QStringLiteral("flaky"), release.releaseId,
                                    {group(scenario, QStringLiteral("flaky"))}, {25, 100}, 10, 20, nullptr)
                    .ok());
        QVERIFY(scenario.act(QStringLiteral("Start"), QStringLiteral("flaky")).ok());
        // Auto-paused, and the devices that were already at work have finished.
        QVERIFY(waitForRollout(
            scenario, QStringLiteral("flaky"),
            [](const auto &r) {
                return r.rollout().state() == v1::ROLLOUT_STATE_PAUSED &&
                       settled(r.progress().stages(0).counts());
            },
            120000));
        const v1::GetRolloutResponse rollout = scenario.get(QStringLiteral("flaky"));
        QVERIFY(rollout.rollout().auto_paused());
        QCOMPARE(rollout.rollout().current_stage(), 0u);
        QVERIFY(rollout.progress().stages(0).counts().rolled_back() > 0);
        const auto devices = fleet.snapshot();
        int rolledBack = 0;
        for (const v1::Deployment &deployment : scenario.deployments(QStringLiteral("flaky"))) {
            const auto &device = devices[QString::fromStdString(deployment.device_id())];
            switch (deployment.state()) {
            case v1::DEPLOYMENT_STATE_ROLLED_BACK:
                ++rolledBack;
                QCOMPARE(deployment.error(), v1::DEPLOYMENT_ERROR_BOOT_FAILED);
                QCOMPARE(device.runningVersion, QStringLiteral("1.0.0"));
                QCOMPARE(device.lastOutcome, v1::DEPLOYMENT_STATE_ROLLED_BACK);
                QCOMPARE(device.securityCounter, quint64(1));
                break;
            case v1::DEPLOYMENT_STATE_SUCCEEDED:
                QCOMPARE(device.runningVersion, QStringLiteral("3.0.0"));
                break;
            case v1::DEPLOYMENT_STATE_PENDING:
                QCOMPARE(device.runningVersion, QStringLiteral("1.0.0"));
                QCOMPARE(device.installs, 0);
                break;
            default:
                QFAIL(qPrintable(QStringLiteral("unexpected %1")
                                     .arg(QString::fromStdString(deployment.ShortDebugString()))));
            }
            if (deployment.stage() == 1) { // stage 2 never began
                QCOMPARE(deployment.state(), v1::DEPLOYMENT_STATE_PENDING);
                QCOMPARE(device.installs, 0);
                QCOMPARE(device.runningVersion, QStringLiteral("1.0.0"));
            }
        }
        QCOMPARE(quint64(rolledBack), rollout.progress().stages(0).counts().rolled_back());
        QCOMPARE(rollout.progress().stages(1).counts().pending(),
                 rollout.progress().stages(1).device_count());
    }

    void damagedImagesAreRefused()
    {
        RolloutScenario scenario(m_otterd);
        // Corrupted chunks: every download of this fleet gets one chunk with a flipped bit.
        SimFleet corrupt(m_otterd, m_key);
        corrupt.config().faults.corruptChunk = 1.0;
        corrupt.provision(30, 3000, QStringLiteral("corrupt"));
        QVERIFY(corrupt.start());
        // Tampered artifact: otterd's stored image is overwritten after the upload (same size, other bytes).
        SimFleet tampered(m_otterd, m_key);
        tampered.provision(30, 3100, QStringLiteral("tampered"));
        QVERIFY(tampered.start());
        const SignedRelease good =
            uploadSimRelease(m_otterd, m_key, m_dir.path(), QStringLiteral("4.0.0"), 2);
        const SignedRelease victim =
            uploadSimRelease(m_otterd, m_key, m_dir.path(), QStringLiteral("4.1.0"), 2);
        QByteArray other = readFile(victim.imagePath);
        QCOMPARE(readFile(artifactPath(m_otterd, victim.imageSha256)), other);
        other[1000] = char(other[1000] ^ 0x01);
        writeFile(artifactPath(m_otterd, victim.imageSha256), other);
        for (const auto &[id, release] :
             {std::pair{QStringLiteral("corrupt"), good}, std::pair{QStringLiteral("tampered"), victim}}) {
            QVERIFY(
                scenario.createApproved(id, release.releaseId, {group(scenario, id)}, {100}, 100, 1, nullptr)
                    .ok());
            QVERIFY(scenario.act(QStringLiteral("Start"), id).ok());
        }
        for (const auto &[id, fleet] : {std::pair{QStringLiteral("corrupt"), &corrupt},
                                        std::pair{QStringLiteral("tampered"), &tampered}}) {
            QVERIFY(waitForRollout(
                scenario, id, [](const auto &r) { return r.progress().total().failed() == 30; }, 90000));
            const auto devices = fleet->snapshot();
            for (const v1::Deployment &deployment : scenario.deployments(id)) {
                QCOMPARE(deployment.error(), v1::DEPLOYMENT_ERROR_IMAGE_HASH_MISMATCH);
                const auto &device = devices[QString::fromStdString(deployment.device_id())];
                QCOMPARE(device.runningVersion, QStringLiteral("1.0.0"));
                QCOMPARE(device.installs, 0);
                QVERIFY(device.runningGood);
            }
        }
    }

    void downgradeIsSkipped()
    {
        RolloutScenario scenario(m_otterd);
        SimFleet fleet(m_otterd, m_key);
        // 20 devices whose counter is already above the release's security version, and 5 below it (a
        // rollout that would update nobody is refused at start).
        fleet.provision(20, 3200, QStringLiteral("secure"), QStringLiteral("1.0.0"), 5);
        fleet.provision(5, 3220, QStringLiteral("secure"), QStringLiteral("1.0.0"), 1);
        QVERIFY(fleet.start());
        const SignedRelease older =
            uploadSimRelease(m_otterd, m_key, m_dir.path(), QStringLiteral("1.5.0"), 2);
        QVERIFY(scenario
                    .createApproved(QStringLiteral("secure"), older.releaseId,
                                    {group(scenario, QStringLiteral("secure"))}, {100}, 10, 1, nullptr)
                    .ok());
        const grpc::Status started = scenario.act(QStringLiteral("Start"), QStringLiteral("secure"));
        QVERIFY2(started.ok(), started.error_message().c_str());
        QVERIFY(waitForRollout(
            scenario, QStringLiteral("secure"),
            [](const auto &r) { return r.rollout().state() == v1::ROLLOUT_STATE_COMPLETED; }, 60000));
        const auto devices = fleet.snapshot();
        int skipped = 0;
        for (const v1::Deployment &deployment : scenario.deployments(QStringLiteral("secure"))) {
            const auto &device = devices[QString::fromStdString(deployment.device_id())];
            if (deployment.state() == v1::DEPLOYMENT_STATE_SKIPPED) {
                ++skipped;
                QCOMPARE(deployment.skip_reason(), v1::SKIP_REASON_DOWNGRADE);
                QCOMPARE(device.runningVersion, QStringLiteral("1.0.0"));
                QCOMPARE(device.installs, 0);
                QCOMPARE(device.securityCounter, quint64(5));
            } else {
                QCOMPARE(deployment.state(), v1::DEPLOYMENT_STATE_SUCCEEDED);
                QCOMPARE(device.runningVersion, QStringLiteral("1.5.0"));
            }
        }
        QCOMPARE(skipped, 20);
    }

    void powerCutsLeaveAGoodBank()
    {
        RolloutScenario scenario(m_otterd);
        SimFleet fleet(m_otterd, m_key);
        fleet.config().faults.powerLoss = 1.0; // every install loses power once, at a random point
        fleet.config().seed = 200;
        fleet.provision(200, 4000, QStringLiteral("blackout"));
        QVERIFY(fleet.start());
        const SignedRelease release =
            uploadSimRelease(m_otterd, m_key, m_dir.path(), QStringLiteral("5.0.0"), 4);
        QVERIFY(scenario
                    .createApproved(QStringLiteral("blackout"), release.releaseId,
                                    {group(scenario, QStringLiteral("blackout"))}, {100}, 100, 1, nullptr)
                    .ok());
        QVERIFY(scenario.act(QStringLiteral("Start"), QStringLiteral("blackout")).ok());
        QVERIFY(waitForRollout(
            scenario, QStringLiteral("blackout"),
            [](const auto &r) { return finished(r.progress().total()) == 200; }, 120000));
        const auto devices = fleet.snapshot();
        QSet<int> outcomes;
        for (const v1::Deployment &deployment : scenario.deployments(QStringLiteral("blackout"))) {
            const auto &device = devices[QString::fromStdString(deployment.device_id())];
            QVERIFY(device.runningGood);
            QCOMPARE(device.powerLosses, 1);
            outcomes << int(deployment.state());
            const bool updated = deployment.state() == v1::DEPLOYMENT_STATE_SUCCEEDED;
            QCOMPARE(device.runningVersion, updated ? QStringLiteral("5.0.0") : QStringLiteral("1.0.0"));
            QCOMPARE(device.securityCounter, quint64(updated ? 4 : 1));
            if (!updated)
                QVERIFY(deployment.error() == v1::DEPLOYMENT_ERROR_INSTALL_FAILED ||
                        deployment.error() == v1::DEPLOYMENT_ERROR_BOOT_FAILED);
        }
        // Cuts before arming fail the install, cuts in the unconfirmed trial roll back, the rest succeed.
        QCOMPARE(outcomes, (QSet<int>{v1::DEPLOYMENT_STATE_SUCCEEDED, v1::DEPLOYMENT_STATE_FAILED,
                                      v1::DEPLOYMENT_STATE_ROLLED_BACK}));
    }

    void restartResumesTheSameDevices()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("fleet.db"));
        RolloutScenario scenario(m_otterd);
        QList<sim::DeviceState> provisioned;
        QHash<QString, sim::DeviceSnapshot> before;
        {
            sim::FleetStore store;
            QVERIFY(store.open(path).ok());
            SimFleet fleet(m_otterd, m_key);
            fleet.provision(100, 5000, QStringLiteral("restart"));
            provisioned = fleet.devices();
            QVERIFY(fleet.start(&store));
            const SignedRelease release =
                uploadSimRelease(m_otterd, m_key, m_dir.path(), QStringLiteral("6.0.0"), 4);
            QVERIFY(scenario
                        .createApproved(QStringLiteral("restart"), release.releaseId,
                                        {group(scenario, QStringLiteral("restart"))}, {100}, 10, 5, nullptr)
                        .ok());
            QVERIFY(scenario.act(QStringLiteral("Start"), QStringLiteral("restart")).ok());
            // Stop half-way through the rollout.
            QVERIFY(waitForRollout(
                scenario, QStringLiteral("restart"),
                [](const auto &r) { return r.progress().total().succeeded() >= 20; }, 60000));
            fleet.stop();
            before = fleet.snapshot();
        }
        sim::FleetStore store;
        QVERIFY(store.open(path).ok());
        auto stored = store.load();
        QVERIFY(stored.ok());
        QCOMPARE(stored->size(), 100);
        QList<sim::Credential> credentials;
        for (const sim::DeviceState &device : provisioned)
            credentials.append({device.id, device.token});
        const QList<sim::DeviceState> resumed = sim::assembleFleet(credentials, *stored, 0, {});
        int updatedBefore = 0;
        for (const sim::DeviceState &device : resumed) {
            QVERIFY(before.contains(device.id));
            QCOMPARE(device.committed().version, before[device.id].committedVersion);
            QCOMPARE(device.banks[device.runningBank].version, before[device.id].runningVersion);
            QCOMPARE(device.securityCounter, before[device.id].securityCounter);
            updatedBefore += device.committed().version == QLatin1StringView("6.0.0") ? 1 : 0;
        }
        QVERIFY(updatedBefore >= 20);
        QVERIFY(updatedBefore < 100);
        SimFleet again(m_otterd, m_key);
        QVERIFY(again.start(&store, resumed));
        QVERIFY(waitForRollout(
            scenario, QStringLiteral("restart"),
            [](const auto &r) { return r.rollout().state() == v1::ROLLOUT_STATE_COMPLETED; }, 90000));
        const auto after = again.snapshot();
        for (const auto &device : after) {
            QCOMPARE(device.runningVersion, QStringLiteral("6.0.0"));
            // Devices that were done before the restart were not updated a second time.
            if (before[device.id].committedVersion == QLatin1StringView("6.0.0"))
                QCOMPARE(device.installs, 0);
        }
        QCOMPARE(scenario.get(QStringLiteral("restart")).progress().total().succeeded(), 100u);
    }

private:
    OtterdHarness m_otterd;
    TestKey m_key = newTestKey();
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestSimFleet)
#include "tst_sim_fleet.moc"
