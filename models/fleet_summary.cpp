// Dashboard counts, computed in SQL over the cache's indexes.
#include "models/fleet_summary.h"

#include "models/device_row.h"
#include "models/records_json.h"
#include "models/release_versions.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace otter::models {

Result<FleetSummary> loadFleetSummary(const CacheDatabase &database)
{
    const QString action =
        QCoreApplication::translate("otter::models::FleetSummary", "Summarising the fleet");
    QSqlQuery q(database.connection());
    q.setForwardOnly(true);
    FleetSummary summary;
    // Versions that share a precedence ("2.1" and "2.1.0") count together under the first spelling.
    if (!q.exec(u"SELECT MIN(firmware_version), COUNT(*) FROM devices GROUP BY version_key "
                u"ORDER BY version_key DESC"_s))
        return makeError(ErrorKind::Io, describeSqlError(action, q.lastError()));
    while (q.next()) {
        summary.byVersion.append({q.value(0).toString(), q.value(1).toLongLong()});
        summary.totalDevices += q.value(1).toLongLong();
    }
    if (!q.exec(u"SELECT state, COUNT(*) AS n FROM devices GROUP BY state ORDER BY n DESC, state"_s))
        return makeError(ErrorKind::Io, describeSqlError(action, q.lastError()));
    while (q.next())
        summary.byState.append({DeviceRow::stateFromCache(q.value(0).toString()), q.value(1).toLongLong()});
    if (!q.exec(u"SELECT body FROM rollouts WHERE state IN ('RUNNING', 'PAUSED', 'PENDING_APPROVAL') "
                u"ORDER BY name, id"_s))
        return makeError(ErrorKind::Io, describeSqlError(action, q.lastError()));
    while (q.next()) {
        const auto rollout =
            rolloutFromJson(QJsonDocument::fromJson(q.value(0).toString().toUtf8()).object());
        if (rollout)
            summary.activeRollouts.append(*rollout);
    }
    if (auto versions = loadReleaseVersions(database))
        summary.releaseVersions = std::move(versions).value();
    return summary;
}

} // namespace otter::models
