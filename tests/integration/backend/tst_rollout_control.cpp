// Controlling a running rollout against a real otterd, with devices on the real device API: pause, resume
// and abort in the middle of a stage, the refusals around them (reasons, stale revisions, illegal
// transitions), and listing deployments and rollouts with paging and filters. Maintenance windows are in
// tst_rollout_windows.cpp.
#include "rollout_fixtures.h"

#include "core/sha256.h"

#include <QSet>
#include <QTest>

#include <google/protobuf/util/time_util.h>

using namespace otter;
using namespace otter::test;
using google::protobuf::util::TimeUtil;

namespace {

QString q(const std::string &text)
{
    return QString::fromStdString(text);
}

QString deviceId(int index)
{
    return QStringLiteral("dev-%1").arg(index, 5, 10, QLatin1Char('0'));
}

bool contains(const grpc::Status &status, const char *text)
{
    return q(status.error_message()).contains(QLatin1StringView(text));
}

} // namespace

class TestRolloutControl : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(m_otterd.start(), qPrintable(m_otterd.error()));
        m_scenario = std::make_unique<RolloutScenario>(m_otterd);
        QVERIFY(m_scenario->uploadRelease(QStringLiteral("2.0.0"), 2, &m_release));
        m_rollouts = v1::RolloutService::NewStub(m_otterd.channel());
    }

    void pauseHoldsNewWorkBackAndResumeContinues()
    {
        m_scenario->addDevices(40, QStringLiteral("gw-200"), QStringLiteral("1.0.0"), 1, 100);
        QVERIFY(
            m_scenario->createGroup(QStringLiteral("pause-fleet"), QStringLiteral("id ~ \"dev-001*\"")).ok());
        const QString id = QStringLiteral("ctl-pause");
        QVERIFY(m_scenario
                    ->createApproved(id, m_release.releaseId, {QStringLiteral("pause-fleet")}, {50, 100}, 50,
                                     4, nullptr)
                    .ok());
        QVERIFY(m_scenario->act(QStringLiteral("Start"), id).ok());
        const QList<v1::Deployment> first = m_scenario->deployments(id, {}, 0u);
        QCOMPARE(first.size(), 20);
        QMap<QString, quint32> stageBefore;
        for (const v1::Deployment &deployment : m_scenario->deployments(id))
            stageBefore.insert(q(deployment.device_id()), deployment.stage());
        QCOMPARE(stageBefore.size(), 40);
        auto device = [&](int i) -> TestDevice & { return m_scenario->device(q(first[i].device_id())); };
        auto deployment = [&](int i) { return q(first[i].id()); };

        // Stage 1 under way: three succeed, one fails, others stop at each step of the way.
        for (int i = 0; i < 3; ++i)
            QCOMPARE(device(i).step(), v1::DEPLOYMENT_STATE_SUCCEEDED);
        QCOMPARE(device(3).step(TestDevice::Outcome::FailInstall), v1::DEPLOYMENT_STATE_FAILED);
        v1::CheckInResponse response;
        // 4: half-way through its download.
        QVERIFY(device(4).checkIn(&response).ok() && response.has_update());
        QVERIFY(device(4)
                    .report(deployment(4), v1::DEPLOYMENT_STATE_PENDING, v1::DEPLOYMENT_STATE_DOWNLOADING)
                    .ok());
        QByteArray partial;
        device(4).download(deployment(4), 0, partial, 100 * 1024);
        QVERIFY(partial.size() >= 100 * 1024 && partial.size() < m_release.imageSize);
        // 5: downloaded, waiting for its install directive.
        QVERIFY(device(5)
                    .report(deployment(5), v1::DEPLOYMENT_STATE_PENDING, v1::DEPLOYMENT_STATE_DOWNLOADING)
                    .ok());
        QVERIFY(device(5)
                    .report(deployment(5), v1::DEPLOYMENT_STATE_DOWNLOADING, v1::DEPLOYMENT_STATE_DOWNLOADED)
                    .ok());
        // 6: installing.
        for (auto [from, to] : {std::pair{v1::DEPLOYMENT_STATE_PENDING, v1::DEPLOYMENT_STATE_DOWNLOADING},
                                {v1::DEPLOYMENT_STATE_DOWNLOADING, v1::DEPLOYMENT_STATE_DOWNLOADED},
                                {v1::DEPLOYMENT_STATE_DOWNLOADED, v1::DEPLOYMENT_STATE_INSTALLING}})
            QVERIFY(device(6).report(deployment(6), from, to).ok());
        // 7: told to update, has not started; 8 never checked in.
        QVERIFY(device(7).checkIn(&response).ok() && response.has_update());
        QCOMPARE(response.update().state(), v1::DEPLOYMENT_STATE_PENDING);
        auto before = m_scenario->get(id);
        QCOMPARE(before.progress().failure_sample(), 4u);
        QCOMPARE(before.progress().failure_percent(), 25.0);

        // A pause needs a reason, and the revision the operator saw.
        grpc::Status status =
            m_scenario->act(QStringLiteral("Pause"), id, QStringLiteral("olga"), QStringLiteral(" "));
        QCOMPARE(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
        QVERIFY2(contains(status, "reason"), status.error_message().c_str());
        QCOMPARE(m_scenario->get(id).rollout().state(), v1::ROLLOUT_STATE_RUNNING);
        const qint64 revision = before.rollout().revision();
        {
            v1::PauseRolloutRequest request;
            request.set_rollout_id(id.toStdString());
            request.set_expected_revision(revision - 1);
            request.set_reason("stale");
            v1::PauseRolloutResponse paused;
            auto context = m_otterd.as(QStringLiteral("olga"));
            status = m_rollouts->PauseRollout(context.get(), request, &paused);
            QCOMPARE(status.error_code(), grpc::StatusCode::ABORTED);
            QVERIFY2(contains(status, qPrintable(QString::number(revision))), status.error_message().c_str());
            const auto detail = errorDetail(*context);
            QVERIFY(detail);
            QCOMPARE(detail->reason(), v1::ERROR_REASON_STALE_REVISION);
            QCOMPARE(detail->expected_revision(), revision - 1);
            QCOMPARE(detail->current().kind(), v1::OBJECT_KIND_ROLLOUT);
            QCOMPARE(detail->current().revision(), revision);
            QCOMPARE(q(detail->current().rollout().id()), id);
            QCOMPARE(detail->current().rollout().state(), v1::ROLLOUT_STATE_RUNNING);
            QCOMPARE(detail->current().rollout().revision(), revision);
        }
        QCOMPARE(m_scenario->get(id).rollout().state(), v1::ROLLOUT_STATE_RUNNING);
        v1::Rollout paused;
        QVERIFY(m_scenario
                    ->act(QStringLiteral("Pause"), id, QStringLiteral("olga"),
                          QStringLiteral("investigating"), &paused)
                    .ok());
        QCOMPARE(paused.state(), v1::ROLLOUT_STATE_PAUSED);
        QCOMPARE(q(paused.paused().actor()), QStringLiteral("olga"));
        QCOMPARE(q(paused.paused().comment()), QStringLiteral("investigating"));
        QVERIFY(!paused.auto_paused());

        // Illegal transitions name the current state.
        std::optional<v1::ErrorDetail> detail;
        status = m_scenario->act(QStringLiteral("Pause"), id, QStringLiteral("olga"), QStringLiteral("again"),
                                 nullptr, &detail);
        QCOMPARE(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
        QVERIFY2(contains(status, "PAUSED"), status.error_message().c_str());
        QVERIFY(detail && detail->reason() == v1::ERROR_REASON_WRONG_STATE);
        QCOMPARE(detail->current().rollout().state(), v1::ROLLOUT_STATE_PAUSED);
        status = m_scenario->act(QStringLiteral("Start"), id);
        QCOMPARE(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
        QVERIFY2(contains(status, "PAUSED"), status.error_message().c_str());

        // Paused: no new downloads start.
        QVERIFY(device(7).checkIn(&response).ok());
        QVERIFY(!response.has_update());
        status =
            device(7).report(deployment(7), v1::DEPLOYMENT_STATE_PENDING, v1::DEPLOYMENT_STATE_DOWNLOADING);
        QCOMPARE(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
        QVERIFY2(contains(status, "PAUSED"), status.error_message().c_str());
        QVERIFY(device(8).checkIn(&response).ok());
        QVERIFY(!response.has_update());
        for (const v1::Deployment &later : m_scenario->deployments(id, {}, 1u)) {
            QVERIFY(m_scenario->device(q(later.device_id())).checkIn(&response).ok());
            QVERIFY(!response.has_update());
        }
        // ... a download in progress may finish ...
        QVERIFY(device(4).checkIn(&response).ok() && response.has_update());
        QCOMPARE(response.update().state(), v1::DEPLOYMENT_STATE_DOWNLOADING);
        QVERIFY(!response.update().install_allowed());
        QVERIFY(device(4).download(deployment(4), quint64(partial.size()), partial).ok());
        QCOMPARE(toHex(Sha256::hash(partial)), m_release.imageSha256);
        QVERIFY(device(4)
                    .report(deployment(4), v1::DEPLOYMENT_STATE_DOWNLOADING, v1::DEPLOYMENT_STATE_DOWNLOADED)
                    .ok());
        // ... no install starts ...
        QVERIFY(device(5).checkIn(&response).ok() && response.has_update());
        QCOMPARE(response.update().state(), v1::DEPLOYMENT_STATE_DOWNLOADED);
        QVERIFY(!response.update().install_allowed());
        status =
            device(5).report(deployment(5), v1::DEPLOYMENT_STATE_DOWNLOADED, v1::DEPLOYMENT_STATE_INSTALLING);
        QCOMPARE(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
        QVERIFY2(contains(status, "PAUSED"), status.error_message().c_str());
        // ... and a device already installing finishes.
        QVERIFY(device(6)
                    .report(deployment(6), v1::DEPLOYMENT_STATE_INSTALLING, v1::DEPLOYMENT_STATE_REBOOTING)
                    .ok());
        QVERIFY(device(6)
                    .report(deployment(6), v1::DEPLOYMENT_STATE_REBOOTING, v1::DEPLOYMENT_STATE_SUCCEEDED)
                    .ok());
        const auto held = m_scenario->get(id);
        QCOMPARE(held.rollout().state(), v1::ROLLOUT_STATE_PAUSED);
        QCOMPARE(held.progress().failure_sample(), 5u);
        QCOMPARE(held.progress().stages(1).counts().pending(), held.progress().stages(1).device_count());
        QCOMPARE(held.progress().stages(0).counts().downloaded(), 2u);

        // Resume: the failure sample starts again, devices move on.
        v1::Rollout resumed;
        QVERIFY(
            m_scenario->act(QStringLiteral("Resume"), id, QStringLiteral("oscar"), QString(), &resumed).ok());
        QCOMPARE(resumed.state(), v1::ROLLOUT_STATE_RUNNING);
        QVERIFY(!resumed.has_paused());
        const auto afterResume = m_scenario->get(id);
        QCOMPARE(afterResume.progress().failure_sample(), 0u);
        QCOMPARE(afterResume.progress().failure_percent(), 0.0);
        QVERIFY(device(7)
                    .report(deployment(7), v1::DEPLOYMENT_STATE_PENDING, v1::DEPLOYMENT_STATE_DOWNLOADING)
                    .ok());
        QVERIFY(device(5).checkIn(&response).ok() && response.has_update());
        QVERIFY(response.update().install_allowed());

        QVERIFY(drive(id, 100, 40, [](const v1::GetRolloutResponse &r) {
            return r.rollout().state() == v1::ROLLOUT_STATE_COMPLETED;
        }));
        const auto done = m_scenario->get(id);
        QCOMPARE(done.progress().total().succeeded(), 39u);
        QCOMPARE(done.progress().total().failed(), 1u);
        // Finished since the resume: everyone but the five that finished before it.
        QCOMPARE(done.progress().failure_sample(), 35u);
        // The pause and resume did not reshuffle the stages.
        for (const v1::Deployment &after : m_scenario->deployments(id))
            QCOMPARE(after.stage(), stageBefore.value(q(after.device_id())));
        QStringList history;
        for (const v1::RolloutEvent &event : done.events()) {
            if (event.kind() == v1::ROLLOUT_EVENT_KIND_STATE_CHANGED)
                history << QStringLiteral("%1:%2:%3")
                               .arg(q(v1::RolloutState_Name(event.to_state())), q(event.actor()),
                                    q(event.message()));
        }
        QVERIFY2(history.contains(QStringLiteral("ROLLOUT_STATE_PAUSED:olga:investigating")),
                 qPrintable(history.join(u'\n')));
        QVERIFY2(history.contains(QStringLiteral("ROLLOUT_STATE_RUNNING:oscar:")),
                 qPrintable(history.join(u'\n')));
        for (int i = 100; i < 140; ++i)
            QVERIFY2(m_scenario->device(deviceId(i)).installs() <= 1, qPrintable(deviceId(i)));
    }

    void abortCancelsWhatHasNotBegunInstalling()
    {
        m_scenario->addDevices(20, QStringLiteral("gw-200"), QStringLiteral("1.0.0"), 1, 200);
        m_scenario->addDevices(2, QStringLiteral("gw-200"), QStringLiteral("2.0.0"), 2,
                               290); // already current
        QVERIFY(
            m_scenario->createGroup(QStringLiteral("abort-fleet"), QStringLiteral("id ~ \"dev-002*\"")).ok());
        const QString id = QStringLiteral("ctl-abort");
        QVERIFY(m_scenario
                    ->createApproved(id, m_release.releaseId, {QStringLiteral("abort-fleet")}, {100}, 50, 20,
                                     nullptr)
                    .ok());
        QVERIFY(m_scenario->act(QStringLiteral("Start"), id).ok());
        auto device = [&](int i) -> TestDevice & { return m_scenario->device(deviceId(200 + i)); };
        auto deployment = [&](int i) { return QStringLiteral("%1:%2").arg(id, deviceId(200 + i)); };
        const QList<std::pair<v1::DeploymentState, v1::DeploymentState>> arrows{
            {v1::DEPLOYMENT_STATE_PENDING, v1::DEPLOYMENT_STATE_DOWNLOADING},
            {v1::DEPLOYMENT_STATE_DOWNLOADING, v1::DEPLOYMENT_STATE_DOWNLOADED},
            {v1::DEPLOYMENT_STATE_DOWNLOADED, v1::DEPLOYMENT_STATE_INSTALLING},
            {v1::DEPLOYMENT_STATE_INSTALLING, v1::DEPLOYMENT_STATE_REBOOTING}};
        v1::CheckInResponse response;
        // 0 succeeded; 1 rebooting, 2 installing, 3 downloaded, 4 downloading; 5 told to update; rest idle.
        QCOMPARE(device(0).step(), v1::DEPLOYMENT_STATE_SUCCEEDED);
        for (int i = 1; i <= 5; ++i) {
            QVERIFY(device(i).checkIn(&response).ok() && response.has_update());
            QCOMPARE(q(response.update().deployment_id()), deployment(i));
            for (qsizetype step = 0; step < 5 - i; ++step)
                QVERIFY(device(i).report(deployment(i), arrows[step].first, arrows[step].second).ok());
        }

        grpc::Status status = m_scenario->act(QStringLiteral("Abort"), id, QStringLiteral("olga"), QString());
        QCOMPARE(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
        QVERIFY2(contains(status, "reason"), status.error_message().c_str());
        QCOMPARE(m_scenario->get(id).rollout().state(), v1::ROLLOUT_STATE_RUNNING);
        {
            // Abort also carries the revision the operator saw.
            const qint64 revision = m_scenario->get(id).rollout().revision();
            v1::AbortRolloutRequest request;
            request.set_rollout_id(id.toStdString());
            request.set_expected_revision(revision + 5);
            request.set_reason("stale");
            v1::AbortRolloutResponse aborted;
            auto context = m_otterd.as(QStringLiteral("olga"));
            status = m_rollouts->AbortRollout(context.get(), request, &aborted);
            QCOMPARE(status.error_code(), grpc::StatusCode::ABORTED);
            const auto detail = errorDetail(*context);
            QVERIFY(detail && detail->reason() == v1::ERROR_REASON_STALE_REVISION);
            QCOMPARE(detail->current().rollout().revision(), revision);
            QCOMPARE(detail->current().rollout().state(), v1::ROLLOUT_STATE_RUNNING);
        }
        v1::Rollout aborted;
        QVERIFY(m_scenario
                    ->act(QStringLiteral("Abort"), id, QStringLiteral("olga"), QStringLiteral("bad batch"),
                          &aborted)
                    .ok());
        QCOMPARE(aborted.state(), v1::ROLLOUT_STATE_ABORTED);
        QCOMPARE(q(aborted.finished().actor()), QStringLiteral("olga"));
        QCOMPARE(q(aborted.finished().comment()), QStringLiteral("bad batch"));

        // Not yet installing ⇒ cancelled, left in the state where it stopped; the rest carry on.
        QMap<QString, v1::Deployment> byDevice;
        for (const v1::Deployment &listed : m_scenario->deployments(id))
            byDevice.insert(q(listed.device_id()), listed);
        QCOMPARE(byDevice.size(), 22);
        const QList<v1::DeploymentState> expected{
            v1::DEPLOYMENT_STATE_SUCCEEDED,   v1::DEPLOYMENT_STATE_REBOOTING,
            v1::DEPLOYMENT_STATE_INSTALLING,  v1::DEPLOYMENT_STATE_DOWNLOADED,
            v1::DEPLOYMENT_STATE_DOWNLOADING, v1::DEPLOYMENT_STATE_PENDING};
        for (int i = 0; i < 20; ++i) {
            const v1::Deployment &listed = byDevice.value(deviceId(200 + i));
            QCOMPARE(listed.state(), i < expected.size() ? expected[i] : v1::DEPLOYMENT_STATE_PENDING);
            QVERIFY2(listed.cancelled() == (i >= 3), qPrintable(deviceId(200 + i)));
        }
        QVERIFY(!byDevice.value(deviceId(290)).cancelled());

        // Devices that began are told to stop, with the operator's reason; nobody gets an update any more.
        for (int i = 3; i <= 4; ++i) {
            QVERIFY(device(i).checkIn(&response).ok());
            QVERIFY2(response.has_cancel(), qPrintable(deviceId(200 + i)));
            QCOMPARE(q(response.cancel().deployment_id()), deployment(i));
            QVERIFY2(q(response.cancel().reason()).contains(QLatin1StringView("bad batch")),
                     response.cancel().reason().c_str());
        }
        for (int i = 5; i < 20; ++i) {
            QVERIFY(device(i).checkIn(&response).ok());
            QVERIFY2(!response.has_update(), qPrintable(deviceId(200 + i)));
        }
        QByteArray image;
        status = device(4).download(deployment(4), 0, image);
        QCOMPARE(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
        QVERIFY2(contains(status, "cancelled"), status.error_message().c_str());
        status = device(4).report(deployment(4), v1::DEPLOYMENT_STATE_DOWNLOADING,
                                  v1::DEPLOYMENT_STATE_DOWNLOADED);
        QCOMPARE(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
        status =
            device(3).report(deployment(3), v1::DEPLOYMENT_STATE_DOWNLOADED, v1::DEPLOYMENT_STATE_INSTALLING);
        QCOMPARE(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
        QVERIFY2(contains(status, "cancelled"), status.error_message().c_str());
        status =
            device(5).report(deployment(5), v1::DEPLOYMENT_STATE_PENDING, v1::DEPLOYMENT_STATE_DOWNLOADING);
        QCOMPARE(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
        // Installing and rebooting devices finish and report.
        v1::ReportStatusResponse reported;
        QVERIFY(device(2)
                    .report(deployment(2), v1::DEPLOYMENT_STATE_INSTALLING, v1::DEPLOYMENT_STATE_REBOOTING,
                            v1::DEPLOYMENT_ERROR_UNSPECIFIED, &reported)
                    .ok());
        QVERIFY(reported.applied());
        QVERIFY(device(2)
                    .report(deployment(2), v1::DEPLOYMENT_STATE_REBOOTING, v1::DEPLOYMENT_STATE_SUCCEEDED)
                    .ok());
        QVERIFY(device(1)
                    .report(deployment(1), v1::DEPLOYMENT_STATE_REBOOTING, v1::DEPLOYMENT_STATE_ROLLED_BACK,
                            v1::DEPLOYMENT_ERROR_HEALTH_CHECK_FAILED)
                    .ok());
        const auto after = m_scenario->get(id);
        QCOMPARE(after.rollout().state(), v1::ROLLOUT_STATE_ABORTED);
        QCOMPARE(after.progress().total().succeeded(), 2u);
        QCOMPARE(after.progress().total().rolled_back(), 1u);
        QCOMPARE(after.progress().total().downloaded(), 1u);
        QCOMPARE(after.progress().total().downloading(), 1u);
        QCOMPARE(after.progress().total().pending(), 15u);
        QCOMPARE(after.progress().total().skipped(), 2u);

        // Final: nothing moves it any more, and the refusal names the state.
        for (const QString &action :
             {QStringLiteral("Resume"), QStringLiteral("Pause"), QStringLiteral("Abort")}) {
            status = m_scenario->act(action, id, QStringLiteral("olga"), QStringLiteral("once more"));
            QCOMPARE(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
            QVERIFY2(contains(status, "ABORTED"), status.error_message().c_str());
        }
    }

    void listDeploymentsPagesAndFilters()
    {
        // ctl-abort: 22 deployments in many states (2 skipped); ctl-pause: 2 stages of 20.
        const QString aborted = QStringLiteral("ctl-abort");
        const QList<v1::Deployment> whole = m_scenario->deployments(aborted, {}, std::nullopt, 100);
        QCOMPARE(whole.size(), 22);
        int pages = 0;
        const QList<v1::Deployment> paged = m_scenario->deployments(aborted, {}, std::nullopt, 3, &pages);
        QCOMPARE(pages, 8);
        QCOMPARE(paged.size(), whole.size());
        for (qsizetype i = 0; i < paged.size(); ++i) {
            QCOMPARE(paged[i].id(), whole[i].id());
            QCOMPARE(paged[i].state(), whole[i].state());
            QCOMPARE(q(paged[i].release_id()), m_release.releaseId);
            QCOMPARE(q(paged[i].release_version()), QStringLiteral("2.0.0"));
            if (i > 0)
                QVERIFY(paged[i - 1].device_id() < paged[i].device_id()); // ordered by device id, no repeats
        }

        const auto skipped =
            m_scenario->deployments(aborted, {v1::DEPLOYMENT_STATE_SKIPPED}, std::nullopt, 1, &pages);
        QCOMPARE(skipped.size(), 2);
        QCOMPARE(pages, 2);
        for (const v1::Deployment &deployment : skipped) {
            QVERIFY(!deployment.has_stage());
            QCOMPARE(deployment.skip_reason(), v1::SKIP_REASON_ALREADY_CURRENT);
            QCOMPARE(q(deployment.from_version()), QStringLiteral("2.0.0"));
        }
        const auto waiting =
            m_scenario->deployments(aborted, {v1::DEPLOYMENT_STATE_PENDING, v1::DEPLOYMENT_STATE_DOWNLOADING},
                                    std::nullopt, 4, &pages);
        QCOMPARE(waiting.size(), 16);
        QCOMPARE(pages, 4);
        for (const v1::Deployment &deployment : waiting) {
            QVERIFY(deployment.state() == v1::DEPLOYMENT_STATE_PENDING ||
                    deployment.state() == v1::DEPLOYMENT_STATE_DOWNLOADING);
            QVERIFY(deployment.cancelled());
        }

        const QString pausedId = QStringLiteral("ctl-pause");
        const auto progress = m_scenario->get(pausedId).progress();
        QSet<QString> seen;
        for (quint32 stage = 0; stage < 2; ++stage) {
            const auto inStage = m_scenario->deployments(pausedId, {}, stage, 7);
            QCOMPARE(quint64(inStage.size()), progress.stages(int(stage)).device_count());
            for (const v1::Deployment &deployment : inStage) {
                QCOMPARE(deployment.stage(), stage);
                seen.insert(q(deployment.device_id()));
            }
            const auto failed = m_scenario->deployments(pausedId, {v1::DEPLOYMENT_STATE_FAILED}, stage, 2);
            QCOMPARE(quint64(failed.size()), progress.stages(int(stage)).counts().failed());
        }
        QCOMPARE(seen.size(), 40);

        // Tokens belong to their filters; garbage and unknown rollouts are refused.
        v1::ListDeploymentsRequest request;
        request.set_rollout_id(aborted.toStdString());
        request.set_page_size(5);
        v1::ListDeploymentsResponse response;
        QVERIFY(
            m_rollouts->ListDeployments(m_otterd.as(QStringLiteral("vera")).get(), request, &response).ok());
        QVERIFY(!response.next_page_token().empty());
        request.set_page_token(response.next_page_token());
        request.add_states(v1::DEPLOYMENT_STATE_PENDING);
        grpc::Status status =
            m_rollouts->ListDeployments(m_otterd.as(QStringLiteral("vera")).get(), request, &response);
        QCOMPARE(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
        request.clear_states();
        request.set_page_token("not-a-token");
        status = m_rollouts->ListDeployments(m_otterd.as(QStringLiteral("vera")).get(), request, &response);
        QCOMPARE(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
        request.clear_page_token();
        request.set_rollout_id("no-such-rollout");
        status = m_rollouts->ListDeployments(m_otterd.as(QStringLiteral("vera")).get(), request, &response);
        QCOMPARE(status.error_code(), grpc::StatusCode::NOT_FOUND);
        status = m_rollouts->ListDeployments(m_otterd.anonymous().get(), request, &response);
        QCOMPARE(status.error_code(), grpc::StatusCode::UNAUTHENTICATED);
    }

    void listRolloutsFilters()
    {
        // A draft of another release, so that the release filter has something to tell apart.
        SignedRelease other;
        QVERIFY(m_scenario->uploadRelease(QStringLiteral("2.1.0"), 2, &other));
        v1::CreateRolloutRequest create;
        create.mutable_rollout()->set_id("ctl-draft");
        create.mutable_rollout()->set_name("draft of 2.1.0");
        create.mutable_rollout()->set_release_id(other.releaseId.toStdString());
        create.mutable_rollout()->add_target_group_ids("pause-fleet");
        v1::CreateRolloutResponse created;
        QVERIFY(m_rollouts->CreateRollout(m_otterd.as(QStringLiteral("olga")).get(), create, &created).ok());

        const auto ids = [&](const QList<v1::RolloutState> &states, const QString &release, quint32 pageSize,
                             int *pages = nullptr) {
            v1::ListRolloutsRequest request;
            for (v1::RolloutState state : states)
                request.add_states(state);
            request.set_release_id(release.toStdString());
            request.set_page_size(pageSize);
            QStringList found;
            QList<v1::Rollout> rollouts;
            int count = 0;
            for (;;) {
                v1::ListRolloutsResponse response;
                const grpc::Status status =
                    m_rollouts->ListRollouts(m_otterd.as(QStringLiteral("vera")).get(), request, &response);
                if (!status.ok())
                    return QStringList{QStringLiteral("error: ") + q(status.error_message())};
                ++count;
                for (const v1::Rollout &rollout : response.rollouts()) {
                    found << q(rollout.id());
                    rollouts << rollout;
                }
                if (response.next_page_token().empty())
                    break;
                request.set_page_token(response.next_page_token());
            }
            if (pages)
                *pages = count;
            // Newest first.
            for (qsizetype i = 1; i < rollouts.size(); ++i) {
                if (TimeUtil::TimestampToMilliseconds(rollouts[i - 1].created_at()) <
                    TimeUtil::TimestampToMilliseconds(rollouts[i].created_at()))
                    return QStringList{QStringLiteral("error: not newest first")};
            }
            return found;
        };
        const QStringList all = ids({}, QString(), 0);
        QCOMPARE(all, (QStringList{QStringLiteral("ctl-draft"), QStringLiteral("ctl-abort"),
                                   QStringLiteral("ctl-pause")}));
        int pages = 0;
        QCOMPARE(ids({}, QString(), 1, &pages), all);
        QCOMPARE(pages, 3);
        // Filters apply across pages: ctl-abort, between the two, is skipped.
        QCOMPARE(ids({v1::ROLLOUT_STATE_COMPLETED, v1::ROLLOUT_STATE_DRAFT}, QString(), 1, &pages),
                 (QStringList{QStringLiteral("ctl-draft"), QStringLiteral("ctl-pause")}));
        QCOMPARE(pages, 2);
        QCOMPARE(ids({v1::ROLLOUT_STATE_COMPLETED}, QString(), 0), QStringList{QStringLiteral("ctl-pause")});
        QCOMPARE(ids({v1::ROLLOUT_STATE_ABORTED, v1::ROLLOUT_STATE_DRAFT}, QString(), 0),
                 (QStringList{QStringLiteral("ctl-draft"), QStringLiteral("ctl-abort")}));
        QCOMPARE(ids({}, other.releaseId, 0), QStringList{QStringLiteral("ctl-draft")});
        QCOMPARE(ids({v1::ROLLOUT_STATE_ABORTED}, m_release.releaseId, 0),
                 QStringList{QStringLiteral("ctl-abort")});
        QCOMPARE(ids({v1::ROLLOUT_STATE_ABORTED}, other.releaseId, 0), QStringList());
        QCOMPARE(ids({v1::ROLLOUT_STATE_RUNNING}, QString(), 0), QStringList());

        v1::ListRolloutsRequest request;
        request.set_page_size(1);
        v1::ListRolloutsResponse response;
        QVERIFY(m_rollouts->ListRollouts(m_otterd.as(QStringLiteral("vera")).get(), request, &response).ok());
        request.set_page_token(response.next_page_token());
        request.add_states(v1::ROLLOUT_STATE_COMPLETED);
        QCOMPARE(m_rollouts->ListRollouts(m_otterd.as(QStringLiteral("vera")).get(), request, &response)
                     .error_code(),
                 grpc::StatusCode::INVALID_ARGUMENT);
    }

    void cleanup()
    {
        if (QTest::currentTestFailed())
            qWarning().noquote() << m_otterd.log().right(4000);
    }

private:
    // Steps devices dev-<first>… until `done` holds for the rollout.
    bool drive(const QString &rolloutId, int first, int count,
               const std::function<bool(const v1::GetRolloutResponse &)> &done)
    {
        for (int round = 0; round < 30; ++round) {
            if (done(m_scenario->get(rolloutId)))
                return true;
            for (int i = first; i < first + count; ++i)
                m_scenario->device(deviceId(i)).step();
            waitFor([&] { return done(m_scenario->get(rolloutId)); }, 2000);
        }
        return done(m_scenario->get(rolloutId));
    }

    OtterdHarness m_otterd;
    std::unique_ptr<RolloutScenario> m_scenario;
    std::unique_ptr<v1::RolloutService::Stub> m_rollouts;
    SignedRelease m_release;
};

QTEST_GUILESS_MAIN(TestRolloutControl)
#include "tst_rollout_control.moc"
