// Device list queries: filtered, ordered, keyset-paged reads of the devices table, counts, and the fleet
// summary. Shared by DeviceInventoryService, GroupService previews and (later) rollout targeting.
#pragma once

#include "backend/storage/sqlite_connection.h"
#include "core/filter_sql_compiler.h"
#include "otter/v1/devices.pb.h"

#include <QVariant>

#include <optional>

namespace otter::backend {

// Where each filter field lives in the devices table (migrations.cpp).
FilterSqlColumns deviceFilterColumns();

enum class DeviceSortKey { Id, HardwareClass, Region, FirmwareVersion, SecurityVersion, State, LastSeen };

// The position after the last row of a page: that row's sort key (a null QVariant for a device never
// seen, when sorting by last_seen) and its id.
struct DeviceKeyset
{
    QVariant key;
    QString id;
};

struct DeviceListQuery
{
    SqlFragment filter; // WHERE condition, "1 = 1" for every device
    DeviceSortKey sortKey = DeviceSortKey::Id;
    bool descending = false;
    std::optional<DeviceKeyset> after;
    int limit = 100;
};

// Appends up to query.limit devices to `out`. Returns the keyset of the last one when more rows follow,
// nullopt on the last page (one row beyond the page is peeked, so the last page is never empty).
Result<std::optional<DeviceKeyset>> listDevices(SqliteConnection &connection, const DeviceListQuery &query,
                                                google::protobuf::RepeatedPtrField<v1::Device> *out);

Result<qint64> countDevices(SqliteConnection &connection, const SqlFragment &filter);

// One device, or nullopt.
Result<std::optional<v1::Device>> findDevice(SqliteConnection &connection, const QString &id);

struct FleetCounts
{
    qint64 total = 0;
    qint64 busy = 0;
    qint64 offline = 0;
    QList<std::pair<QString, qint64>> byFirmwareVersion; // each sorted by count, largest first
    QList<std::pair<QString, qint64>> byHardwareClass;
    QList<std::pair<QString, qint64>> byState; // state names as stored (deviceStateName)
};

// Counts in one pass over the matching devices; offline = never seen or last seen before `offlineBeforeMs`.
Result<FleetCounts> countFleet(SqliteConnection &connection, const SqlFragment &filter,
                               qint64 offlineBeforeMs);

// Binds a filter parameter (text, integer, boolean or real) at 1-based `index`.
void bindFilterValue(SqliteStatement &statement, int index, const QVariant &value);

} // namespace otter::backend
