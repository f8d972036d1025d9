// The cache writer on its worker thread.
#include "models/cache_worker.h"

namespace otter::models {

CacheWorker::CacheWorker(const CacheDatabase &database, QObject *parent)
    : QObject(parent)
    , m_store(database)
{
    qRegisterMetaType<otter::models::ChangeBatch>();
}

CacheWorker::~CacheWorker()
{
    m_store.database().closeConnection();
}

void CacheWorker::apply(const otter::models::ChangeBatch &batch)
{
    const Result<void> result = m_store.apply(batch);
    if (!result) {
        emit failed(result.errorMessage());
        return;
    }
    emit applied(m_store.revision(), m_store.syncedAt());
}

void CacheWorker::reset(bool keepDrafts)
{
    const Result<void> result =
        m_store.reset(keepDrafts ? CacheStore::Drafts::Keep : CacheStore::Drafts::Discard);
    if (!result) {
        emit failed(result.errorMessage());
        return;
    }
    emit applied(0, QDateTime());
}

} // namespace otter::models
