// Plain values of a rollout's live progress as WatchRollout delivers it: per-stage counters and gate
// verdicts, the totals and the failure rate the failure policy compares, and the rollout's events. No proto
// types.
#pragma once

#include "models/records.h"

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

namespace otter::models {

// Deployments by state, one field per DeploymentState.
struct DeploymentCountsRecord
{
    quint64 pending = 0;
    quint64 downloading = 0;
    quint64 downloaded = 0;
    quint64 installing = 0;
    quint64 rebooting = 0;
    quint64 succeeded = 0;
    quint64 failed = 0;
    quint64 rolledBack = 0;
    quint64 skipped = 0;

    // SUCCEEDED, FAILED or ROLLED_BACK: the devices with an outcome.
    quint64 finished() const { return succeeded + failed + rolledBack; }
    quint64 underWay() const { return downloading + downloaded + installing + rebooting; }
    friend bool operator==(const DeploymentCountsRecord &, const DeploymentCountsRecord &) = default;
};

struct StageProgressRecord
{
    int index = 0; // 0-based
    int cumulativePercent = 0;
    quint64 deviceCount = 0; // devices this stage adds
    DeploymentCountsRecord counts;
    QString status; // WAITING | ACTIVE | PASSED | BLOCKED
    QDateTime startedAt;
    QDateTime gatePassedAt;
    QString gateDetail; // the server's sentence, e.g. "stage 2: soaking, 10m of 30m elapsed"
};

struct RolloutProgressRecord
{
    QString rolloutId;
    QList<StageProgressRecord> stages;
    DeploymentCountsRecord total;
    // (FAILED + ROLLED_BACK) / finished since the start or the last resume, in percent.
    double failurePercent = 0;
    quint64 failureSample = 0;
    QDateTime asOf;
};

struct RolloutEventRecord
{
    qint64 seq = 0;
    QDateTime time;
    QString kind;      // STATE_CHANGED | AUTO_PAUSED | STAGE_STARTED
    QString fromState; // for STATE_CHANGED and AUTO_PAUSED
    QString toState;
    int stage = 0; // 0-based, for STAGE_STARTED and AUTO_PAUSED
    QString actor; // operator name or "system"
    QString message;
};

// One WatchRollout message. The snapshot carries the rollout and its history; later messages carry the
// rollout only when its revision moved, and the events since the previous message.
struct RolloutWatchUpdate
{
    QString rolloutId;
    bool snapshot = false;
    std::optional<RolloutRecord> rollout;
    RolloutProgressRecord progress;
    QList<RolloutEventRecord> events;
};

} // namespace otter::models

Q_DECLARE_METATYPE(otter::models::DeploymentCountsRecord)
Q_DECLARE_METATYPE(otter::models::RolloutProgressRecord)
Q_DECLARE_METATYPE(otter::models::RolloutEventRecord)
Q_DECLARE_METATYPE(otter::models::RolloutWatchUpdate)
