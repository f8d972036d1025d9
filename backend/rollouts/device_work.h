// What a device should be doing: its current deployment (if any) with the rollout and release behind it.
#pragma once

#include "backend/storage/sqlite_connection.h"
#include "otter/v1/deployments.pb.h"
#include "otter/v1/rollouts.pb.h"

#include <optional>

namespace otter::backend {

struct DeviceWork
{
    QString deploymentId;
    QString rolloutId;
    QString releaseId;
    QString windowId;
    v1::DeploymentState state = v1::DEPLOYMENT_STATE_UNSPECIFIED;
    int stage = 0;
    bool cancelled = false;
    v1::RolloutState rolloutState = v1::ROLLOUT_STATE_UNSPECIFIED;
    QString finishedComment; // the abort reason, for cancel directives
};

// The device's oldest unfinished deployment whose stage has started in a RUNNING or PAUSED rollout, or a
// cancelled one it had begun (so it can be told to stop).
Result<std::optional<DeviceWork>> findDeviceWork(SqliteConnection &connection, const QString &deviceId);

// One deployment of this device by id.
Result<std::optional<DeviceWork>> findDeployment(SqliteConnection &connection, const QString &deviceId,
                                                 const QString &deploymentId);

} // namespace otter::backend
