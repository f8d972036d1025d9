// A device's deployment history for GetDevice, newest first, read from the rollout engine's deployments.
#pragma once

#include "backend/storage/sqlite_connection.h"
#include "otter/v1/deployments.pb.h"

namespace otter::backend {

// Appends up to `limit` of the device's deployments across rollouts, newest first (by creation, then id).
Result<void> appendDeviceDeploymentHistory(SqliteConnection &connection, const QString &deviceId, int limit,
                                           google::protobuf::RepeatedPtrField<v1::Deployment> *history);

} // namespace otter::backend
