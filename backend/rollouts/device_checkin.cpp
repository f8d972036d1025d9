// A device's check-in: its inventory record brought up to date.
#include "backend/rollouts/device_checkin.h"

#include "backend/storage/device_records.h"
#include "core/semver.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace otter::backend {

ApiStatus checkCheckInRequest(const QString &deviceId, const v1::CheckInRequest &request)
{
    if (QString::fromStdString(request.device_id()) != deviceId)
        return apiError(grpc::StatusCode::PERMISSION_DENIED,
                        QStringLiteral("the credentials belong to device %1, not %2")
                            .arg(deviceId, QString::fromStdString(request.device_id())));
    if (request.hardware_class().empty())
        return apiError(grpc::StatusCode::INVALID_ARGUMENT, QStringLiteral("hardware_class is required"));
    if (!isSemVer(QString::fromStdString(request.firmware_version())))
        return apiError(grpc::StatusCode::INVALID_ARGUMENT,
                        QStringLiteral("firmware_version \"%1\" is not a semantic version")
                            .arg(QString::fromStdString(request.firmware_version())));
    if (request.active_bank() != v1::BANK_A && request.active_bank() != v1::BANK_B)
        return apiError(grpc::StatusCode::INVALID_ARGUMENT, QStringLiteral("active_bank must be A or B"));
    return std::nullopt;
}

Result<std::optional<DeviceInventory>> loadInventory(SqliteConnection &connection, const QString &deviceId)
{
    auto row =
        connection.prepare("SELECT hardware_class, region, labels, firmware_version, security_version, "
                           "active_bank, inactive_bank_version, state, busy, current_deployment_id "
                           "FROM devices WHERE id = ?");
    if (!row)
        return row.error();
    row->bind(1, deviceId);
    if (!row->next()) {
        if (row->failed())
            return row->error();
        return std::optional<DeviceInventory>();
    }
    return std::optional<DeviceInventory>(
        DeviceInventory{row->text(0), row->text(1), row->blob(2), row->text(3), row->int64(4), row->text(5),
                        row->text(6), row->text(7), row->int64(8) != 0, row->text(9)});
}

std::variant<DeviceInventory, ApiError> reportedInventory(const QString &deviceId,
                                                          const DeviceInventory &stored,
                                                          const v1::CheckInRequest &request,
                                                          const std::optional<DeviceWork> &work)
{
    DeviceInventory reported;
    reported.hardwareClass = QString::fromStdString(request.hardware_class());
    if (reported.hardwareClass != stored.hardwareClass)
        return apiError(
            grpc::StatusCode::FAILED_PRECONDITION,
            QStringLiteral("device %1 is provisioned as %2, not %3: hardware classes never change")
                .arg(deviceId, stored.hardwareClass, reported.hardwareClass));
    reported.region = request.region().empty() ? stored.region : QString::fromStdString(request.region());
    reported.labels = stored.labels;
    if (!request.labels().empty()) {
        QJsonObject object;
        for (const auto &[key, value] : request.labels())
            object.insert(QString::fromStdString(key), QString::fromStdString(value));
        reported.labels = QJsonDocument(object).toJson(QJsonDocument::Compact);
    }
    reported.firmwareVersion = QString::fromStdString(request.firmware_version());
    reported.securityVersion = qint64(request.security_version());
    reported.activeBank = request.active_bank() == v1::BANK_B ? QStringLiteral("B") : QStringLiteral("A");
    reported.inactiveBankVersion = QString::fromStdString(request.inactive_bank_version());
    const bool underWay = work && !work->cancelled && work->state >= v1::DEPLOYMENT_STATE_DOWNLOADING;
    reported.state = deviceStateName(underWay ? v1::DEVICE_STATE_UPDATING : v1::DEVICE_STATE_IDLE);
    reported.busy = request.busy();
    reported.deploymentId = underWay ? work->deploymentId : QString();
    return reported;
}

Result<ApiStatus> recordCheckIn(WriteContext &tx, const QString &deviceId, const v1::CheckInRequest &request,
                                const std::optional<DeviceWork> &work, qint64 nowMs)
{
    auto stored = loadInventory(tx.sql(), deviceId);
    if (!stored)
        return stored.error();
    if (!stored->has_value())
        return ApiStatus(apiError(grpc::StatusCode::UNAUTHENTICATED,
                                  QStringLiteral("device %1 is not provisioned").arg(deviceId)));
    auto reported = reportedInventory(deviceId, **stored, request, work);
    if (auto *refused = std::get_if<ApiError>(&reported))
        return ApiStatus(*refused);
    const DeviceInventory &next = std::get<DeviceInventory>(reported);
    if (next == **stored) {
        auto seen = tx.sql().prepare("UPDATE devices SET last_seen = ? WHERE id = ?");
        if (!seen)
            return seen.error();
        seen->bind(1, nowMs).bind(2, deviceId);
        if (auto ok = seen->run(); !ok)
            return ok.error();
        return ApiStatus();
    }
    auto revision = tx.revision();
    if (!revision)
        return revision.error();
    auto update = tx.sql().prepare("UPDATE devices SET region = ?, labels = ?, firmware_version = ?, "
                                   "version_key = ?, security_version = ?, "
                                   "active_bank = ?, inactive_bank_version = ?, state = ?, busy = ?, "
                                   "current_deployment_id = ?, last_seen = ?, "
                                   "revision = ? WHERE id = ?");
    if (!update)
        return update.error();
    update->bind(1, next.region)
        .bindText(2, next.labels)
        .bind(3, next.firmwareVersion)
        .bind(4, semverSortKey(next.firmwareVersion))
        .bind(5, next.securityVersion)
        .bind(6, next.activeBank)
        .bind(7, next.inactiveBankVersion)
        .bind(8, next.state)
        .bind(9, next.busy)
        .bind(10, next.deploymentId)
        .bind(11, nowMs)
        .bind(12, *revision)
        .bind(13, deviceId);
    if (auto ok = update->run(); !ok)
        return ok.error();
    return ApiStatus();
}

} // namespace otter::backend
