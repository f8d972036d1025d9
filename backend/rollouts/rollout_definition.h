// A rollout's editable definition: defaults filled in, every field checked, references resolved.
#pragma once

#include "backend/server/api_error.h"
#include "backend/storage/sqlite_connection.h"
#include "core/rollout_policy.h"
#include "otter/v1/rollouts.pb.h"

namespace otter::backend {

// Fills the defaults of rollouts.proto (stages 1/10/25/50/100, gate 95 % and no soak, failure policy 5 %
// over 20) and validates the editable fields. Returns the refusal, worded for the operator.
ApiStatus normaliseRolloutDefinition(v1::Rollout &rollout);

// The release, groups and window must exist, and the release must carry a signature by an active
// trusted key. Checked on create, update, submit and start.
ApiStatus checkRolloutReferences(SqliteConnection &connection, const v1::Rollout &rollout);

// Copies only the fields an operator may edit from `from` to `to`.
void copyEditableFields(const v1::Rollout &from, v1::Rollout &to);

QList<int> stagePercents(const v1::Rollout &rollout);
StageGate stageGate(const v1::RolloutStage &stage);
FailurePolicy failurePolicy(const v1::Rollout &rollout);

} // namespace otter::backend
