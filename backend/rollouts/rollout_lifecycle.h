// The rollout state machine of rollouts.proto: every operator action, checked (state, revision, four-eyes,
// required comments) and recorded (state, stamps, event, audit entry) in the caller's transaction.
#pragma once

#include "backend/rollouts/rollout_repository.h"
#include "backend/server/api_error.h"
#include "backend/server/authenticator.h"

#include <variant>

namespace otter::backend {

enum class RolloutAction { Submit, Approve, Reject, Start, Pause, Resume, Abort };

struct ActionRequest
{
    RolloutAction action;
    QString rolloutId;
    qint64 expectedRevision = 0;
    QString comment;
    Caller caller;
    qint64 nowMs = 0;
};

// The changed rollout, or why the action was refused (nothing was written then).
using ActionOutcome = std::variant<v1::Rollout, ApiError>;

Result<ActionOutcome> applyRolloutAction(WriteContext &tx, const ActionRequest &request);

// Engine-side transitions (actor "system"): the failure policy or a blocked gate pausing the rollout, a
// passed gate starting the next stage, the last gate completing it.
Result<void> autoPauseRollout(WriteContext &tx, v1::Rollout &rollout, const QString &reason, qint64 nowMs);
Result<void> startNextStage(WriteContext &tx, v1::Rollout &rollout, RolloutRuntime &runtime, qint64 nowMs);
Result<void> completeRollout(WriteContext &tx, v1::Rollout &rollout, qint64 nowMs);

// A refusal for a rollout in the wrong state, naming the state (rollouts.proto's wording).
ApiError wrongState(const v1::Rollout &rollout, const QString &what);
ApiError staleRevision(const v1::Rollout &rollout, qint64 expected);

} // namespace otter::backend
