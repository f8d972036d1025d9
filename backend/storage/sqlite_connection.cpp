// A thin, owning wrapper around one SQLite connection and its prepared statements.
#include "backend/storage/sqlite_connection.h"

#include <QFile>

#include <sqlite3.h>

namespace otter::backend {

SqliteStatement::SqliteStatement(SqliteConnection *connection, sqlite3_stmt *statement)
    : m_connection(connection)
    , m_statement(statement)
{}

SqliteStatement::SqliteStatement(SqliteStatement &&other) noexcept
    : m_connection(other.m_connection)
    , m_statement(std::exchange(other.m_statement, nullptr))
    , m_failed(other.m_failed)
{}

SqliteStatement::~SqliteStatement()
{
    if (m_statement) {
        sqlite3_reset(m_statement);
        sqlite3_clear_bindings(m_statement);
    }
}

SqliteStatement &SqliteStatement::bind(int index, qint64 value)
{
    sqlite3_bind_int64(m_statement, index, value);
    return *this;
}

SqliteStatement &SqliteStatement::bind(int index, double value)
{
    sqlite3_bind_double(m_statement, index, value);
    return *this;
}

SqliteStatement &SqliteStatement::bind(int index, const QString &value)
{
    return bindText(index, value.toUtf8());
}

SqliteStatement &SqliteStatement::bindText(int index, const QByteArray &utf8)
{
    sqlite3_bind_text(m_statement, index, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
    return *this;
}

SqliteStatement &SqliteStatement::bind(int index, const QByteArray &value)
{
    sqlite3_bind_blob(m_statement, index, value.constData(), int(value.size()), SQLITE_TRANSIENT);
    return *this;
}

SqliteStatement &SqliteStatement::bindNull(int index)
{
    sqlite3_bind_null(m_statement, index);
    return *this;
}

bool SqliteStatement::next()
{
    const int rc = sqlite3_step(m_statement);
    if (rc == SQLITE_ROW)
        return true;
    m_failed = rc != SQLITE_DONE;
    return false;
}

Result<void> SqliteStatement::run()
{
    while (next()) {
    }
    if (m_failed)
        return error();
    return {};
}

Error SqliteStatement::error() const
{
    return m_connection->lastError(QString::fromUtf8(sqlite3_sql(m_statement)).left(80));
}

qint64 SqliteStatement::int64(int column) const
{
    return sqlite3_column_int64(m_statement, column);
}

double SqliteStatement::real(int column) const
{
    return sqlite3_column_double(m_statement, column);
}

QString SqliteStatement::text(int column) const
{
    const auto *data = reinterpret_cast<const char *>(sqlite3_column_text(m_statement, column));
    return QString::fromUtf8(data, sqlite3_column_bytes(m_statement, column));
}

QByteArray SqliteStatement::blob(int column) const
{
    const auto *data = static_cast<const char *>(sqlite3_column_blob(m_statement, column));
    return QByteArray(data, sqlite3_column_bytes(m_statement, column));
}

bool SqliteStatement::isNull(int column) const
{
    return sqlite3_column_type(m_statement, column) == SQLITE_NULL;
}

Result<std::unique_ptr<SqliteConnection>> SqliteConnection::open(const QString &path, Mode mode)
{
    sqlite3 *db = nullptr;
    const int flags =
        (mode == Mode::ReadOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
        SQLITE_OPEN_NOMUTEX;
    const int rc = sqlite3_open_v2(QFile::encodeName(path).constData(), &db, flags, nullptr);
    std::unique_ptr<SqliteConnection> connection(new SqliteConnection(db));
    if (rc != SQLITE_OK)
        return connection->lastError(QStringLiteral("opening %1").arg(path));
    // Writers queue behind each other instead of failing at once.
    sqlite3_busy_timeout(db, 10000);
    sqlite3_extended_result_codes(db, 1);
    for (const char *pragma : {"PRAGMA foreign_keys = ON", "PRAGMA synchronous = NORMAL",
                               "PRAGMA temp_store = MEMORY", "PRAGMA cache_size = -65536"}) {
        if (auto ok = connection->exec(pragma); !ok)
            return ok.error();
    }
    // Memory-mapped reads only on the writer. A reader whose snapshot finds the database changed since its
    // last one (all the time while devices report) drops its page cache and, with a mapping, unmaps and
    // remaps the whole file: an munmap per read transaction, with TLB shootdowns across every thread.
    if (mode == Mode::ReadWrite) {
        if (auto ok = connection->exec("PRAGMA mmap_size = 268435456"); !ok)
            return ok.error();
    }
    return connection;
}

SqliteConnection::~SqliteConnection()
{
    for (auto &[sql, statement] : m_cache)
        sqlite3_finalize(statement);
    for (auto &[sql, statement] : m_dynamic)
        sqlite3_finalize(statement);
    sqlite3_close_v2(m_db);
}

Result<void> SqliteConnection::exec(const char *sql)
{
    if (sqlite3_exec(m_db, sql, nullptr, nullptr, nullptr) != SQLITE_OK)
        return lastError(QString::fromUtf8(sql).left(80));
    return {};
}

Result<void> SqliteConnection::run(const char *sql)
{
    auto statement = prepare(sql);
    if (!statement)
        return statement.error();
    return statement->run();
}

Result<SqliteStatement> SqliteConnection::prepare(const char *sql)
{
    // Keyed by the literal's address: the hot path costs one hash lookup, no string copy.
    auto it = m_cache.find(sql);
    if (it == m_cache.end()) {
        sqlite3_stmt *statement = nullptr;
        if (sqlite3_prepare_v3(m_db, sql, -1, SQLITE_PREPARE_PERSISTENT, &statement, nullptr) != SQLITE_OK)
            return lastError(QString::fromUtf8(sql).left(80));
        it = m_cache.emplace(sql, statement).first;
    }
    return SqliteStatement(this, it->second);
}

Result<SqliteStatement> SqliteConnection::prepareDynamic(const QString &sql)
{
    std::string text = sql.toStdString();
    auto it = m_dynamic.find(text);
    if (it == m_dynamic.end()) {
        // Filters repeat while paging through one query; bound the cache so odd queries cannot grow it.
        if (m_dynamic.size() >= 256) {
            for (auto &[unused, statement] : m_dynamic)
                sqlite3_finalize(statement);
            m_dynamic.clear();
        }
        sqlite3_stmt *statement = nullptr;
        if (sqlite3_prepare_v3(m_db, text.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &statement, nullptr) !=
            SQLITE_OK)
            return lastError(sql.left(80));
        it = m_dynamic.emplace(std::move(text), statement).first;
    }
    return SqliteStatement(this, it->second);
}

qint64 SqliteConnection::changes() const
{
    return sqlite3_changes64(m_db);
}

qint64 SqliteConnection::lastInsertRowId() const
{
    return sqlite3_last_insert_rowid(m_db);
}

Error SqliteConnection::lastError(const QString &context) const
{
    const int code = m_db ? sqlite3_extended_errcode(m_db) : SQLITE_CANTOPEN;
    const QString detail = m_db ? QString::fromUtf8(sqlite3_errmsg(m_db)) : QStringLiteral("cannot open");
    switch (code & 0xff) {
    case SQLITE_FULL:
        return makeError(ErrorKind::Io, QStringLiteral("the server's disk is full; nothing was changed"));
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
        return makeError(ErrorKind::Io, QStringLiteral("the database cannot be written (%1)").arg(detail));
    case SQLITE_CONSTRAINT:
        return makeError(ErrorKind::InvalidInput, QStringLiteral("constraint failed: %1").arg(detail));
    default:
        return makeError(ErrorKind::Internal,
                         context.isEmpty() ? detail : QStringLiteral("%1 (%2)").arg(detail, context));
    }
}

Result<SqliteTransaction> SqliteTransaction::begin(SqliteConnection &connection)
{
    if (auto ok = connection.run("BEGIN IMMEDIATE"); !ok)
        return ok.error();
    return SqliteTransaction(&connection);
}

SqliteTransaction::SqliteTransaction(SqliteTransaction &&other) noexcept
    : m_connection(std::exchange(other.m_connection, nullptr))
{}

SqliteTransaction::~SqliteTransaction()
{
    if (m_connection)
        (void)m_connection->run("ROLLBACK");
}

Result<void> SqliteTransaction::commit()
{
    auto ok = m_connection->run("COMMIT");
    if (ok)
        m_connection = nullptr;
    return ok;
}

} // namespace otter::backend
