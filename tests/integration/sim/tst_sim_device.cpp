// The device state machine without a server: each answer of the device API is played by a small script
// that enforces the arrows of deployments.proto, so a wrong report fails the test. Refusals (signature,
// size, hash, class, downgrade, corrupted chunk), a power cut at every point of the install, rollback,
// cancel, resumed downloads and the state file.
#include "release_fixtures.h"
#include "simulator/credentials.h"
#include "simulator/fault_plan.h"
#include "simulator/fleet_setup.h"
#include "simulator/fleet_store.h"
#include "simulator/sim_device.h"

#include <QTemporaryDir>
#include <QTest>

using namespace otter;
using namespace otter::sim;
using namespace otter::test;

namespace {

bool terminal(v1::DeploymentState state)
{
    return state == v1::DEPLOYMENT_STATE_SUCCEEDED || state == v1::DEPLOYMENT_STATE_FAILED ||
           state == v1::DEPLOYMENT_STATE_ROLLED_BACK;
}

// Plays otterd's side of one deployment, the way device_api.proto describes it.
struct Script
{
    Script(SimDevice &d, const SignedRelease &release)
        : device(d)
        , manifest(release.manifest)
        , signature(release.signature)
        , keyId(release.keyId)
        , image(readFile(release.imagePath))
    {}

    SimDevice &device;
    QByteArray manifest;
    QByteArray signature;
    QString keyId;
    QByteArray image; // what the server streams
    quint32 chunkSize = 16 * 1024;
    v1::DeploymentState server = v1::DEPLOYMENT_STATE_PENDING;
    bool installAllowed = true;
    bool cancelled = false;
    qint64 now = 0;
    QList<v1::ReportStatusRequest> reports;
    QList<quint64> downloadOffsets;
    QString violation; // a report that took no arrow of deployments.proto
    bool alwaysGood = true;

    v1::CheckInResponse checkIn()
    {
        v1::CheckInResponse response;
        response.mutable_next_check_in()->set_seconds(10);
        if (cancelled) {
            response.mutable_cancel()->set_deployment_id("d1");
            return response;
        }
        if (terminal(server)) {
            response.mutable_none();
            return response;
        }
        v1::UpdateDirective *update = response.mutable_update();
        update->set_deployment_id("d1");
        update->set_release_id("r1");
        update->set_manifest(manifest.toStdString());
        v1::ManifestSignature *s = update->add_signatures();
        s->set_key_id(keyId.toStdString());
        s->set_signature(signature.toStdString());
        update->set_image_size(quint64(image.size()));
        update->set_chunk_size(chunkSize);
        update->set_state(server);
        update->set_install_allowed(installAllowed);
        return response;
    }

    static bool arrow(v1::DeploymentState from, v1::DeploymentState to)
    {
        using S = v1::DeploymentState;
        if (to == v1::DEPLOYMENT_STATE_FAILED)
            return from >= v1::DEPLOYMENT_STATE_PENDING && from <= v1::DEPLOYMENT_STATE_REBOOTING;
        if (to == v1::DEPLOYMENT_STATE_SUCCEEDED || to == v1::DEPLOYMENT_STATE_ROLLED_BACK)
            return from == v1::DEPLOYMENT_STATE_REBOOTING;
        return to == S(from + 1) && to <= v1::DEPLOYMENT_STATE_REBOOTING;
    }

    void download()
    {
        const v1::DownloadRequest request = device.downloadRequest();
        downloadOffsets << request.offset();
        for (quint64 offset = request.offset(); offset < quint64(image.size()); offset += chunkSize) {
            const QByteArray chunk = image.mid(qsizetype(offset), chunkSize);
            if (device.onChunk(offset, std::string_view(chunk.constData(), size_t(chunk.size()))) !=
                ChunkVerdict::Continue) {
                device.onDownloadDone(grpc::StatusCode::CANCELLED, now);
                return;
            }
        }
        device.onDownloadDone(grpc::StatusCode::OK, now);
    }

