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

Result<ApiStatus> recordCheckIn(WriteContext &tx, const QString &deviceId, const v1::CheckInRequest &request,
                                const std::optional<DeviceWork> &work, qint64 nowMs)
{
    auto current =
        tx.sql().prepare("SELECT hardware_class, region, labels, firmware_version, security_version, "
                         "active_bank, inactive_bank_version, state, busy, current_deployment_id "
                         "FROM devices WHERE id = ?");
    if (!current)
        return current.error();
    current->bind(1, deviceId);
    if (!current->next())
        return ApiStatus(apiError(grpc::StatusCode::UNAUTHENTICATED,
                                  QStringLiteral("device %1 is not provisioned").arg(deviceId)));
    const QString storedClass = current->text(0);
    if (storedClass != QString::fromStdString(request.hardware_class()))
        return ApiStatus(
            apiError(grpc::StatusCode::FAILED_PRECONDITION,
                     QStringLiteral("device %1 is provisioned as %2, not %3: hardware classes never change")
                         .arg(deviceId, storedClass, QString::fromStdString(request.hardware_class()))));
    const QString region =
        request.region().empty() ? current->text(1) : QString::fromStdString(request.region());
    QByteArray labels = current->blob(2);
    if (!request.labels().empty()) {
        QJsonObject object;
        for (const auto &[key, value] : request.labels())
            object.insert(QString::fromStdString(key), QString::fromStdString(value));
        labels = QJsonDocument(object).toJson(QJsonDocument::Compact);
    }
    const QString version = QString::fromStdString(request.firmware_version());
    const QString bank = request.active_bank() == v1::BANK_B ? QStringLiteral("B") : QStringLiteral("A");
    const QString inactive = QString::fromStdString(request.inactive_bank_version());
    const bool underWay = work && !work->cancelled && work->state >= v1::DEPLOYMENT_STATE_DOWNLOADING;
    const QString state = deviceStateName(underWay ? v1::DEVICE_STATE_UPDATING : v1::DEVICE_STATE_IDLE);
    const QString deployment = underWay ? work->deploymentId : QString();
    const bool changed =
        region != current->text(1) || labels != current->blob(2) || version != current->text(3) ||
        qint64(request.security_version()) != current->int64(4) || bank != current->text(5) ||
        inactive != current->text(6) || state != current->text(7) ||
        request.busy() != (current->int64(8) != 0) || deployment != current->text(9);
    if (!changed) {
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
    update->bind(1, region)
        .bindText(2, labels)
        .bind(3, version)
        .bind(4, semverSortKey(version))
        .bind(5, qint64(request.security_version()))
        .bind(6, bank)
        .bind(7, inactive)
        .bind(8, state)
        .bind(9, request.busy())
        .bind(10, deployment)
        .bind(11, nowMs)
        .bind(12, *revision)
        .bind(13, deviceId);
    if (auto ok = update->run(); !ok)
        return ok.error();
    return ApiStatus();
}

} // namespace otter::backend
