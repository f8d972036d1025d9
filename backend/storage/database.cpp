// otterd's SQLite database: writer, reader pool, revision counter and audit chain.
#include "backend/storage/database.h"

#include "backend/storage/migrations.h"
#include "core/audit_chain.h"

#include <QJsonDocument>

#include <chrono>

namespace otter::backend {

Result<qint64> WriteContext::revision()
{
    if (m_revision == 0) {
        auto bump =
            m_connection.prepare("UPDATE meta SET value = value + 1 WHERE key = 'revision' RETURNING value");
        if (!bump)
            return bump.error();
        if (!bump->next())
            return bump->error();
        m_revision = bump->int64(0);
    }
    return m_revision;
}

Result<void> WriteContext::audit(const AuditRecord &record)
{
    auto revisionNow = revision();
    if (!revisionNow)
        return revisionNow.error();
    AuditEntry entry;
    QByteArray prevHash;
    if (m_appended.empty()) {
        // Read the head inside the transaction: `otterd user add` and `otterd device provision` append from
        // another process while the server runs, so a cached head would fork the chain.
        auto head = m_connection.prepare("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
        if (!head)
            return head.error();
        entry.seq = 1;
        prevHash = AuditChain::genesisPrevHash();
        if (head->next()) {
            entry.seq = head->int64(0) + 1;
            prevHash = head->blob(1);
        } else if (head->failed()) {
            return head->error();
        }
    } else {
        entry.seq = m_appended.back().seq + 1;
        prevHash = m_appended.back().hash;
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    entry.time = QDateTime::fromMSecsSinceEpoch(now.toMSecsSinceEpoch(), Qt::UTC);
    entry.actor = record.actor;
    entry.action = record.action;
    entry.object = record.object;
    entry.detailsJson = QJsonDocument(record.details).toJson(QJsonDocument::Compact);
    if (auto ok = AuditChain::seal(entry, prevHash); !ok)
        return ok.error();
    auto insert = m_connection.prepare("INSERT INTO audit_log (seq, time_ms, actor, action, object, details, "
                                       "prev_hash, hash, revision) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!insert)
        return insert.error();
    insert->bind(1, entry.seq)
        .bind(2, entry.time.toMSecsSinceEpoch())
        .bind(3, entry.actor)
        .bind(4, entry.action)
        .bind(5, entry.object)
        .bindText(6, entry.detailsJson)
        .bind(7, entry.prevHash)
        .bind(8, entry.hash)
        .bind(9, *revisionNow);
    if (auto ok = insert->run(); !ok)
        return ok;
    m_appended.push_back(std::move(entry));
    return {};
}

void WriteContext::rollbackTo(const Mark &mark)
{
    m_revision = mark.revision;
    m_appended.resize(mark.appended);
}

Result<void> WriteContext::tombstone(int kind, const QString &id)
{
    auto revisionNow = revision();
    if (!revisionNow)
        return revisionNow.error();
    auto insert = m_connection.prepare("INSERT INTO tombstones (kind, id, revision) VALUES (?, ?, ?) "
                                       "ON CONFLICT (kind, id) DO UPDATE SET revision = excluded.revision");
    if (!insert)
        return insert.error();
    insert->bind(1, kind).bind(2, id).bind(3, *revisionNow);
    return insert->run();
}

Result<std::unique_ptr<Database>> Database::open(const QString &path)
{
    auto writer = SqliteConnection::open(path, SqliteConnection::Mode::ReadWrite);
    if (!writer)
        return writer.error();
    std::unique_ptr<SqliteConnection> connection = std::move(writer).value();
    if (auto ok = connection->exec("PRAGMA journal_mode = WAL"); !ok)
        return ok.error();
    if (auto ok = migrate(*connection); !ok)
        return ok.error();
    std::unique_ptr<Database> database(new Database(path, std::move(connection)));
    if (auto ok = database->loadState(); !ok)
        return ok.error();
    return database;
}

Database::~Database()
{
    {
        std::lock_guard lock(m_queueMutex);
        m_stopBatching = true;
    }
    m_queueChanged.notify_all();
    if (m_batchThread.joinable())
        m_batchThread.join();
    m_completions.stop();  // after the writer: it answers what the writer's last batches wrote
    m_checkpointer.stop(); // the TRUNCATE checkpoint below is the last one
    {
        std::lock_guard lock(m_stateMutex);
        m_closing = true;
    }
    m_revisionChanged.notify_all();
    // A clean close checkpoints the WAL into the main file.
    std::lock_guard lock(m_writeMutex);
    m_readers.clear();
    (void)m_writer->exec("PRAGMA wal_checkpoint(TRUNCATE)");
}

Result<void> Database::loadState()
{
    auto revision = m_writer->prepare("SELECT value FROM meta WHERE key = 'revision'");
    if (!revision)
        return revision.error();
    if (revision->next())
        m_revision = revision->int64(0);
    return {};
}

Result<void> Database::adoptExternalWrites()
{
    // `otterd user add` and `otterd device provision` write the same file from another process while the
    // server runs; the revision kept here for watchers must follow what they committed. (The audit head is
    // always read inside the transaction, see WriteContext::audit.) Called under the write lock.
    auto revision = m_writer->prepare("SELECT value FROM meta WHERE key = 'revision' -- adopt");
    if (!revision)
        return revision.error();
    if (!revision->next())
        return revision->failed() ? revision->error() : Result<void>();
    const qint64 stored = revision->int64(0);
    if (stored == currentRevision())
        return {};
    {
        std::lock_guard lock(m_stateMutex);
        m_revision = stored;
    }
    m_revisionChanged.notify_all();
    return {};
}

Result<std::unique_ptr<SqliteConnection>> Database::takeReader()
{
    {
        std::lock_guard lock(m_readersMutex);
        if (!m_readers.empty()) {
            auto connection = std::move(m_readers.back());
            m_readers.pop_back();
            return connection;
        }
    }
    return SqliteConnection::open(m_path, SqliteConnection::Mode::ReadOnly);
}

void Database::returnReader(std::unique_ptr<SqliteConnection> connection)
{
    std::lock_guard lock(m_readersMutex);
    // Keep a handful warm; extra connections from a burst are closed.
    if (m_readers.size() < 16)
        m_readers.push_back(std::move(connection));
}

void Database::committed(const WriteContext &context)
{
    {
        std::lock_guard lock(m_stateMutex);
        if (context.m_revision != 0)
            m_revision = context.m_revision;
    }
    if (context.m_revision != 0)
        m_revisionChanged.notify_all();
}

void Database::submit(BatchedWork work, BatchedDone done)
{
    {
        std::lock_guard lock(m_queueMutex);
        if (m_stopBatching) {
            done(makeError(ErrorKind::Io, QStringLiteral("the server is shutting down")));
            return;
        }
        if (!m_batchThread.joinable())
            m_batchThread = std::thread([this] { runBatches(); });
        m_queue.push_back({std::move(work), std::move(done)});
    }
    m_queueChanged.notify_one();
}

void Database::runBatches()
{
    // Large enough to amortise the commit over thousands of reports, small enough to keep latency low.
    constexpr size_t MaxBatch = 2048;
    for (;;) {
        std::vector<Batched> batch;
        {
            std::unique_lock lock(m_queueMutex);
            m_queueChanged.wait(lock, [&] { return m_stopBatching || !m_queue.empty(); });
            if (m_queue.empty())
                return; // stopping, and everything submitted was written
            while (!m_queue.empty() && batch.size() < MaxBatch) {
                batch.push_back(std::move(m_queue.front()));
                m_queue.pop_front();
            }
        }
        std::vector<Result<void>> results(batch.size());
        {
            std::lock_guard lock(m_writeMutex);
            auto transaction = SqliteTransaction::begin(*m_writer);
            WriteContext context(*m_writer);
            bool committedOk = false;
            if (transaction) {
                for (size_t i = 0; i < batch.size(); ++i) {
                    const WriteContext::Mark mark = context.mark();
                    (void)m_writer->run("SAVEPOINT work");
                    results[i] = batch[i].work(context);
                    if (!results[i]) {
                        (void)m_writer->run("ROLLBACK TO work");
                        context.rollbackTo(mark);
                    }
                    (void)m_writer->run("RELEASE work");
                }
                auto commit = transaction->commit();
                committedOk = commit.ok();
                if (!committedOk)
                    std::fill(results.begin(), results.end(), Result<void>(commit.error()));
            } else {
                std::fill(results.begin(), results.end(), Result<void>(transaction.error()));
            }
            if (committedOk)
                committed(context);
        }
        std::vector<CompletionThread::Completion> answers;
        answers.reserve(batch.size());
        for (size_t i = 0; i < batch.size(); ++i)
            answers.push_back(
                [done = std::move(batch[i].done), result = std::move(results[i])] { done(result); });
        m_completions.post(std::move(answers));
    }
}

qint64 Database::currentRevision() const
{
    std::lock_guard lock(m_stateMutex);
    return m_revision;
}

qint64 Database::waitForRevisionAbove(qint64 seen, int timeoutMs)
{
    std::unique_lock lock(m_stateMutex);
    m_revisionChanged.wait_for(lock, std::chrono::milliseconds(timeoutMs),
                               [&] { return m_revision > seen || m_closing; });
    return m_revision;
}

bool Database::isClosing() const
{
    std::lock_guard lock(m_stateMutex);
    return m_closing;
}

void Database::wakeWaiters()
{
    {
        std::lock_guard lock(m_stateMutex);
        m_closing = true;
    }
    m_revisionChanged.notify_all();
}

} // namespace otter::backend
