// Reading device rows into the API's Device message, shared by inventory, groups, sync and rollouts.
#pragma once

#include "backend/storage/sqlite_connection.h"
#include "core/device_record.h"
#include "otter/v1/devices.pb.h"

namespace otter::backend {

// The column list every device query selects, in the order deviceFromRow() reads it.
inline constexpr char DeviceColumns[] = "id, hardware_class, region, labels, firmware_version, "
                                        "security_version, active_bank, inactive_bank_version, "
                                        "state, busy, last_seen, current_deployment_id, revision";

// Device states as stored and as filters name them: "provisioned", "idle", "updating", "update_failed".
QString deviceStateName(v1::DeviceState state);
v1::DeviceState deviceStateFromName(const QString &name);

void deviceFromRow(const SqliteStatement &row, v1::Device *device, int firstColumn = 0);
// The filter evaluator's view of a device (the same facts as the SQL columns).
DeviceRecord deviceRecord(const v1::Device &device);

} // namespace otter::backend
