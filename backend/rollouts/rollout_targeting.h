// Targeting: which devices a rollout reaches, which it skips and why, and which stage brings each in.
#pragma once

#include "backend/storage/sqlite_connection.h"
#include "otter/v1/deployments.pb.h"
#include "otter/v1/releases.pb.h"
#include "otter/v1/rollouts.pb.h"

#include <QMap>

namespace otter::backend {

struct TargetDevice
{
    QString id;
    QString hardwareClass;
    QString firmwareVersion;
    qint64 securityVersion = 0;
};

struct TargetPlan
{
    qint64 targeted = 0;
    QList<TargetDevice> eligible; // in stage order (hash of rollout id and device id)
    QList<qint64> stageSizes;     // cumulative eligible devices per stage
    QMap<v1::SkipReason, QList<TargetDevice>> skipped;
};

// The union of the rollout's groups as the fleet stands now, resolved against the release.
Result<TargetPlan> planTargets(SqliteConnection &connection, const v1::Rollout &rollout,
                               const v1::Release &release);

Result<v1::Release> loadRelease(SqliteConnection &connection, const QString &releaseId);

} // namespace otter::backend
