// A rollout's editable definition: defaults filled in, every field checked, references resolved.
#include "backend/rollouts/rollout_definition.h"

#include "backend/server/proto_time.h"
#include "core/rollout_stages.h"
#include "otter/v1/keys.pb.h"
#include "otter/v1/releases.pb.h"

namespace otter::backend {
namespace {

ApiError invalid(const QString &message)
{
    return apiError(grpc::StatusCode::INVALID_ARGUMENT, message);
}

ApiError notFound(const QString &message)
{
    return apiError(grpc::StatusCode::NOT_FOUND, message);
}

bool exists(SqliteConnection &connection, const char *sql, const std::string &id)
{
    auto query = connection.prepare(sql);
    if (!query)
        return false;
    query->bind(1, QString::fromStdString(id));
    return query->next();
}

} // namespace

QList<int> stagePercents(const v1::Rollout &rollout)
{
    QList<int> percents;
    for (const v1::RolloutStage &stage : rollout.stages())
        percents << int(stage.cumulative_percent());
    return percents;
}

StageGate stageGate(const v1::RolloutStage &stage)
{
    StageGate gate;
    gate.minSuccessPercent = stage.gate().min_success_percent();
    gate.minSoak = fromDuration(stage.gate().min_soak());
    return gate;
}

FailurePolicy failurePolicy(const v1::Rollout &rollout)
{
    FailurePolicy policy;
    policy.maxFailurePercent = rollout.failure_policy().max_failure_percent();
    policy.minFinished = int(rollout.failure_policy().min_finished());
    return policy;
}

ApiStatus normaliseRolloutDefinition(v1::Rollout &rollout)
{
    if (QString::fromStdString(rollout.name()).trimmed().isEmpty())
        return invalid(QStringLiteral("the rollout needs a name"));
    if (rollout.target_group_ids().empty())
        return invalid(QStringLiteral("the rollout needs at least one target group"));
    if (rollout.target_group_ids_size() > 100)
        return invalid(QStringLiteral("a rollout may target at most 100 groups, not %1")
                           .arg(rollout.target_group_ids_size()));
    if (rollout.stages().empty()) {
        for (int percent : defaultStagePercents())
            rollout.add_stages()->set_cumulative_percent(quint32(percent));
    }
    for (v1::RolloutStage &stage : *rollout.mutable_stages()) {
        if (!stage.has_gate())
            stage.mutable_gate()->set_min_success_percent(StageGate().minSuccessPercent);
    }
    if (auto ok = validateStagePercents(stagePercents(rollout)); !ok)
        return invalid(ok.errorMessage());
    for (int i = 0; i < rollout.stages_size(); ++i) {
        if (auto ok = validateStageGate(stageGate(rollout.stages(i))); !ok)
            return invalid(QStringLiteral("stage %1: %2").arg(i + 1).arg(ok.errorMessage()));
    }
    if (!rollout.has_failure_policy()) {
        const FailurePolicy defaults;
        rollout.mutable_failure_policy()->set_max_failure_percent(defaults.maxFailurePercent);
        rollout.mutable_failure_policy()->set_min_finished(quint32(defaults.minFinished));
    }
    if (auto ok = validateFailurePolicy(failurePolicy(rollout)); !ok)
        return invalid(QStringLiteral("failure policy: %1").arg(ok.errorMessage()));
    return std::nullopt;
}

ApiStatus checkRolloutReferences(SqliteConnection &connection, const v1::Rollout &rollout)
{
    auto release = connection.prepare("SELECT body FROM releases WHERE id = ?");
    if (!release)
        return apiError(release.error());
    release->bind(1, QString::fromStdString(rollout.release_id()));
    if (!release->next())
        return notFound(
            QStringLiteral("release %1 does not exist").arg(QString::fromStdString(rollout.release_id())));
    v1::Release stored;
    stored.ParseFromString(release->blob(0).toStdString());
    for (const std::string &group : rollout.target_group_ids()) {
        if (!exists(connection, "SELECT 1 FROM groups WHERE id = ?", group))
            return notFound(QStringLiteral("group %1 does not exist").arg(QString::fromStdString(group)));
    }
    if (!rollout.window_id().empty() &&
        !exists(connection, "SELECT 1 FROM maintenance_windows WHERE id = ?", rollout.window_id()))
        return notFound(QStringLiteral("maintenance window %1 does not exist")
                            .arg(QString::fromStdString(rollout.window_id())));
    for (const std::string &keyId : stored.signer_key_ids()) {
        auto key = connection.prepare("SELECT 1 FROM trusted_keys WHERE id = ? AND state = ?");
        if (!key)
            return apiError(key.error());
        key->bind(1, QString::fromStdString(keyId)).bind(2, int(v1::TRUSTED_KEY_STATE_ACTIVE));
        if (key->next())
            return std::nullopt;
    }
    return apiError(grpc::StatusCode::FAILED_PRECONDITION,
                    QStringLiteral("release %1 is signed only by keys that are no longer trusted (revoked)")
                        .arg(QString::fromStdString(stored.version())),
                    v1::ERROR_REASON_KEY_REVOKED);
}

void copyEditableFields(const v1::Rollout &from, v1::Rollout &to)
{
    to.set_name(from.name());
    to.set_description(from.description());
    to.set_release_id(from.release_id());
    *to.mutable_target_group_ids() = from.target_group_ids();
    to.set_window_id(from.window_id());
    *to.mutable_stages() = from.stages();
    if (from.has_failure_policy())
        *to.mutable_failure_policy() = from.failure_policy();
    else
        to.clear_failure_policy();
}

} // namespace otter::backend
