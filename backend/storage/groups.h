// Stored device groups: the v1::Group message in `body`, its name in a column (unique names, lists by
// name), and a static group's ids in group_members so that rollouts can join them against the devices.
#pragma once

#include "backend/storage/sqlite_connection.h"
#include "otter/v1/groups.pb.h"

#include <QList>
#include <QStringList>

#include <optional>

namespace otter::backend {

Result<std::optional<v1::Group>> findGroup(SqliteConnection &connection, const QString &id);
Result<std::optional<v1::Group>> findGroupByName(SqliteConnection &connection, const QString &name);

// Inserts or replaces the group (its revision must already be set) and its member rows.
Result<void> saveGroup(SqliteConnection &connection, const v1::Group &group);
// Removes the group and its member rows; the caller leaves the tombstone.
Result<void> deleteGroup(SqliteConnection &connection, const QString &id);

// Keyset position in name order.
struct GroupListCursor
{
    QString name;
    QString id;
};

// Up to `limit` groups after `after` in (name, id) order.
Result<QList<v1::Group>> groupsAfter(SqliteConnection &connection,
                                     const std::optional<GroupListCursor> &after, int limit);

// Hook for rollouts: ids of rollouts in DRAFT, PENDING_APPROVAL or APPROVED that target the group (they
// keep it from being deleted). Empty until rollouts are stored.
Result<QStringList> rolloutsBlockingGroupDeletion(SqliteConnection &connection, const QString &groupId);

} // namespace otter::backend
