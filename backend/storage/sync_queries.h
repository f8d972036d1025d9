// Reading "everything changed since revision N" for SyncService.GetChanges: every kind of stored object,
// the audit entries and the deletions, merged into one order so that pages can continue by keyset.
//
// Order of a sync: (revision, source, key), where source is the ChangeSource below and key the row's id
// (seq for audit entries, (kind, id) for deletions). Each source is read by its own statement in
// (revision, key) order from its revision index and the sources are merged as they are stepped, so a page
// reads at most one row per source beyond what it returns.
#pragma once

#include "backend/storage/sqlite_connection.h"
#include "otter/v1/sync.pb.h"

#include <optional>

namespace otter::backend {

enum class ChangeSource {
    Device = 1,
    Group,
    MaintenanceWindow,
    Release,
    TrustedKey,
    Rollout, // the definition and state; progress counters are not synced (sync.proto)
    AuditEntry,
    Deletion,
};

// The position after the last item of a page.
struct ChangeCursor
{
    qint64 revision = 0;
    ChangeSource source = ChangeSource::Device;
    qint64 number = 0; // audit seq, or the deleted object's kind
    QString text;      // object id (empty for audit entries)
};

struct ChangeWindow
{
    qint64 since = 0; // exclusive
    qint64 upto = 0;  // inclusive: the revision every page of one sync is read at
};

struct ChangePage
{
    std::optional<ChangeCursor> next; // set when more items follow
};

// The revision committed in the connection's current snapshot (read it first in a read transaction, and
// everything read after it is consistent with it).
Result<qint64> readStoredRevision(SqliteConnection &connection);

// The oldest since_revision a client may sync from. Deletions are remembered forever today, so this is 0;
// pruning old tombstones must raise it, or clients would miss deletions (they then get RESYNC_REQUIRED).
Result<qint64> readOldestSyncableRevision(SqliteConnection &connection);

// Appends up to `limit` items with since < revision <= upto after `after` to `out`, stopping early when
// the page's encoded size passes `byteBudget`.
Result<ChangePage> readChanges(SqliteConnection &connection, const ChangeWindow &window,
                               const std::optional<ChangeCursor> &after, int limit, qint64 byteBudget,
                               v1::GetChangesResponse *out);

} // namespace otter::backend