    // Runs until the device is idle again with the deployment finished (or `steps` pass).
    void run(int steps = 400)
    {
        for (int i = 0; i < steps; ++i) {
            now = qMax(now, device.nextDueMs());
            switch (device.nextAction()) {
            case ActionKind::CheckIn:
                if (terminal(server) && device.state().phase == Phase::Idle)
                    return;
                device.onCheckIn(checkIn(), now);
                if (cancelled && device.state().phase == Phase::Idle)
                    return;
                break;
            case ActionKind::Report: {
                const v1::ReportStatusRequest request = device.reportRequest();
                reports << request;
                v1::ReportStatusResponse response;
                if (request.state() == server) {
                    response.set_state(server); // a repeat: idempotent
                    device.onReportDone(grpc::StatusCode::OK, response, now);
                } else if (request.from_state() != server || !arrow(server, request.state())) {
                    violation = QStringLiteral("%1 → %2 while the server is at %3")
                                    .arg(request.from_state())
                                    .arg(request.state())
                                    .arg(server);
                    device.onReportDone(grpc::StatusCode::FAILED_PRECONDITION, response, now);
                } else {
                    server = request.state();
                    response.set_state(server);
                    response.set_applied(true);
                    device.onReportDone(grpc::StatusCode::OK, response, now);
                }
                break;
            }
            case ActionKind::Download:
                download();
                break;
            case ActionKind::Local:
                device.runLocal(now);
                break;
            }
            alwaysGood = alwaysGood && device.runningGood();
        }
    }

    QList<v1::DeploymentState> reportedStates() const
    {
        QList<v1::DeploymentState> states;
        for (const auto &r : reports)
            states << r.state();
        return states;
    }
};

struct Material
{
    TestKey key = newTestKey();
    QTemporaryDir dir;
    SignedRelease release(const QString &version, qint64 svn,
                          const QStringList &classes = {QStringLiteral("gw-200")})
    {
        ReleaseSpec spec;
        spec.version = version;
        spec.securityVersion = svn;
        spec.hardwareClasses = classes;
        spec.imageSize = 100 * 1024 + 17; // the last chunk is short
        spec.seed = quint32(qHash(version));
        return makeRelease(dir.filePath(version), key, spec);
    }
};

DeviceState oldDevice(quint64 svn = 1, const QString &hardwareClass = QStringLiteral("gw-200"))
{
    FactoryImage image;
    image.hardwareClass = hardwareClass;
    image.version = QStringLiteral("1.0.0");
    image.securityVersion = svn;
    return factoryDevice(Credential{QStringLiteral("dev-1"), QStringLiteral("token")}, image);
}

DeviceConfig trusting(const TestKey &key)
{
    DeviceConfig config;
    config.trust.trustedKeys = {key.key.publicKey()};
    return config;
}

} // namespace

class TestSimDevice : public QObject
{
    Q_OBJECT

private slots:
    void goodUpdateCommitsAndRaisesTheCounter()
    {
        Material material;
        const SignedRelease release = material.release(QStringLiteral("2.0.0"), 3);
        const DeviceConfig config = trusting(material.key);
        SimDevice device(oldDevice(), &config);
        device.powerOn(0);
        Script s(device, release);
        s.run();
        QVERIFY2(s.violation.isEmpty(), qPrintable(s.violation));
        QCOMPARE(s.reportedStates(), (QList<v1::DeploymentState>{
                                         v1::DEPLOYMENT_STATE_DOWNLOADING, v1::DEPLOYMENT_STATE_DOWNLOADED,
                                         v1::DEPLOYMENT_STATE_INSTALLING, v1::DEPLOYMENT_STATE_REBOOTING,
                                         v1::DEPLOYMENT_STATE_SUCCEEDED}));
        QCOMPARE(device.runningVersion(), QStringLiteral("2.0.0"));
        QCOMPARE(device.state().committedBank, quint8(1));
        QCOMPARE(device.state().securityCounter, quint64(3));
        QCOMPARE(device.state().banks[1].sha256.toHex(), release.imageSha256.toLatin1());
        QVERIFY(device.state().banks[0].valid); // the old image stays as the fallback
        // The check-in right after reports the new version and the old one in the other bank.
        const v1::CheckInRequest after = device.checkInRequest(s.now);
        QCOMPARE(after.firmware_version(), "2.0.0");
        QCOMPARE(after.active_bank(), v1::BANK_B);
        QCOMPARE(after.inactive_bank_version(), "1.0.0");
        QCOMPARE(after.security_version(), quint64(3));
    }

