// otterd's SQLite database: one writer connection (writes serialise), a pool of readers (WAL lets them run
// beside the writer), the global revision counter, and the audit chain appended inside each write.
#pragma once

#include "backend/storage/completion_thread.h"
#include "backend/storage/sqlite_connection.h"
#include "backend/storage/wal_checkpointer.h"
#include "core/audit_entry.h"

#include <QJsonObject>

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
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
    explicit WriteContext(SqliteConnection &connection)
        : m_connection(connection)
    {}
    // Savepoint bookkeeping for batched work: what to forget when one piece of work is rolled back.
    struct Mark
    {
        qint64 revision;
        size_t appended;
    };
    Mark mark() const { return {m_revision, m_appended.size()}; }
    void rollbackTo(const Mark &mark);

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

    // Group commit: `work` runs on the writer thread together with whatever else was submitted meanwhile,
    // all in one transaction (each in its own savepoint, so one failure does not undo the others), and
    // `done` is called with its result after the commit. For high-rate small writes — device check-ins and
    // status reports — where one fsync per call would be the bottleneck. `done` runs on a completion
    // thread, never on the writer, so answering calls does not hold up the next batch.
    using BatchedWork = std::function<Result<void>(WriteContext &)>;
    using BatchedDone = std::function<void(const Result<void> &)>;
    void submit(BatchedWork work, BatchedDone done);

    qint64 currentRevision() const;
    // Blocks until the revision passes `seen` or `timeoutMs` elapses; returns the current revision.
    // Streams (WatchChanges, WatchRollout) wait here instead of polling the database.
    qint64 waitForRevisionAbove(qint64 seen, int timeoutMs);
    void wakeWaiters();
    // True once wakeWaiters() ran (the server is shutting down): waiting streams should end.
    bool isClosing() const;

    QString path() const { return m_path; }

private:
    friend class WriteContext;
    Database(QString path, std::unique_ptr<SqliteConnection> writer)
        : m_path(std::move(path))
        , m_checkpointer(m_path)
        , m_writer(std::move(writer))
    {
        m_checkpointer.attach(m_writer->handle());
    }
    Result<void> loadState();
    Result<void> adoptExternalWrites();
    Result<std::unique_ptr<SqliteConnection>> takeReader();
    void returnReader(std::unique_ptr<SqliteConnection> connection);
    void committed(const WriteContext &context);
    void runBatches();

    struct Batched
    {
        BatchedWork work;
        BatchedDone done;
    };
    std::mutex m_queueMutex;
    std::condition_variable m_queueChanged;
    std::deque<Batched> m_queue;
    bool m_stopBatching = false;
    std::thread m_batchThread;
    CompletionThread m_completions;

    QString m_path;
    WalCheckpointer m_checkpointer; // outlives the writer, whose commits call it
    std::mutex m_writeMutex;
    std::unique_ptr<SqliteConnection> m_writer;

    std::mutex m_readersMutex;
    std::vector<std::unique_ptr<SqliteConnection>> m_readers;

    mutable std::mutex m_stateMutex;
    std::condition_variable m_revisionChanged;
    qint64 m_revision = 0;
    bool m_closing = false;
};

template<typename Work>
auto Database::write(Work &&work) -> decltype(work(std::declval<WriteContext &>()))
{
    std::lock_guard lock(m_writeMutex);
    auto transaction = SqliteTransaction::begin(*m_writer);
    if (!transaction)
        return transaction.error();
    if (auto ok = adoptExternalWrites(); !ok)
        return ok.error();
    WriteContext context(*m_writer);
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
    (void)connection->run("BEGIN");
    auto result = work(*connection);
    (void)connection->run("COMMIT");
    returnReader(std::move(connection));
    return result;
}

} // namespace otter::backend
