// Operator sentences for refused rollout actions: the four-eyes rule, a rollout in another state, a rollout
// changed by someone else, a role too low — in words, with the server's own sentence kept for the detail.
#pragma once

#include "app/client/call_error.h"
#include "models/rollout_rules.h"

#include <QString>

namespace otter::client {

QString explainRolloutFailure(models::RolloutAction action, const QString &rolloutId, const CallError &error);
// "FOUR_EYES" for ERROR_REASON_FOUR_EYES; empty without a detail.
QString failureReasonName(const CallError &error);

} // namespace otter::client