    void refusals_data()
    {
        QTest::addColumn<QString>("fault");
        QTest::addColumn<int>("error");
        QTest::newRow("untrusted signer") << "untrusted" << int(v1::DEPLOYMENT_ERROR_SIGNATURE_INVALID);
        QTest::newRow("signature changed") << "signature" << int(v1::DEPLOYMENT_ERROR_SIGNATURE_INVALID);
        QTest::newRow("manifest changed") << "manifest" << int(v1::DEPLOYMENT_ERROR_SIGNATURE_INVALID);
        QTest::newRow("image truncated") << "truncated" << int(v1::DEPLOYMENT_ERROR_IMAGE_SIZE_MISMATCH);
        QTest::newRow("image tampered") << "tampered" << int(v1::DEPLOYMENT_ERROR_IMAGE_HASH_MISMATCH);
        QTest::newRow("corrupted chunk") << "corrupt" << int(v1::DEPLOYMENT_ERROR_IMAGE_HASH_MISMATCH);
        QTest::newRow("other hardware class") << "class" << int(v1::DEPLOYMENT_ERROR_INCOMPATIBLE_HARDWARE);
        QTest::newRow("downgrade") << "downgrade" << int(v1::DEPLOYMENT_ERROR_DOWNGRADE_REFUSED);
    }

    void refusals()
    {
        QFETCH(QString, fault);
        QFETCH(int, error);
        Material material;
        const SignedRelease release = material.release(QStringLiteral("2.0.0"), 3);
        DeviceConfig config = trusting(fault == QLatin1StringView("untrusted") ? newTestKey() : material.key);
        if (fault == QLatin1StringView("corrupt"))
            config.faults.corruptChunk = 1.0;
        DeviceState state = oldDevice(fault == QLatin1StringView("downgrade") ? 5 : 1,
                                      fault == QLatin1StringView("class") ? QStringLiteral("gw-300")
                                                                          : QStringLiteral("gw-200"));
        SimDevice device(state, &config);
        device.powerOn(0);
        Script s(device, release);
        if (fault == QLatin1StringView("signature"))
            s.signature[s.signature.size() - 3] = char(s.signature[s.signature.size() - 3] ^ 1);
        if (fault == QLatin1StringView("manifest"))
            s.manifest.replace("2.0.0", "2.0.1");
        if (fault == QLatin1StringView("truncated"))
            s.image.chop(100);
        if (fault == QLatin1StringView("tampered"))
            s.image[500] = char(s.image[500] ^ 0x40);
        s.run();
        QVERIFY2(s.violation.isEmpty(), qPrintable(s.violation));
        QVERIFY(!s.reports.isEmpty());
        const v1::ReportStatusRequest last = s.reports.last();
        QCOMPARE(last.state(), v1::DEPLOYMENT_STATE_FAILED);
        QCOMPARE(int(last.error()), error);
        QVERIFY(!last.detail().empty());
        QVERIFY(!s.reportedStates().contains(v1::DEPLOYMENT_STATE_INSTALLING));
        QCOMPARE(device.installs(), 0);
        QCOMPARE(device.runningVersion(), QStringLiteral("1.0.0"));
        QCOMPARE(device.state().committedBank, quint8(0));
        QVERIFY(!device.state().banks[1].valid); // the refused image is never bootable
        QCOMPARE(device.state().phase, Phase::Idle);
    }

