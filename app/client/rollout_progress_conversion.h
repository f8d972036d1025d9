// WatchRollout messages → the plain progress values of models/rollout_progress.h. Pure functions, safe on
// gRPC's threads (they touch no QObject).
#pragma once

#include "models/rollout_progress.h"

#include "otter/v1/rollouts.pb.h"

namespace otter::client {

models::DeploymentCountsRecord toRecord(const v1::DeploymentCounts &counts);
models::RolloutProgressRecord toRecord(const v1::RolloutProgress &progress);
models::RolloutEventRecord toRecord(const v1::RolloutEvent &event);
models::RolloutWatchUpdate toWatchUpdate(const v1::WatchRolloutResponse &response);

// Proto enum names without their prefix, as the records spell states: "PAUSED", "AUTO_PAUSED", "ACTIVE".
QString shortEnumName(const std::string &fullName, std::string_view prefix);

} // namespace otter::client
