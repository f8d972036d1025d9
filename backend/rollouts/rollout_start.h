// Starting a rollout: targets resolved once, deployments created in stage order, counters and runtime set.
#pragma once

#include "backend/rollouts/rollout_repository.h"
#include "backend/server/api_error.h"

namespace otter::backend {

// Creates the deployments of an APPROVED rollout. Returns a refusal (nothing written) when no targeted
// device would be updated.
Result<std::optional<ApiError>> startRollout(WriteContext &tx, const v1::Rollout &rollout, qint64 nowMs);

// The STAGE_STARTED event and audit entry of stage `stage` (0-based; sentences count from 1).
Result<void> announceStage(WriteContext &tx, const v1::Rollout &rollout, int stage, qint64 nowMs);

QString deploymentId(const QString &rolloutId, const QString &deviceId);

} // namespace otter::backend
