// Checkpoints the write-ahead log on a thread of its own.
#include "backend/storage/wal_checkpointer.h"

#include <QFile>
#include <QLoggingCategory>

#include <sqlite3.h>

Q_LOGGING_CATEGORY(lcCheckpoint, "otter.backend.checkpoint")

namespace otter::backend {

WalCheckpointer::~WalCheckpointer()
{
    stop();
}

void WalCheckpointer::attach(sqlite3 *writer)
{
    // Replaces the automatic checkpoint, which is itself a WAL hook.
    sqlite3_wal_hook(writer, &WalCheckpointer::walCommitted, this);
}

void WalCheckpointer::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_requested.notify_one();
    if (m_thread.joinable())
        m_thread.join();
}

int WalCheckpointer::walCommitted(void *self, sqlite3 *, const char *, int pages)
{
    // On the writer thread after each commit: only a flag and, past the threshold, one wake-up.
    if (pages < Threshold)
        return SQLITE_OK;
    auto *checkpointer = static_cast<WalCheckpointer *>(self);
    {
        std::lock_guard lock(checkpointer->m_mutex);
        if (checkpointer->m_pending || checkpointer->m_stopping)
            return SQLITE_OK;
        checkpointer->m_pending = true;
        if (!checkpointer->m_thread.joinable())
            checkpointer->m_thread = std::thread([checkpointer] { checkpointer->run(); });
    }
    checkpointer->m_requested.notify_one();
    return SQLITE_OK;
}

void WalCheckpointer::run()
{
    sqlite3 *db = nullptr;
    if (sqlite3_open_v2(QFile::encodeName(m_path).constData(), &db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
        qCWarning(lcCheckpoint) << "cannot open" << m_path << "to checkpoint:" << sqlite3_errmsg(db);
        sqlite3_close_v2(db);
        return;
    }
    sqlite3_exec(db, "PRAGMA synchronous = NORMAL", nullptr, nullptr, nullptr);
    for (;;) {
        {
            std::unique_lock lock(m_mutex);
            m_requested.wait(lock, [&] { return m_pending || m_stopping; });
            if (m_stopping)
                break;
        }
        const int rc = sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
        if (rc != SQLITE_OK && rc != SQLITE_BUSY)
            qCWarning(lcCheckpoint) << "checkpoint failed:" << sqlite3_errmsg(db);
        std::lock_guard lock(m_mutex);
        m_pending = false; // the next commit past the threshold asks again
    }
    sqlite3_close_v2(db);
}

} // namespace otter::backend
