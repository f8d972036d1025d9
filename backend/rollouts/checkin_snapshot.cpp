// Everything a check-in reads, from one read snapshot.
#include "backend/rollouts/checkin_snapshot.h"

#include "backend/rollouts/device_checkin.h"
#include "backend/rollouts/rollout_queries.h"

namespace otter::backend {

Result<CheckInSnapshot> readCheckIn(SqliteConnection &connection, const DeviceCredentials &device,
                                    const v1::CheckInRequest &request)
{
    CheckInSnapshot snapshot;
    auto verified = Authenticator::verifyDevice(connection, device);
    if (!verified)
        return verified.error();
    snapshot.refusal = *verified;
    if (!snapshot.refusal)
        snapshot.refusal = checkCheckInRequest(device.id, request);
    if (snapshot.refusal)
        return snapshot;
    auto stored = loadInventory(connection, device.id);
    if (!stored)
        return stored.error();
    if (!stored->has_value()) {
        snapshot.refusal = apiError(grpc::StatusCode::UNAUTHENTICATED,
                                    QStringLiteral("device %1 is not provisioned").arg(device.id));
        return snapshot;
    }
    auto work = findDeviceWork(connection, device.id);
    if (!work)
        return work.error();
    snapshot.work = *work;
    auto reported = reportedInventory(device.id, **stored, request, snapshot.work);
    if (auto *refused = std::get_if<ApiError>(&reported)) {
        snapshot.refusal = *refused;
        return snapshot;
    }
    snapshot.inventoryChanged = std::get<DeviceInventory>(reported) != **stored;
    if (snapshot.work && !snapshot.work->windowId.isEmpty()) {
        auto window = rolloutWindow(connection, snapshot.work->windowId);
        if (!window)
            return window.error();
        snapshot.window = *window;
    }
    return snapshot;
}

} // namespace otter::backend
