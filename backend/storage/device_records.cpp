// Reading device rows into the API's Device message.
#include "backend/storage/device_records.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace otter::backend {

QString deviceStateName(v1::DeviceState state)
{
    switch (state) {
    case v1::DEVICE_STATE_IDLE:
        return QStringLiteral("idle");
    case v1::DEVICE_STATE_UPDATING:
        return QStringLiteral("updating");
    case v1::DEVICE_STATE_UPDATE_FAILED:
        return QStringLiteral("update_failed");
    default:
        return QStringLiteral("provisioned");
    }
}

v1::DeviceState deviceStateFromName(const QString &name)
{
    for (v1::DeviceState state :
         {v1::DEVICE_STATE_IDLE, v1::DEVICE_STATE_UPDATING, v1::DEVICE_STATE_UPDATE_FAILED}) {
        if (deviceStateName(state) == name)
            return state;
    }
    return v1::DEVICE_STATE_PROVISIONED;
}

void deviceFromRow(const SqliteStatement &row, v1::Device *device, int c)
{
    device->set_id(row.text(c + 0).toStdString());
    device->set_hardware_class(row.text(c + 1).toStdString());
    device->set_region(row.text(c + 2).toStdString());
    const QByteArray labels = row.blob(c + 3);
    if (labels.size() > 2) {
        const QJsonObject object = QJsonDocument::fromJson(labels).object();
        auto *map = device->mutable_labels();
        for (auto it = object.begin(); it != object.end(); ++it)
            (*map)[it.key().toStdString()] = it.value().toString().toStdString();
    }
    device->set_firmware_version(row.text(c + 4).toStdString());
    device->set_security_version(quint64(row.int64(c + 5)));
    device->set_active_bank(row.text(c + 6) == QLatin1StringView("B") ? v1::BANK_B : v1::BANK_A);
    device->set_inactive_bank_version(row.text(c + 7).toStdString());
    device->set_state(deviceStateFromName(row.text(c + 8)));
    device->set_busy(row.int64(c + 9) != 0);
    if (!row.isNull(c + 10)) {
        const qint64 ms = row.int64(c + 10);
        device->mutable_last_seen()->set_seconds(ms / 1000);
        device->mutable_last_seen()->set_nanos(int(ms % 1000) * 1000000);
    }
    device->set_current_deployment_id(row.text(c + 11).toStdString());
    device->set_revision(row.int64(c + 12));
}

DeviceRecord deviceRecord(const v1::Device &device)
{
    DeviceRecord record;
    record.id = QString::fromStdString(device.id());
    record.hardwareClass = QString::fromStdString(device.hardware_class());
    record.region = QString::fromStdString(device.region());
    record.firmwareVersion = QString::fromStdString(device.firmware_version());
    record.securityVersion = qint64(device.security_version());
    record.bank = device.active_bank() == v1::BANK_B ? QStringLiteral("B") : QStringLiteral("A");
    record.state = deviceStateName(device.state());
    record.busy = device.busy();
    for (const auto &[key, value] : device.labels())
        record.labels.insert(QString::fromStdString(key), QString::fromStdString(value));
    return record;
}

} // namespace otter::backend
