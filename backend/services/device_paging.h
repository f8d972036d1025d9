// ListDevices paging: the request's order as a sort key, and keyset page tokens bound to the request's
// filter and order (a token from another filter or order is refused, never silently reinterpreted).
#pragma once

#include "backend/storage/device_queries.h"

#include <optional>

namespace otter::backend {

// nullopt for an order_by value this server does not know.
std::optional<DeviceSortKey> deviceSortKey(v1::DeviceOrderBy orderBy);

// What a token is bound to: every request field except page_size and page_token.
QString deviceListFingerprint(const v1::ListDevicesRequest &request);

QString encodeDevicePageToken(const DeviceKeyset &keyset, const QString &fingerprint);
// nullopt when the token is malformed or was made for a different request.
std::optional<DeviceKeyset> decodeDevicePageToken(const std::string &token, DeviceSortKey sortKey,
                                                  const QString &fingerprint);

} // namespace otter::backend
