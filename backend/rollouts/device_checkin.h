// A device's check-in: its inventory record brought up to date, and the directive it gets back.
#pragma once

#include "backend/rollouts/device_work.h"
#include "backend/server/api_error.h"
#include "backend/storage/database.h"
#include "otter/v1/device_api.pb.h"

namespace otter::backend {

// Validates the fields a device sends (before anything is written).
ApiStatus checkCheckInRequest(const QString &deviceId, const v1::CheckInRequest &request);

// The inventory fields a check-in sets, as stored (device-state name, bank letter, labels as JSON).
struct DeviceInventory
{
    QString hardwareClass;
    QString region;
    QByteArray labels;
    QString firmwareVersion;
    qint64 securityVersion = 0;
    QString activeBank;
    QString inactiveBankVersion;
    QString state;
    bool busy = false;
    QString deploymentId;

    bool operator==(const DeviceInventory &) const = default;
};

// The stored inventory of a device; nullopt if it is not provisioned.
Result<std::optional<DeviceInventory>> loadInventory(SqliteConnection &connection, const QString &deviceId);

// What the record becomes after this check-in. Refuses a changed hardware class (they never change).
std::variant<DeviceInventory, ApiError> reportedInventory(const QString &deviceId,
                                                          const DeviceInventory &stored,
                                                          const v1::CheckInRequest &request,
                                                          const std::optional<DeviceWork> &work);

// Writes what the device reported. The global revision moves only when something besides last_seen
// changed, so thousands of idle check-ins do not flood incremental sync. Refuses a changed hardware class.
Result<ApiStatus> recordCheckIn(WriteContext &tx, const QString &deviceId, const v1::CheckInRequest &request,
                                const std::optional<DeviceWork> &work, qint64 nowMs);

} // namespace otter::backend
