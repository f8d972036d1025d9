// Everything a check-in reads, from one read snapshot: the device's credentials, its stored inventory,
// its current deployment and that rollout's maintenance window.
#pragma once

#include "backend/rollouts/device_work.h"
#include "backend/server/authenticator.h"
#include "core/maintenance_schedule.h"
#include "otter/v1/device_api.pb.h"

namespace otter::backend {

struct CheckInSnapshot
{
    ApiStatus refusal; // wrong credentials, bad request or a changed hardware class
    std::optional<DeviceWork> work;
    std::optional<MaintenanceSchedule> window;
    // False when the check-in changes nothing but last_seen: the steady state of an idle fleet, which
    // then needs no write of its own (see LastSeenRecorder).
    bool inventoryChanged = true;
};

// Verifies, validates and looks up in `connection`'s current transaction; one snapshot per check-in.
Result<CheckInSnapshot> readCheckIn(SqliteConnection &connection, const DeviceCredentials &device,
                                    const v1::CheckInRequest &request);

} // namespace otter::backend
