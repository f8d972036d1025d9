// Provisioning devices: the inventory record a device starts with, and its credential (shown once).
#pragma once

#include "backend/storage/database.h"

#include <QMap>

namespace otter::backend {

struct DeviceProvision
{
    QString id;
    QString hardwareClass;
    QString region;
    QMap<QString, QString> labels;
};

struct DeviceCredential
{
    QString id;
    QString token;
};

// Provisions all devices in one transaction (all or nothing). An id that exists gets a fresh token and
// the given class, region and labels; its firmware state is kept.
Result<QList<DeviceCredential>> provisionDevices(Database &database, const QList<DeviceProvision> &devices,
                                                 const QString &actor);

// Reads "id,hardware_class,region,labels" CSV (header required; labels as "key=value;key=value").
Result<QList<DeviceProvision>> parseProvisioningCsv(const QByteArray &csv);

} // namespace otter::backend
