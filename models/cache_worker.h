// CacheWorker: applies sync pages to the cache on a worker thread so the GUI never waits on the disk.
#pragma once

#include "models/cache_store.h"

#include <QObject>

namespace otter::models {

// Move it to its own QThread and call apply() through a queued connection or QMetaObject::invokeMethod.
// Delete it on that thread (connect QThread::finished to deleteLater) so its connection closes where it
// was opened. Models on the GUI thread refresh() when applied() arrives.
class CacheWorker final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CacheWorker)

public:
    // database must already be open() (its migrations have run).
    explicit CacheWorker(const CacheDatabase &database, QObject *parent = nullptr);
    ~CacheWorker() override;

public slots:
    void apply(const otter::models::ChangeBatch &batch);
    // Forgets every synced object and the cursor (see CacheStore::reset); answers with applied(0, {}).
    void reset(bool keepDrafts);

signals:
    // After every page: the cursor as stored (unchanged by pages that are not the last).
    void applied(qint64 revision, const QDateTime &syncedAt);
    void failed(const QString &message);

private:
    CacheStore m_store;
};

} // namespace otter::models
