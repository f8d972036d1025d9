// Rollout scenarios against a real otterd.
#include "rollout_fixtures.h"

#include <QDeadlineTimer>
#include <QSaveFile>

namespace otter::test {

bool RolloutScenario::uploadRelease(const QString &version, qint64 securityVersion, SignedRelease *out)
{
    if (!m_key) {
        m_key = newTestKey();
        if (!trustKey(m_otterd, *m_key).ok())
            return false;
    }
    ReleaseSpec spec;
    spec.version = version;
    spec.securityVersion = securityVersion;
    spec.imageSize = 300 * 1024;
    spec.seed = quint32(qHash(version));
    *out = makeRelease(m_scratch.filePath(version), *m_key, spec);
    const UploadResult result = uploadBundle(m_otterd, *out);
    if (!result.status.ok())
        qWarning("upload of %s refused: %s", qPrintable(version), qPrintable(result.message()));
    return result.status.ok();
}

void RolloutScenario::addDevices(int count, const QString &hardwareClass, const QString &version, quint64 svn,
                                 int firstIndex)
{
    const auto tokens = m_otterd.provision(count, hardwareClass, QStringLiteral("eu-west"),
                                           QStringLiteral("ring=main"), firstIndex);
    for (auto it = tokens.begin(); it != tokens.end(); ++it)
        m_devices.push_back(std::make_unique<TestDevice>(m_otterd.channel(), it.key(), it.value(),
                                                         hardwareClass, version, svn));
    // Each device checks in once so the inventory knows its version before any rollout starts.
    for (auto &device : m_devices) {
        v1::CheckInResponse response;
        device->checkIn(&response);
    }
}

TestDevice &RolloutScenario::device(const QString &id)
{
    for (auto &device : m_devices) {
        if (device->id() == id)
            return *device;
    }
    qFatal("no test device %s", qPrintable(id));
}

grpc::Status RolloutScenario::createGroup(const QString &id, const QString &filter)
{
    auto stub = v1::GroupService::NewStub(m_otterd.channel());
    v1::CreateGroupRequest request;
    request.mutable_group()->set_id(id.toStdString());
    request.mutable_group()->set_name(id.toStdString());
    request.mutable_group()->set_filter(filter.toStdString());
    v1::CreateGroupResponse response;
    const grpc::Status status =
        stub->CreateGroup(m_otterd.as(QStringLiteral("olga")).get(), request, &response);
    if (!status.ok())
        qWarning("CreateGroup %s: %s", qPrintable(id), status.error_message().c_str());
    return status;
}

grpc::Status RolloutScenario::createApproved(const QString &id, const QString &releaseId,
                                             const QStringList &groups, const QList<int> &stages,
                                             double maxFailurePercent, quint32 minFinished, v1::Rollout *out,
                                             const QString &windowId)
{
    auto stub = v1::RolloutService::NewStub(m_otterd.channel());
    v1::CreateRolloutRequest request;
    v1::Rollout *rollout = request.mutable_rollout();
    rollout->set_id(id.toStdString());
    rollout->set_name(QStringLiteral("rollout %1").arg(id).toStdString());
    rollout->set_release_id(releaseId.toStdString());
    rollout->set_window_id(windowId.toStdString());
    for (const QString &group : groups)
        rollout->add_target_group_ids(group.toStdString());
    for (int percent : stages) {
        v1::RolloutStage *stage = rollout->add_stages();
        stage->set_cumulative_percent(quint32(percent));
        stage->mutable_gate()->set_min_success_percent(50);
    }
    rollout->mutable_failure_policy()->set_max_failure_percent(maxFailurePercent);
    rollout->mutable_failure_policy()->set_min_finished(minFinished);
    v1::CreateRolloutResponse created;
    grpc::Status status = stub->CreateRollout(m_otterd.as(QStringLiteral("olga")).get(), request, &created);
    if (!status.ok())
        return status;
    status = act(QStringLiteral("Submit"), id);
    if (!status.ok())
        return status;
    return act(QStringLiteral("Approve"), id, QStringLiteral("abe"), QStringLiteral("looks right"), out);
}

grpc::Status RolloutScenario::act(const QString &rpc, const QString &rolloutId, const QString &as,
                                  const QString &comment, v1::Rollout *out,
                                  std::optional<v1::ErrorDetail> *detail)
{
    auto stub = v1::RolloutService::NewStub(m_otterd.channel());
    const qint64 revision = get(rolloutId).rollout().revision();
    auto context = m_otterd.as(as);
    grpc::Status status;
    v1::Rollout result;
    const std::string id = rolloutId.toStdString();
    const std::string text = comment.toStdString();
    // Each action has its own request type; `Field` is comment or reason, as rollouts.proto names it.
#define OTTER_ACTION(Name, Field)                                                                            \
    if (rpc == QLatin1StringView(#Name)) {                                                                   \
        v1::Name##RolloutRequest request;                                                                    \
        request.set_rollout_id(id);                                                                          \
        request.set_expected_revision(revision);                                                             \
        request.set_##Field(text);                                                                           \
        v1::Name##RolloutResponse response;                                                                  \
        status = stub->Name##Rollout(context.get(), request, &response);                                     \
        result = response.rollout();                                                                         \
    }
    OTTER_ACTION(Submit, comment)
    OTTER_ACTION(Approve, comment)
    OTTER_ACTION(Reject, comment)
    OTTER_ACTION(Start, comment)
    OTTER_ACTION(Resume, comment)
    OTTER_ACTION(Pause, reason)
    OTTER_ACTION(Abort, reason)
#undef OTTER_ACTION
    if (out)
        *out = result;
    if (detail)
        *detail = errorDetail(*context);
    return status;
}

v1::GetRolloutResponse RolloutScenario::get(const QString &rolloutId)
{
    auto stub = v1::RolloutService::NewStub(m_otterd.channel());
    v1::GetRolloutRequest request;
    request.set_rollout_id(rolloutId.toStdString());
    v1::GetRolloutResponse response;
    stub->GetRollout(m_otterd.as(QStringLiteral("vera")).get(), request, &response);
    return response;
}

QList<v1::Deployment> RolloutScenario::deployments(const QString &rolloutId,
                                                   const QList<v1::DeploymentState> &states,
                                                   std::optional<quint32> stage, quint32 pageSize, int *pages,
                                                   grpc::Status *status)
{
    auto stub = v1::RolloutService::NewStub(m_otterd.channel());
    v1::ListDeploymentsRequest request;
    request.set_rollout_id(rolloutId.toStdString());
    for (v1::DeploymentState state : states)
        request.add_states(state);
    if (stage)
        request.set_stage(*stage);
    request.set_page_size(pageSize);
    QList<v1::Deployment> all;
    int count = 0;
    for (;;) {
        v1::ListDeploymentsResponse response;
        const grpc::Status result =
            stub->ListDeployments(m_otterd.as(QStringLiteral("vera")).get(), request, &response);
        if (!result.ok()) {
            if (status)
                *status = result;
            break;
        }
        ++count;
        all.append(QList<v1::Deployment>(response.deployments().begin(), response.deployments().end()));
        if (response.next_page_token().empty())
            break;
        request.set_page_token(response.next_page_token());
    }
    if (pages)
        *pages = count;
    return all;
}

void RolloutScenario::stepAll(const std::function<TestDevice::Outcome(const TestDevice &)> &outcome)
{
    for (auto &device : m_devices)
        device->step(outcome(*device));
}

bool RolloutScenario::runUntil(const QString &rolloutId,
                               const std::function<bool(const v1::GetRolloutResponse &)> &done,
                               const std::function<TestDevice::Outcome(const TestDevice &)> &outcome,
                               int rounds)
{
    for (int round = 0; round < rounds; ++round) {
        if (done(get(rolloutId)))
            return true;
        stepAll(outcome);
        // The engine decides asynchronously after reports; give it until the next round's check.
        waitFor([&] { return done(get(rolloutId)); }, 2000);
    }
    return done(get(rolloutId));
}

TestClock::TestClock()
    : m_path(m_dir.filePath(QStringLiteral("clock-offset")))
{
    writeFile(m_path, "0\n");
}

QStringList TestClock::serverArgs() const
{
    return {QStringLiteral("--clock-offset-file"), m_path};
}

void TestClock::setServerTime(const QDateTime &time)
{
    const qint64 offset = time.toMSecsSinceEpoch() - QDateTime::currentMSecsSinceEpoch();
    // Replaced in one rename, so otterd never reads a half-written number.
    QSaveFile file(m_path);
    file.open(QIODevice::WriteOnly);
    file.write(QByteArray::number(offset) + '\n');
    file.commit();
}

} // namespace otter::test
