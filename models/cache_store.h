// CacheStore: writes what the sync API sends into the offline cache and keeps the sync cursor.
#pragma once

#include "models/cache_database.h"
#include "models/records.h"

#include <QDateTime>

namespace otter::models {

// Use it on one thread (the CacheWorker's); it talks through that thread's connection.
class CacheStore
{
public:
    explicit CacheStore(CacheDatabase database);

    // One page of changes in ONE transaction: upserts keyed by id (a copy older than the cached one, by
    // revision, is ignored, since an object changed while paging may arrive twice), deletions, audit entries.
    // The cursor (revision, syncedAt) moves only with the last page (batch.complete), in the same
    // transaction, so a crash between pages never skips changes. On error nothing of the batch is kept.
    Result<void> apply(const ChangeBatch &batch);

    // The cursor: the server revision of the last complete sync (0: never synced) and when it was stored.
    qint64 revision() const;
    QDateTime syncedAt() const;

    enum class Drafts { Discard, Keep };
    // Forgets every synced object and the cursor, e.g. for another server or after the server asked for a
    // full resync (then keep the operator's drafts: they are sent against the new data).
    Result<void> reset(Drafts drafts = Drafts::Discard);

    const CacheDatabase &database() const { return m_database; }

private:
    QVariant meta(const QString &key) const;

    CacheDatabase m_database;
};

} // namespace otter::models
