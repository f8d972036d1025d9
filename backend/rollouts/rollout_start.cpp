// Starting a rollout: targets resolved once, deployments created in stage order.
#include "backend/rollouts/rollout_start.h"

#include "backend/rollouts/rollout_progress.h"
#include "backend/rollouts/rollout_targeting.h"
#include "backend/server/proto_time.h"
#include "core/rollout_stages.h"

#include <QJsonObject>

namespace otter::backend {
namespace {

QString skipDetail(v1::SkipReason reason, const TargetDevice &device, const v1::Release &release)
{
    switch (reason) {
    case v1::SKIP_REASON_INCOMPATIBLE_HARDWARE:
        return QStringLiteral("hardware class %1 is not among the release's classes")
            .arg(device.hardwareClass);
    case v1::SKIP_REASON_ALREADY_CURRENT:
        return QStringLiteral("already runs %1").arg(device.firmwareVersion);
    case v1::SKIP_REASON_DOWNGRADE:
        return QStringLiteral("release security version %1 is below the device's %2")
            .arg(release.security_version())
            .arg(device.securityVersion);
    default:
        return QString();
    }
}

} // namespace

QString deploymentId(const QString &rolloutId, const QString &deviceId)
{
    return rolloutId + u':' + deviceId;
}

Result<std::optional<ApiError>> startRollout(WriteContext &tx, const v1::Rollout &rollout, qint64 nowMs)
{
    const QString rolloutId = QString::fromStdString(rollout.id());
    auto release = loadRelease(tx.sql(), QString::fromStdString(rollout.release_id()));
    if (!release)
        return release.error();
    auto plan = planTargets(tx.sql(), rollout, *release);
    if (!plan)
        return plan.error();
    if (plan->eligible.isEmpty())
        return std::optional<ApiError>(
            apiError(grpc::StatusCode::FAILED_PRECONDITION,
                     plan->targeted == 0
                         ? QStringLiteral("rollout %1 targets no device: its groups are empty").arg(rolloutId)
                         : QStringLiteral("rollout %1 would update no device: all %2 targeted devices are "
                                          "skipped (incompatible, already current or a downgrade)")
                               .arg(rolloutId)
                               .arg(plan->targeted)));

    auto insert = [&](const TargetDevice &device, int stage, v1::DeploymentState state, v1::SkipReason reason,
                      const QString &detail) -> Result<void> {
        auto statement = tx.sql().prepare(
            "INSERT INTO deployments (id, rollout_id, device_id, stage, order_key, state, skip_reason, "
            "detail, "
            "from_version, created_at, updated_at, finished_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        if (!statement)
            return statement.error();
        statement->bind(1, deploymentId(rolloutId, device.id)).bind(2, rolloutId).bind(3, device.id);
        if (stage == SkippedStage)
            statement->bindNull(4);
        else
            statement->bind(4, stage);
        statement->bind(5, qint64(stageOrderKey(rolloutId, device.id) >> 1))
            .bind(6, int(state))
            .bind(7, int(reason))
            .bind(8, detail)
            .bind(9, device.firmwareVersion)
            .bind(10, nowMs)
            .bind(11, nowMs);
        if (state == v1::DEPLOYMENT_STATE_SKIPPED)
            statement->bind(12, nowMs);
        else
            statement->bindNull(12);
        return statement->run();
    };

    // Counters are written per (stage, state) in bulk: one row each, not one update per device.
    QMap<int, qint64> pendingPerStage;
    for (qsizetype rank = 0; rank < plan->eligible.size(); ++rank) {
        const int stage = stageOfRank(rank, plan->stageSizes);
        if (auto ok = insert(plan->eligible[rank], stage, v1::DEPLOYMENT_STATE_PENDING,
                             v1::SKIP_REASON_UNSPECIFIED, QString());
            !ok)
            return ok.error();
        pendingPerStage[stage] += 1;
    }
    qint64 skippedCount = 0;
    for (auto it = plan->skipped.begin(); it != plan->skipped.end(); ++it) {
        for (const TargetDevice &device : it.value()) {
            if (auto ok = insert(device, SkippedStage, v1::DEPLOYMENT_STATE_SKIPPED, it.key(),
                                 skipDetail(it.key(), device, *release));
                !ok)
                return ok.error();
            ++skippedCount;
        }
    }
    auto setCount = [&](int stage, int state, qint64 count) -> Result<void> {
        auto statement = tx.sql().prepare(
            "INSERT INTO rollout_counts (rollout_id, stage, state, count) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (rollout_id, stage, state) DO UPDATE SET count = excluded.count");
        if (!statement)
            return statement.error();
        statement->bind(1, rolloutId).bind(2, stage).bind(3, state).bind(4, count);
        return statement->run();
    };
    for (auto it = pendingPerStage.begin(); it != pendingPerStage.end(); ++it) {
        if (auto ok = setCount(it.key(), int(v1::DEPLOYMENT_STATE_PENDING), it.value()); !ok)
            return ok.error();
    }
    if (skippedCount > 0) {
        if (auto ok = setCount(SkippedStage, int(v1::DEPLOYMENT_STATE_SKIPPED), skippedCount); !ok)
            return ok.error();
    }

    auto runtime = loadRuntime(tx.sql(), rolloutId);
    if (!runtime)
        return runtime.error();
    const int stages = rollout.stages_size();
    runtime->sampleSinceMs = nowMs;
    runtime->stageSizes = plan->stageSizes;
    runtime->stageStartedAtMs = QList<qint64>(stages, 0);
    runtime->gatePassedAtMs = QList<qint64>(stages, 0);
    runtime->stageLastFinishMs = QList<qint64>(stages, 0);
    runtime->stageStartedAtMs[0] = nowMs;
    if (auto ok = storeRuntime(tx, rolloutId, *runtime); !ok)
        return ok.error();
    return std::optional<ApiError>();
}

Result<void> announceStage(WriteContext &tx, const v1::Rollout &rollout, int stage, qint64 nowMs)
{
    const QString rolloutId = QString::fromStdString(rollout.id());
    auto runtime = loadRuntime(tx.sql(), rolloutId);
    if (!runtime)
        return runtime.error();
    const qint64 added = devicesAddedInStage(runtime->stageSizes, stage);
    const QString message = QStringLiteral("stage %1 (%2%) started: %3 more devices")
                                .arg(stage + 1)
                                .arg(rollout.stages(stage).cumulative_percent())
                                .arg(added);
    v1::RolloutEvent event;
    *event.mutable_time() = timestampFromMs(nowMs);
    event.set_kind(v1::ROLLOUT_EVENT_KIND_STAGE_STARTED);
    event.set_stage(quint32(stage));
    event.set_actor("system");
    event.set_message(message.toStdString());
    if (auto ok = appendEvent(tx, rolloutId, event); !ok)
        return ok.error();
    return tx.audit(
        {QStringLiteral("system"), QStringLiteral("rollout.stage_start"),
         QStringLiteral("rollout/%1").arg(rolloutId),
         QJsonObject{{QStringLiteral("stage"), stage + 1}, {QStringLiteral("devices"), double(added)}}});
}

} // namespace otter::backend
