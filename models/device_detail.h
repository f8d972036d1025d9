// DeviceDetail: what the devices page's detail pane shows about one device, read from the offline cache.
#pragma once

#include "models/cache_database.h"
#include "models/records.h"

namespace otter::models {

struct DeviceDetail
{
    DeviceRecord device;
    // Cached groups the device belongs to: static groups listing it and dynamic groups whose filter it
    // matches now (evaluated here, as the server would).
    QList<GroupRecord> groups;
};

// NotFound ("Device x is not in the cache …") when the cache has no such device.
Result<DeviceRecord> loadDevice(const CacheDatabase &database, const QString &id);
Result<DeviceDetail> loadDeviceDetail(const CacheDatabase &database, const QString &id);

} // namespace otter::models

Q_DECLARE_METATYPE(otter::models::DeviceDetail)
