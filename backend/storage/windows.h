// Stored maintenance windows: the v1::MaintenanceWindow message in `body`, its name in a column (unique
// names, lists by name).
#pragma once

#include "backend/storage/sqlite_connection.h"
#include "otter/v1/windows.pb.h"

#include <QList>
#include <QStringList>

#include <optional>

namespace otter::backend {

Result<std::optional<v1::MaintenanceWindow>> findWindow(SqliteConnection &connection, const QString &id);
Result<std::optional<v1::MaintenanceWindow>> findWindowByName(SqliteConnection &connection,
                                                              const QString &name);

// Inserts or replaces the window; its revision must already be set.
Result<void> saveWindow(SqliteConnection &connection, const v1::MaintenanceWindow &window);
// Removes the window; the caller leaves the tombstone.
Result<void> deleteWindow(SqliteConnection &connection, const QString &id);

struct WindowListCursor
{
    QString name;
    QString id;
};

// Up to `limit` windows after `after` in (name, id) order.
Result<QList<v1::MaintenanceWindow>> windowsAfter(SqliteConnection &connection,
                                                  const std::optional<WindowListCursor> &after, int limit);

// Ids of rollouts that are neither COMPLETED nor ABORTED and use the window (they keep it from deletion).
Result<QStringList> rolloutsBlockingWindowDeletion(SqliteConnection &connection, const QString &windowId);

} // namespace otter::backend