    void powerLossAtEveryPoint_data()
    {
        QTest::addColumn<int>("point");
        QTest::addColumn<int>("outcome");
        QTest::addColumn<int>("error");
        QTest::addColumn<QString>("version");
        const auto F = int(v1::DEPLOYMENT_STATE_FAILED), R = int(v1::DEPLOYMENT_STATE_ROLLED_BACK),
                   S = int(v1::DEPLOYMENT_STATE_SUCCEEDED);
        const auto install = int(v1::DEPLOYMENT_ERROR_INSTALL_FAILED),
                   boot = int(v1::DEPLOYMENT_ERROR_BOOT_FAILED), none = int(v1::DEPLOYMENT_ERROR_UNSPECIFIED);
        QTest::newRow("after INSTALLING") << 0 << F << install << "1.0.0";
        QTest::newRow("mid bank write") << 1 << F << install << "1.0.0";
        QTest::newRow("after bank write") << 2 << F << install << "1.0.0";
        // Armed: the power-on is the reboot, the trial boot goes ahead.
        QTest::newRow("after arming") << 3 << S << none << "2.0.0";
        QTest::newRow("after REBOOTING") << 4 << S << none << "2.0.0";
        // Booted but never confirmed: the bootloader falls back.
        QTest::newRow("mid trial boot") << 5 << R << boot << "1.0.0";
        QTest::newRow("after health check") << 6 << R << boot << "1.0.0";
        QTest::newRow("after commit") << 7 << S << none << "2.0.0";
    }

    void powerLossAtEveryPoint()
    {
        QFETCH(int, point);
        QFETCH(int, outcome);
        QFETCH(int, error);
        QFETCH(QString, version);
        Material material;
        const SignedRelease release = material.release(QStringLiteral("2.0.0"), 3);
        const DeviceConfig config = trusting(material.key);
        SimDevice device(oldDevice(), &config);
        device.powerOn(0);
        device.setPowerLossAt(PowerLossPoint(point));
        Script s(device, release);
        s.run();
        QVERIFY2(s.violation.isEmpty(), qPrintable(s.violation));
        QCOMPARE(device.powerLosses(), 1);
        QVERIFY(s.alwaysGood); // never, at any step, a broken bank running
        QCOMPARE(int(s.reports.last().state()), outcome);
        QCOMPARE(int(s.reports.last().error()), error);
        QCOMPARE(device.runningVersion(), version);
        QCOMPARE(device.state().committed().version, version);
        QCOMPARE(device.state().securityCounter, quint64(version == QLatin1StringView("2.0.0") ? 3 : 1));
        QCOMPARE(device.state().trialBank, qint8(-1));
        QCOMPARE(device.state().phase, Phase::Idle);
    }

    void bootFailureRollsBack()
    {
        Material material;
        const SignedRelease release = material.release(QStringLiteral("2.0.0"), 3);
        DeviceConfig config = trusting(material.key);
        config.faults.bootFailure.insert(QStringLiteral("2.0.0"), 1.0);
        SimDevice device(oldDevice(), &config);
        device.powerOn(0);
        Script s(device, release);
        s.run();
        QVERIFY2(s.violation.isEmpty(), qPrintable(s.violation));
        QCOMPARE(s.reports.last().state(), v1::DEPLOYMENT_STATE_ROLLED_BACK);
        QCOMPARE(s.reports.last().error(), v1::DEPLOYMENT_ERROR_BOOT_FAILED);
        QCOMPARE(device.runningVersion(), QStringLiteral("1.0.0"));
        QCOMPARE(device.state().securityCounter, quint64(1)); // raised only on commit
        QCOMPARE(device.checkInRequest(s.now).firmware_version(), "1.0.0");
    }

    void cancelDiscardsTheDownload()
    {
        Material material;
        const SignedRelease release = material.release(QStringLiteral("2.0.0"), 3);
        const DeviceConfig config = trusting(material.key);
        SimDevice device(oldDevice(), &config);
        device.powerOn(0);
        Script s(device, release);
        s.installAllowed = false;
        s.run(12); // downloads and reports DOWNLOADED, then waits for the window
        QCOMPARE(s.server, v1::DEPLOYMENT_STATE_DOWNLOADED);
        QVERIFY(device.state().banks[1].valid);
        s.cancelled = true;
        const qsizetype reported = s.reports.size();
        s.run();
        QCOMPARE(s.reports.size(), reported); // nothing reported on a cancelled deployment
        QCOMPARE(device.state().phase, Phase::Idle);
        QVERIFY(!device.state().banks[1].valid);
        QCOMPARE(device.runningVersion(), QStringLiteral("1.0.0"));
    }

