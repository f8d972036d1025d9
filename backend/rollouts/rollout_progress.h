// A rollout's exact counters: kept per stage and deployment state in the same transaction as each change,
// and read back as the API's RolloutProgress with each stage's gate verdict.
#pragma once

#include "backend/rollouts/rollout_repository.h"
#include "core/rollout_policy.h"

namespace otter::backend {

inline constexpr int SkippedStage = -1;

// Moves one deployment from `fromState` (0 for a new deployment) to `toState` in the counters.
Result<void> countTransition(WriteContext &tx, const QString &rolloutId, int stage, int fromState,
                             int toState);

// Counters of one stage (or of the skipped deployments, stage -1) as the policy maths sees them.
StageCounts stageCounts(const v1::DeploymentCounts &counts);
void addToCounts(v1::DeploymentCounts &counts, int state, quint64 n);

Result<QList<v1::DeploymentCounts>> loadStageCounts(SqliteConnection &connection, const QString &rolloutId,
                                                    int stageCount, v1::DeploymentCounts *skipped);

// The full progress message: stage counters, statuses, gate verdicts and the failure-policy sample.
Result<v1::RolloutProgress> loadProgress(SqliteConnection &connection, const v1::Rollout &rollout,
                                         qint64 nowMs);

bool isFinishedState(int state);
bool isUnderWayState(int state); // DOWNLOADING … REBOOTING

} // namespace otter::backend
