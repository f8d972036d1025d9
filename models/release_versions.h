// Release id → version for the cached releases: rollouts name their release by id, operators by version.
#pragma once

#include "core/result.h"
#include "models/cache_database.h"

#include <QMap>
#include <QString>

namespace otter::models {

Result<QMap<QString, QString>> loadReleaseVersions(const CacheDatabase &database);

} // namespace otter::models