    void installWaitsForTheDirective()
    {
        Material material;
        const SignedRelease release = material.release(QStringLiteral("2.0.0"), 3);
        const DeviceConfig config = trusting(material.key);
        SimDevice device(oldDevice(), &config);
        device.powerOn(0);
        Script s(device, release);
        s.installAllowed = false;
        s.run(40);
        QCOMPARE(s.server, v1::DEPLOYMENT_STATE_DOWNLOADED);
        QCOMPARE(device.installs(), 0);
        QCOMPARE(device.nextAction(), ActionKind::CheckIn); // keeps asking
        s.installAllowed = true;
        s.run();
        QCOMPARE(s.server, v1::DEPLOYMENT_STATE_SUCCEEDED);
    }

    void brokenStreamsResumeFromTheLastGoodOffset()
    {
        Material material;
        const SignedRelease release = material.release(QStringLiteral("2.0.0"), 3);
        DeviceConfig config = trusting(material.key);
        config.faults.connectionDrop = 0.3;
        config.maxDownloadAttempts = 1000;
        SimDevice device(oldDevice(), &config);
        device.powerOn(0);
        Script s(device, release);
        s.chunkSize = 4096;
        s.run(4000);
        QVERIFY2(s.violation.isEmpty(), qPrintable(s.violation));
        QCOMPARE(s.server, v1::DEPLOYMENT_STATE_SUCCEEDED);
        QVERIFY(s.downloadOffsets.size() > 1);
        // Every resumed stream started where the previous one stopped, never from 0 again.
        for (qsizetype i = 1; i < s.downloadOffsets.size(); ++i) {
            QVERIFY(s.downloadOffsets[i] >= s.downloadOffsets[i - 1]);
            QCOMPARE(s.downloadOffsets[i] % 4096, quint64(0));
        }
        QVERIFY(s.downloadOffsets.last() > 0);
    }

