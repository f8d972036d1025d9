// FleetSummary: what the dashboard shows — device counts by firmware version and by state, and the
// rollouts under way — as plain values the models layer computes from the cache.
#pragma once

#include "models/records.h"

#include <QList>
#include <QMap>
#include <QPair>
#include <QString>

namespace otter::ui {

struct FleetSummary
{
    QList<QPair<QString, qint64>> byVersion; // firmware version → devices, any order
    QList<QPair<QString, qint64>> byState;   // PROVISIONED | IDLE | UPDATING | UPDATE_FAILED → devices
    QList<models::RolloutRecord> activeRollouts;
    QMap<QString, QString> releaseVersions; // release id → version, to name a rollout's release
};

} // namespace otter::ui
