// A device's check-in: its inventory record brought up to date, and the directive it gets back.
#pragma once

#include "backend/rollouts/device_work.h"
#include "backend/server/api_error.h"
#include "backend/storage/database.h"
#include "otter/v1/device_api.pb.h"

namespace otter::backend {

// Validates the fields a device sends (before anything is written).
ApiStatus checkCheckInRequest(const QString &deviceId, const v1::CheckInRequest &request);

// Writes what the device reported. The global revision moves only when something besides last_seen
// changed, so thousands of idle check-ins do not flood incremental sync. Refuses a changed hardware class.
Result<ApiStatus> recordCheckIn(WriteContext &tx, const QString &deviceId, const v1::CheckInRequest &request,
                                const std::optional<DeviceWork> &work, qint64 nowMs);

} // namespace otter::backend
