// ListDevices paging. The cursor is [type, key, id]: type "t" (text key), "i" (integer key) or "n" (no
// key: a device never seen, when ordering by last_seen).
#include "backend/services/device_paging.h"

#include "backend/services/page_token.h"

namespace otter::backend {

std::optional<DeviceSortKey> deviceSortKey(v1::DeviceOrderBy orderBy)
{
    switch (orderBy) {
    case v1::DEVICE_ORDER_BY_UNSPECIFIED:
    case v1::DEVICE_ORDER_BY_ID:
        return DeviceSortKey::Id;
    case v1::DEVICE_ORDER_BY_HARDWARE_CLASS:
        return DeviceSortKey::HardwareClass;
    case v1::DEVICE_ORDER_BY_REGION:
        return DeviceSortKey::Region;
    case v1::DEVICE_ORDER_BY_FIRMWARE_VERSION:
        return DeviceSortKey::FirmwareVersion;
    case v1::DEVICE_ORDER_BY_SECURITY_VERSION:
        return DeviceSortKey::SecurityVersion;
    case v1::DEVICE_ORDER_BY_STATE:
        return DeviceSortKey::State;
    case v1::DEVICE_ORDER_BY_LAST_SEEN:
        return DeviceSortKey::LastSeen;
    default:
        return std::nullopt;
    }
}

QString deviceListFingerprint(const v1::ListDevicesRequest &request)
{
    // UNSPECIFIED and ID are the same order, so their tokens are interchangeable.
    const auto key = deviceSortKey(request.order_by());
    return QStringLiteral("ListDevices\n%1\n%2\n%3")
        .arg(key ? int(*key) : -1)
        .arg(request.descending() ? 1 : 0)
        .arg(QString::fromStdString(request.filter()));
}

QString encodeDevicePageToken(const DeviceKeyset &keyset, const QString &fingerprint)
{
    PageCursor cursor;
    if (keyset.key.isNull())
        cursor.key = {QStringLiteral("n"), QString(), keyset.id};
    else if (keyset.key.typeId() == QMetaType::LongLong)
        cursor.key = {QStringLiteral("i"), QString::number(keyset.key.toLongLong()), keyset.id};
    else
        cursor.key = {QStringLiteral("t"), keyset.key.toString(), keyset.id};
    return encodePageToken(cursor, fingerprint);
}

std::optional<DeviceKeyset> decodeDevicePageToken(const std::string &token, DeviceSortKey sortKey,
                                                  const QString &fingerprint)
{
    const auto cursor = decodePageToken(QString::fromStdString(token), fingerprint);
    if (!cursor || cursor->key.size() != 3 || cursor->key[2].isEmpty())
        return std::nullopt;
    const QString &type = cursor->key[0];
    DeviceKeyset keyset{QVariant(), cursor->key[2]};
    const bool integerKey = sortKey == DeviceSortKey::SecurityVersion || sortKey == DeviceSortKey::LastSeen;
    if (type == QLatin1StringView("n")) {
        if (sortKey != DeviceSortKey::LastSeen)
            return std::nullopt;
    } else if (type == QLatin1StringView("i")) {
        bool ok = false;
        const qint64 value = cursor->key[1].toLongLong(&ok);
        if (!ok || !integerKey)
            return std::nullopt;
        keyset.key = value;
    } else if (type == QLatin1StringView("t")) {
        if (integerKey)
            return std::nullopt;
        keyset.key = cursor->key[1];
    } else {
        return std::nullopt;
    }
    return keyset;
}

} // namespace otter::backend
