// Reading one devices row (DeviceColumns order) straight into a v1::Device without intermediate strings:
// the hot path of ListDevices, which must move hundreds of thousands of rows per second.
#pragma once

#include "otter/v1/devices.pb.h"

struct sqlite3_stmt;

namespace otter::backend {

// Same result as deviceFromRow() (device_records.h), for a statement selecting DeviceColumns first.
void readDeviceRow(sqlite3_stmt *row, v1::Device *device);

} // namespace otter::backend
