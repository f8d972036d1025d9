// What a device should be doing: its current deployment with the rollout and release behind it.
#include "backend/rollouts/device_work.h"

namespace otter::backend {
namespace {

// Joined columns: deployment, then the rollout's state, stage, release, window (from its body).
DeviceWork workFromRow(const SqliteStatement &row)
{
    DeviceWork work;
    work.deploymentId = row.text(0);
    work.rolloutId = row.text(1);
    work.state = v1::DeploymentState(row.int64(2));
    work.stage = int(row.int64(3));
    work.cancelled = row.int64(4) != 0;
    work.rolloutState = v1::RolloutState(row.int64(5));
    work.releaseId = row.text(6);
    v1::Rollout rollout;
    rollout.ParseFromString(row.blob(7).toStdString());
    work.windowId = QString::fromStdString(rollout.window_id());
    work.finishedComment = QString::fromStdString(rollout.finished().comment());
    return work;
}

} // namespace

Result<std::optional<DeviceWork>> findDeviceWork(SqliteConnection &connection, const QString &deviceId)
{
    auto query =
        connection.prepare("SELECT d.id, d.rollout_id, d.state, d.stage, d.cancelled, r.state, r.release_id, "
                           "r.body, r.current_stage "
                           "FROM deployments d JOIN rollouts r ON r.id = d.rollout_id "
                           "WHERE d.device_id = ? AND d.state BETWEEN 1 AND 5 ORDER BY d.created_at, d.id");
    if (!query)
        return query.error();
    query->bind(1, deviceId);
    std::optional<DeviceWork> cancelledStarted;
    while (query->next()) {
        const bool cancelled = query->int64(4) != 0;
        const int state = int(query->int64(2));
        const int rolloutState = int(query->int64(5));
        if (cancelled) {
            if (state != v1::DEPLOYMENT_STATE_PENDING && !cancelledStarted)
                cancelledStarted = workFromRow(*query);
            continue;
        }
        if (rolloutState != v1::ROLLOUT_STATE_RUNNING && rolloutState != v1::ROLLOUT_STATE_PAUSED &&
            state == v1::DEPLOYMENT_STATE_PENDING)
            continue;
        if (query->int64(3) > query->int64(8))
            continue; // its stage has not started yet
        return std::optional<DeviceWork>(workFromRow(*query));
    }
    if (query->failed())
        return query->error();
    return cancelledStarted;
}

Result<std::optional<DeviceWork>> findDeployment(SqliteConnection &connection, const QString &deviceId,
                                                 const QString &deploymentId)
{
    auto query = connection.prepare(
        "SELECT d.id, d.rollout_id, d.state, d.stage, d.cancelled, r.state, r.release_id, r.body "
        "FROM deployments d JOIN rollouts r ON r.id = d.rollout_id WHERE d.id = ? AND d.device_id = ?");
    if (!query)
        return query.error();
    query->bind(1, deploymentId).bind(2, deviceId);
    if (!query->next()) {
        if (query->failed())
            return query->error();
        return std::optional<DeviceWork>();
    }
    return std::optional<DeviceWork>(workFromRow(*query));
}

} // namespace otter::backend
