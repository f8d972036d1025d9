// Storing rollouts, their runtime state and their event history.
#pragma once

#include "backend/storage/database.h"
#include "otter/v1/rollouts.pb.h"

#include <optional>

namespace otter::backend {

// Engine bookkeeping that changes with device reports (rollout_runtime): kept apart from the definition.
struct RolloutRuntime
{
    qint64 sampleSinceMs = 0; // failure-policy sample: deployments finished since start or last resume
    qint64 sampleSucceeded = 0;
    qint64 sampleFailed = 0;         // FAILED + ROLLED_BACK
    QList<qint64> stageStartedAtMs;  // per stage; 0 = not started
    QList<qint64> gatePassedAtMs;    // per stage; 0 = not passed
    QList<qint64> stageLastFinishMs; // per stage: when its latest device finished
    QList<qint64> stageSizes;        // cumulative eligible devices per stage
    qint64 eventSeq = 0;
};

Result<std::optional<v1::Rollout>> loadRollout(SqliteConnection &connection, const QString &id);
// Inserts or replaces the rollout, stamping it with the transaction's revision.
Result<void> storeRollout(WriteContext &tx, v1::Rollout &rollout);
Result<void> deleteRollout(WriteContext &tx, const QString &id);

Result<RolloutRuntime> loadRuntime(SqliteConnection &connection, const QString &rolloutId);
Result<void> storeRuntime(WriteContext &tx, const QString &rolloutId, const RolloutRuntime &runtime);

// Appends an event (its seq taken from the runtime row, created if missing).
Result<v1::RolloutEvent> appendEvent(WriteContext &tx, const QString &rolloutId, v1::RolloutEvent event);
Result<QList<v1::RolloutEvent>> loadEvents(SqliteConnection &connection, const QString &rolloutId,
                                           qint64 afterSeq, int limit);

QString rolloutStateName(v1::RolloutState state); // "RUNNING", as messages name states

} // namespace otter::backend
