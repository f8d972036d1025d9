// Rollout safety decisions as pure functions over deployment counters: when the failure policy pauses a
// rollout, and when a stage's gate lets it advance.
//
// Failure policy: failure rate = (failed + rolled back) / finished, finished = succeeded + failed + rolled
// back. The rollout auto-pauses when finished ≥ minFinished and the rate is strictly above maxFailurePercent,
// so a rate exactly at the threshold does not pause and a handful of early results never does. The caller
// picks the counters: the current stage's, or (recommended, so that a 1% first stage smaller than the sample
// can still stop a bad release) everything that finished since the rollout started or was last resumed.
//
// Stage gate, evaluated on the counters of the devices one stage adds (devicesAddedInStage()):
//   1. a stage with no devices passes at once: there is nothing to observe;
//   2. otherwise it waits while any of its devices is still pending or in progress — a stage's devices must
//      all have an outcome before the next stage can rely on them (devices the engine gives up on must be
//      counted as failed, or the gate waits for them);
//   3. then it is blocked for good if succeeded / finished × 100 < minSuccessPercent;
//   4. then it waits until soakElapsed ≥ minSoak, soakElapsed being the time since the stage's last device
//      finished, so that late failures (a reboot loop after an hour) show up first;
//   5. then it passes.
// All percentage comparisons multiply instead of dividing, so 7 of 100 against 7% is exact.
#pragma once

#include "core/result.h"

#include <QString>

#include <chrono>
#include <optional>

namespace otter {

struct StageCounts
{
    qint64 pending = 0;    // not started yet (PENDING, including devices deferred by a window or busy flag)
    qint64 inProgress = 0; // DOWNLOADING, DOWNLOADED, INSTALLING or REBOOTING
    qint64 succeeded = 0;
    qint64 failed = 0;
    qint64 rolledBack = 0;

    qint64 finished() const { return succeeded + failed + rolledBack; }
    qint64 total() const { return pending + inProgress + finished(); }

    StageCounts &operator+=(const StageCounts &other);
    bool operator==(const StageCounts &) const = default;
};

struct FailurePolicy
{
    double maxFailurePercent = 5.0; // pause when the failure rate is above this
    qint64 minFinished = 20;        // ... and at least this many devices have finished
};

// A longer soak is almost certainly a unit mistake (minutes typed as seconds) and would stall a rollout.
inline constexpr std::chrono::hours kMaxStageSoak{24 * 30};

struct StageGate
{
    double minSuccessPercent = 95.0;
    std::chrono::milliseconds minSoak{0};
};

enum class GateState {
    Passed,  // advance to the next stage
    Waiting, // not yet: devices are still busy or the soak time has not elapsed
    Blocked, // can no longer pass: every device finished and too few succeeded
};

struct GateDecision
{
    GateState state = GateState::Waiting;
    QString reason; // for the event list and the audit log, e.g. "stage 2: soaking, 10m of 30m elapsed"

    bool passed() const { return state == GateState::Passed; }
};

Result<void> validateFailurePolicy(const FailurePolicy &policy);
Result<void> validateStageGate(const StageGate &gate);

// Percent of finished devices that failed or rolled back; 0 when none finished.
double failurePercent(const StageCounts &counts);

// The reason to pause, e.g. "stage 2 failure rate 7.5% > 5% over 40 devices", or nullopt to carry on.
// `stageIndex` is 0-based and only names the stage in the reason.
std::optional<QString> shouldAutoPause(const StageCounts &counts, const FailurePolicy &policy,
                                       int stageIndex);

GateDecision evaluateGate(const StageCounts &counts, const StageGate &gate,
                          std::chrono::milliseconds soakElapsed, int stageIndex);
bool gatePassed(const StageCounts &counts, const StageGate &gate, std::chrono::milliseconds soakElapsed);

// A percentage for operators: at most one decimal ("7.5", "5"), more only when needed to tell it apart from
// `distinctFrom` (so a rate just above a 5% threshold never reads "5% > 5%").
QString formatPercent(double percent, std::optional<double> distinctFrom = std::nullopt);

// "45s", "30m", "1h 5m", "2d 3h": the two largest non-zero units.
QString formatDuration(std::chrono::milliseconds duration);

} // namespace otter
