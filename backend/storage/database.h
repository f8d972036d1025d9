// otterd's SQLite database: one writer connection (writes serialise), a pool of readers (WAL lets them run
// beside the writer), the global revision counter, and the audit chain appended inside each write.
#pragma once

#include "backend/storage/sqlite_connection.h"
#include "core/audit_entry.h"

#include <QJsonObject>

#include <condition_variable>
#include <functional>
#include <mutex>
#include <vector>

namespace otter::backend {

struct AuditRecord
{
    QString actor;
    QString action;
    QString object;
    QJsonObject details;
};

class Database;

// What a write transaction can do besides plain SQL: take the revision, append audit entries, and leave
// tombstones for sync. Everything commits or rolls back together.
class WriteContext
{
public:
    SqliteConnection &sql() { return m_connection; }
    // The revision of this transaction: allocated on first use, shared by everything it changes.
    Result<qint64> revision();
    Result<void> audit(const AuditRecord &record);
    Result<void> tombstone(int kind, const QString &id);

private:
    friend class Database;
    WriteContext(Database &database, SqliteConnection &connection)
        : m_database(database)
        , m_connection(connection)
    {}

    Database &m_database;
    SqliteConnection &m_connection;
    qint64 m_revision = 0;
    std::vector<AuditEntry> m_appended;
};

class Database
{
public:
    static Result<std::unique_ptr<Database>> open(const QString &path);
    ~Database();

    // Runs `work` in one IMMEDIATE transaction on the writer. `work` returns Result<T>; an error (or a
    // failed commit) rolls everything back, including revision and audit entries.
    template<typename Work>
    auto write(Work &&work) -> decltype(work(std::declval<WriteContext &>()));

    // Runs `work` on a pooled read-only connection: a consistent snapshot for the duration of the call.
    template<typename Work>
    auto read(Work &&work) -> decltype(work(std::declval<SqliteConnection &>()));

    qint64 currentRevision() const;
    // Blocks until the revision passes `seen` or `timeoutMs` elapses; returns the current revision.
    // Streams (WatchChanges, WatchRollout) wait here instead of polling the database.
    qint64 waitForRevisionAbove(qint64 seen, int timeoutMs);
    void wakeWaiters();

    QString path() const { return m_path; }

private:
    friend class WriteContext;
    Database(QString path, std::unique_ptr<SqliteConnection> writer)
        : m_path(std::move(path))
        , m_writer(std::move(writer))
    {}
    Result<void> loadState();
    Result<std::unique_ptr<SqliteConnection>> takeReader();
    void returnReader(std::unique_ptr<SqliteConnection> connection);
    void committed(const WriteContext &context);

    QString m_path;
    std::mutex m_writeMutex;
    std::unique_ptr<SqliteConnection> m_writer;

    std::mutex m_readersMutex;
    std::vector<std::unique_ptr<SqliteConnection>> m_readers;

    mutable std::mutex m_stateMutex;
    std::condition_variable m_revisionChanged;
    qint64 m_revision = 0;
    qint64 m_auditSeq = 0;
    QByteArray m_auditHead;
    bool m_closing = false;
};

template<typename Work>
auto Database::write(Work &&work) -> decltype(work(std::declval<WriteContext &>()))
{
    std::lock_guard lock(m_writeMutex);
    auto transaction = SqliteTransaction::begin(*m_writer);
    if (!transaction)
        return transaction.error();
    WriteContext context(*this, *m_writer);
    auto result = work(context);
    if (!result)
        return result; // the transaction's destructor rolls back
    if (auto ok = transaction->commit(); !ok)
        return ok.error();
    committed(context);
    return result;
}

template<typename Work>
auto Database::read(Work &&work) -> decltype(work(std::declval<SqliteConnection &>()))
{
    auto taken = takeReader();
    if (!taken)
        return taken.error();
    std::unique_ptr<SqliteConnection> connection = std::move(taken).value();
    // A read transaction pins one snapshot, so multi-statement reads (a page plus its total) agree.
    (void)connection->exec("BEGIN");
    auto result = work(*connection);
    (void)connection->exec("COMMIT");
    returnReader(std::move(connection));
    return result;
}

} // namespace otter::backend
