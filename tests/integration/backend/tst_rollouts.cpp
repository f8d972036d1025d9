// The rollout engine end to end against a real otterd, with devices on the real device API: a full staged
// rollout, a bad release pausing itself, four-eyes, pause/resume/abort, skips, windows and resumed downloads.
#include "rollout_fixtures.h"

#include "core/sha256.h"

#include <QTest>

using namespace otter;
using namespace otter::test;

namespace {

bool inState(const v1::GetRolloutResponse &response, v1::RolloutState state)
{
    return response.rollout().state() == state;
}

} // namespace

class TestRollouts : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(m_otterd.start(), qPrintable(m_otterd.error()));
        m_scenario = std::make_unique<RolloutScenario>(m_otterd);
        QVERIFY(m_scenario->uploadRelease(QStringLiteral("2.0.0"), 2, &m_good));
        QVERIFY(m_scenario->uploadRelease(QStringLiteral("3.0.0"), 3, &m_bad));
        // 100 gateways on 1.0.0, 5 on another class, 3 already current, 2 with a higher security version.
        m_scenario->addDevices(100, QStringLiteral("gw-200"), QStringLiteral("1.0.0"), 1, 0);
        m_scenario->addDevices(5, QStringLiteral("gw-300"), QStringLiteral("1.0.0"), 1, 1000);
        m_scenario->addDevices(3, QStringLiteral("gw-200"), QStringLiteral("2.0.0"), 2, 2000);
        m_scenario->addDevices(2, QStringLiteral("gw-200"), QStringLiteral("1.5.0"), 9, 3000);
        QVERIFY(m_scenario->createGroup(QStringLiteral("everyone"), QStringLiteral("region == \"eu-west\""))
                    .ok());
        QVERIFY(
            m_scenario->createGroup(QStringLiteral("main"), QStringLiteral("class == \"gw-200\" and svn < 5"))
                .ok());
    }

    void fourEyesRefusesTheCreator()
    {
        auto stub = v1::RolloutService::NewStub(m_otterd.channel());
        v1::CreateRolloutRequest request;
        request.mutable_rollout()->set_id("four-eyes");
        request.mutable_rollout()->set_name("four eyes");
        request.mutable_rollout()->set_release_id(m_good.releaseId.toStdString());
        request.mutable_rollout()->add_target_group_ids("main");
        v1::CreateRolloutResponse created;
        QVERIFY(stub->CreateRollout(m_otterd.as(QStringLiteral("olga")).get(), request, &created).ok());
        // Defaults were filled in.
        QCOMPARE(created.rollout().stages_size(), 5);
        QCOMPARE(created.rollout().stages(0).cumulative_percent(), 1u);
        QVERIFY(m_scenario->act(QStringLiteral("Submit"), QStringLiteral("four-eyes")).ok());
        // olga is an operator: approving needs the approver role.
        grpc::Status status = m_scenario->act(QStringLiteral("Approve"), QStringLiteral("four-eyes"));
        QCOMPARE(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
        // ada is an admin but created nothing here; abe approves; first let ada submit one of her own.
        request.mutable_rollout()->set_id("by-ada");
        QVERIFY(stub->CreateRollout(m_otterd.as(QStringLiteral("ada")).get(), request, &created).ok());
        QVERIFY(
            m_scenario->act(QStringLiteral("Submit"), QStringLiteral("by-ada"), QStringLiteral("ada")).ok());
        std::optional<v1::ErrorDetail> detail;
        status = m_scenario->act(QStringLiteral("Approve"), QStringLiteral("by-ada"), QStringLiteral("ada"),
                                 QStringLiteral("mine"), nullptr, &detail);
        QCOMPARE(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
        QVERIFY2(QString::fromStdString(status.error_message()).contains(QLatin1StringView("four-eyes")),
                 status.error_message().c_str());
        QVERIFY(detail && detail->reason() == v1::ERROR_REASON_FOUR_EYES);
        // Illegal transitions name the current state.
        status = m_scenario->act(QStringLiteral("Start"), QStringLiteral("four-eyes"));
        QCOMPARE(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
        QVERIFY2(
            QString::fromStdString(status.error_message()).contains(QLatin1StringView("PENDING_APPROVAL")),
            status.error_message().c_str());
        QVERIFY(m_scenario
                    ->act(QStringLiteral("Abort"), QStringLiteral("four-eyes"), QStringLiteral("olga"),
                          QStringLiteral("test over"))
                    .ok());
        QVERIFY(m_scenario
                    ->act(QStringLiteral("Abort"), QStringLiteral("by-ada"), QStringLiteral("ada"),
                          QStringLiteral("test over"))
                    .ok());
    }

    void fullRolloutCompletes()
    {
        v1::Rollout rollout;
        QVERIFY(m_scenario
                    ->createApproved(QStringLiteral("good"), m_good.releaseId, {QStringLiteral("everyone")},
                                     {1, 10, 25, 50, 100}, 5, 20, &rollout)
                    .ok());
        QVERIFY(m_scenario->act(QStringLiteral("Start"), QStringLiteral("good")).ok());
        const auto started = m_scenario->get(QStringLiteral("good"));
        QCOMPARE(started.rollout().state(), v1::ROLLOUT_STATE_RUNNING);
        // 110 targeted: 5 incompatible, 3 already current, 2 would be downgraded, 100 eligible.
        QCOMPARE(started.progress().total().skipped(), 10u);
        QCOMPARE(started.progress().total().pending(), 100u);
        QCOMPARE(started.progress().stages(0).device_count(), 1u);
        QCOMPARE(started.progress().stages(1).device_count(), 9u);

        QVERIFY(m_scenario->runUntil(
            QStringLiteral("good"), [](const auto &r) { return inState(r, v1::ROLLOUT_STATE_COMPLETED); },
            alwaysSucceed));
        const auto done = m_scenario->get(QStringLiteral("good"));
        QCOMPARE(done.progress().total().succeeded(), 100u);
        QCOMPARE(done.progress().total().failed() + done.progress().total().rolled_back(), 0u);
        for (const auto &stage : done.progress().stages())
            QCOMPARE(stage.status(), v1::STAGE_STATUS_PASSED);
        int updated = 0;
        for (const auto &device : m_scenario->devices()) {
            if (device->version() == QLatin1StringView("2.0.0"))
                ++updated;
            QVERIFY2(device->installs() <= 1, qPrintable(device->id())); // never directed twice
        }
        QCOMPARE(updated, 103); // 100 updated + 3 already current
        int stagesStarted = 0;
        for (const auto &event : done.events())
            stagesStarted += event.kind() == v1::ROLLOUT_EVENT_KIND_STAGE_STARTED;
        QCOMPARE(stagesStarted, 5);
    }

    void skippedDevicesNameTheirReason()
    {
        auto stub = v1::RolloutService::NewStub(m_otterd.channel());
        v1::ListDeploymentsRequest request;
        request.set_rollout_id("good");
        request.add_states(v1::DEPLOYMENT_STATE_SKIPPED);
        v1::ListDeploymentsResponse response;
        QVERIFY(stub->ListDeployments(m_otterd.as(QStringLiteral("vera")).get(), request, &response).ok());
        QCOMPARE(response.deployments_size(), 10);
        QMap<int, int> reasons;
        for (const auto &deployment : response.deployments())
            reasons[deployment.skip_reason()] += 1;
        QCOMPARE(reasons.value(v1::SKIP_REASON_INCOMPATIBLE_HARDWARE), 5);
        QCOMPARE(reasons.value(v1::SKIP_REASON_ALREADY_CURRENT), 3);
        QCOMPARE(reasons.value(v1::SKIP_REASON_DOWNGRADE), 2);
    }

    void badReleaseAutoPausesInStageOne()
    {
        v1::Rollout rollout;
        QVERIFY(m_scenario
                    ->createApproved(QStringLiteral("bad"), m_bad.releaseId, {QStringLiteral("main")},
                                     {10, 50, 100}, 5, 5, &rollout)
                    .ok());
        QVERIFY(m_scenario->act(QStringLiteral("Start"), QStringLiteral("bad")).ok());
        const auto rollBack = [](const TestDevice &) { return TestDevice::Outcome::RollBack; };
        QVERIFY(m_scenario->runUntil(
            QStringLiteral("bad"), [](const auto &r) { return inState(r, v1::ROLLOUT_STATE_PAUSED); },
            rollBack));
        const auto paused = m_scenario->get(QStringLiteral("bad"));
        QVERIFY(paused.rollout().auto_paused());
        const QString reason = QString::fromStdString(paused.rollout().paused().comment());
        QVERIFY2(reason.contains(QLatin1StringView("failure rate")) &&
                     reason.contains(QLatin1StringView("stage 1")),
                 qPrintable(reason));
        QCOMPARE(paused.rollout().current_stage(), 0u);
        // Stage 2 devices were never touched.
        QCOMPARE(paused.progress().stages(1).counts().pending(), paused.progress().stages(1).device_count());
        QVERIFY(paused.progress().total().rolled_back() >= 5);
        bool autoPauseEvent = false;
        for (const auto &event : paused.events())
            autoPauseEvent |= event.kind() == v1::ROLLOUT_EVENT_KIND_AUTO_PAUSED;
        QVERIFY(autoPauseEvent);
        // Devices check in again: no new directive while paused.
        for (auto &device : m_scenario->devices())
            device->step(TestDevice::Outcome::RollBack);
        QCOMPARE(m_scenario->get(QStringLiteral("bad")).progress().stages(1).counts().pending(),
                 paused.progress().stages(1).device_count());
        QVERIFY(m_scenario
                    ->act(QStringLiteral("Abort"), QStringLiteral("bad"), QStringLiteral("olga"),
                          QStringLiteral("boot loops"))
                    .ok());
        QCOMPARE(m_scenario->get(QStringLiteral("bad")).rollout().state(), v1::ROLLOUT_STATE_ABORTED);
    }

    void resumedDownloadContinuesFromItsOffset()
    {
        // A release only one device gets: the download is cut, resumed, and the image hash matches.
        SignedRelease third;
        QVERIFY(m_scenario->uploadRelease(QStringLiteral("3.1.0"), 3, &third));
        QVERIFY(m_scenario->createGroup(QStringLiteral("one"), QStringLiteral("id == \"dev-00007\"")).ok());
        v1::Rollout rollout;
        QVERIFY(m_scenario
                    ->createApproved(QStringLiteral("resume"), third.releaseId, {QStringLiteral("one")},
                                     {100}, 5, 20, &rollout)
                    .ok());
        QVERIFY(m_scenario->act(QStringLiteral("Start"), QStringLiteral("resume")).ok());
        TestDevice &device = m_scenario->device(QStringLiteral("dev-00007"));
        v1::CheckInResponse response;
        QVERIFY(device.checkIn(&response).ok());
        QVERIFY(response.has_update());
        const QString deployment = QString::fromStdString(response.update().deployment_id());
        // Downloading before reporting DOWNLOADING is refused.
        QByteArray image;
        QCOMPARE(device.download(deployment, 0, image).error_code(), grpc::StatusCode::FAILED_PRECONDITION);
        QVERIFY(
            device.report(deployment, v1::DEPLOYMENT_STATE_PENDING, v1::DEPLOYMENT_STATE_DOWNLOADING).ok());
        image.clear();
        device.download(deployment, 0, image, 100 * 1024);
        QVERIFY(image.size() >= 100 * 1024);
        QVERIFY(image.size() < third.imageSize);
        QVERIFY(device.download(deployment, quint64(image.size()), image).ok());
        QCOMPARE(image.size(), third.imageSize);
        QCOMPARE(toHex(Sha256::hash(image)), third.imageSha256);
        QByteArray beyond;
        QCOMPARE(device.download(deployment, quint64(third.imageSize + 1), beyond).error_code(),
                 grpc::StatusCode::OUT_OF_RANGE);
        // Reports: a repeat changes nothing; an impossible arrow is refused, naming the stored state.
        v1::ReportStatusResponse report;
        QVERIFY(device
                    .report(deployment, v1::DEPLOYMENT_STATE_PENDING, v1::DEPLOYMENT_STATE_DOWNLOADING,
                            v1::DEPLOYMENT_ERROR_UNSPECIFIED, &report)
                    .ok());
        QVERIFY(!report.applied());
        const grpc::Status skip =
            device.report(deployment, v1::DEPLOYMENT_STATE_DOWNLOADING, v1::DEPLOYMENT_STATE_SUCCEEDED);
        QCOMPARE(skip.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
        QVERIFY2(QString::fromStdString(skip.error_message()).contains(QLatin1StringView("DOWNLOADING")),
                 skip.error_message().c_str());
        QVERIFY(m_scenario
                    ->act(QStringLiteral("Abort"), QStringLiteral("resume"), QStringLiteral("olga"),
                          QStringLiteral("done testing"))
                    .ok());
        // The device is told to stop.
        QVERIFY(device.checkIn(&response).ok());
        QVERIFY(response.has_cancel());
    }

    void cleanup()
    {
        if (QTest::currentTestFailed())
            qWarning().noquote() << m_otterd.log().right(4000);
    }

private:
    OtterdHarness m_otterd;
    std::unique_ptr<RolloutScenario> m_scenario;
    SignedRelease m_good;
    SignedRelease m_bad;
};

QTEST_GUILESS_MAIN(TestRollouts)
#include "tst_rollouts.moc"