    void stateFileRoundTripAndResume()
    {
        Material material;
        const SignedRelease release = material.release(QStringLiteral("2.0.0"), 3);
        const DeviceConfig config = trusting(material.key);
        SimDevice device(oldDevice(), &config);
        device.powerOn(0);
        Script s(device, release);
        // Stop in the middle of the install: the state on flash is "installing, trial armed".
        for (int i = 0; i < 200 && device.state().trialBank < 0; ++i)
            s.run(1);
        QCOMPARE(device.state().phase, Phase::Installing);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("fleet.db"));
        {
            FleetStore store;
            QVERIFY(store.open(path).ok());
            QVERIFY(store.save({&device.state()}).ok());
        }
        FleetStore store;
        QVERIFY(store.open(path).ok());
        auto loaded = store.load();
        QVERIFY2(loaded.ok(), qPrintable(loaded.errorMessage()));
        QCOMPARE(loaded->size(), 1);
        const DeviceState &back = loaded->first();
        QCOMPARE(back.id, device.state().id);
        QCOMPARE(back.phase, Phase::Installing);
        QCOMPARE(back.trialBank, qint8(1));
        QCOMPARE(back.banks[1].version, QStringLiteral("2.0.0"));
        QCOMPARE(back.banks[1].sha256, device.state().banks[1].sha256);
        QCOMPARE(back.deploymentId, QStringLiteral("d1"));
        // A restarted simulator is a power-on: the armed trial boots, and the update finishes.
        SimDevice resumed(back, &config);
        resumed.powerOn(s.now);
        Script again(resumed, release);
        again.server = s.server;
        again.now = s.now;
        again.run();
        QVERIFY2(again.violation.isEmpty(), qPrintable(again.violation));
        QCOMPARE(again.server, v1::DEPLOYMENT_STATE_SUCCEEDED);
        QCOMPARE(resumed.runningVersion(), QStringLiteral("2.0.0"));
    }

    void cleanStopFreezesAnInstall()
    {
        Material material;
        const SignedRelease release = material.release(QStringLiteral("2.0.0"), 3);
        const DeviceConfig config = trusting(material.key);
        SimDevice device(oldDevice(), &config);
        device.powerOn(0);
        Script s(device, release);
        // Stop while the new bank runs its health check, not yet committed.
        for (int i = 0; i < 200 && !(device.state().phase == Phase::Rebooting && device.runningBank() == 1);
             ++i)
            s.run(1);
        QCOMPARE(device.state().committedBank, quint8(0));
        device.suspend();
        QTemporaryDir dir;
        FleetStore store;
        QVERIFY(store.open(dir.filePath(QStringLiteral("fleet.db"))).ok());
        QVERIFY(store.save({&device.state()}).ok());
        auto loaded = store.load();
        QVERIFY(loaded.ok());
        SimDevice thawed(loaded->first(), &config);
        thawed.start(s.now);
        QCOMPARE(thawed.runningVersion(), QStringLiteral("2.0.0"));
        Script again(thawed, release);
        again.server = s.server;
        again.now = s.now;
        again.run();
        QVERIFY2(again.violation.isEmpty(), qPrintable(again.violation));
        QCOMPARE(again.server, v1::DEPLOYMENT_STATE_SUCCEEDED); // no rollback: a freeze is not a power cut
        QCOMPARE(thawed.powerLosses(), 0);
        QCOMPARE(thawed.state().committedBank, quint8(1));
        QCOMPARE(thawed.state().suspendedStep, qint8(-1));
    }

    void badFlagsAreNamed_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("message");
        QTest::newRow("no version") << "=0.2"
                                    << "--boot-fail takes VERSION=PROBABILITY";
        QTest::newRow("not semver") << "two=0.2"
                                    << "--boot-fail takes VERSION=PROBABILITY";
        QTest::newRow("above one") << "2.0.0=1.5"
                                   << "--boot-fail 2.0.0 must be a probability from 0 to 1";
        QTest::newRow("not a number") << "2.0.0=lots"
                                      << "--boot-fail 2.0.0 must be a probability from 0 to 1";
    }

    void badFlagsAreNamed()
    {
        QFETCH(QString, text);
        QFETCH(QString, message);
        FaultPlan plan;
        const auto result = plan.addBootFailure(text);
        QVERIFY(!result.ok());
        QVERIFY2(result.errorMessage().startsWith(message), qPrintable(result.errorMessage()));
        QVERIFY(plan.addBootFailure(QStringLiteral("2.0.0=0.2")).ok());
        QCOMPARE(plan.bootFailureFor(QStringLiteral("2.0.0")), 0.2);
        QCOMPARE(plan.bootFailureFor(QStringLiteral("1.0.0")), 0.0);
    }

    void credentialsFile()
    {
        QTemporaryDir dir;
        const QString good =
            writeFile(dir.filePath(QStringLiteral("good.csv")), "id,token\ndev-1,aaa\ndev-2,bbb\n");
        auto read = readCredentials(good);
        QVERIFY(read.ok());
        QCOMPARE(read->size(), 2);
        QCOMPARE(read->at(1).token, QStringLiteral("bbb"));
        const QString twice =
            writeFile(dir.filePath(QStringLiteral("twice.csv")), "id,token\ndev-1,a\ndev-1,b\n");
        QVERIFY(readCredentials(twice).errorMessage().contains(
            QStringLiteral("line 3: device dev-1 is listed twice")));
        const QString wide = writeFile(dir.filePath(QStringLiteral("wide.csv")), "id,token\ndev-1,a,b\n");
        QVERIFY(
            readCredentials(wide).errorMessage().contains(QStringLiteral("line 2: expected \"id,token\"")));
    }
};

QTEST_GUILESS_MAIN(TestSimDevice)
#include "tst_sim_device.moc"
