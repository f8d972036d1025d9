// FleetSummary: the dashboard's counts over the cached fleet.
#pragma once

#include "models/cache_database.h"
#include "models/records.h"

namespace otter::models {

struct FleetSummary
{
    struct Count
    {
        QString value; // a firmware version or a state (API name)
        qint64 devices = 0;
    };
    qint64 totalDevices = 0;
    QList<Count> byVersion; // by semver precedence, newest first
    QList<Count> byState;   // most devices first
    // RUNNING, PAUSED and PENDING_APPROVAL rollouts, by name.
    QList<RolloutRecord> activeRollouts;
    QMap<QString, QString> releaseVersions; // release id → version
};

Result<FleetSummary> loadFleetSummary(const CacheDatabase &database);

} // namespace otter::models

Q_DECLARE_METATYPE(otter::models::FleetSummary)
