// A thin, owning wrapper around one SQLite connection and its prepared statements.
#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QString>

#include <memory>
#include <string>
#include <unordered_map>

struct sqlite3;
struct sqlite3_stmt;

namespace otter::backend {

class SqliteConnection;

// A prepared statement borrowed from its connection's cache: reset and unbound when the handle goes away.
class SqliteStatement
{
public:
    SqliteStatement(SqliteStatement &&other) noexcept;
    SqliteStatement &operator=(SqliteStatement &&) = delete;
    ~SqliteStatement();

    SqliteStatement &bind(int index, qint64 value);
    SqliteStatement &bind(int index, int value) { return bind(index, qint64(value)); }
    SqliteStatement &bind(int index, bool value) { return bind(index, qint64(value ? 1 : 0)); }
    SqliteStatement &bind(int index, double value);
    SqliteStatement &bind(int index, const QString &value);
    SqliteStatement &bind(int index, const QByteArray &value); // as a BLOB
    SqliteStatement &bindText(int index, const QByteArray &utf8);
    SqliteStatement &bindNull(int index);

    // Advances one row. True while a row is available; false when done or on error (see error()).
    bool next();
    // Runs a statement that returns no rows.
    Result<void> run();
    bool failed() const { return m_failed; }
    Error error() const;

    qint64 int64(int column) const;
    double real(int column) const;
    QString text(int column) const;
    QByteArray blob(int column) const;
    bool isNull(int column) const;
    // For hot loops that read columns without copying them (device lists); the statement stays owned here.
    sqlite3_stmt *handle() const { return m_statement; }

private:
    friend class SqliteConnection;
    SqliteStatement(SqliteConnection *connection, sqlite3_stmt *statement);

    SqliteConnection *m_connection;
    sqlite3_stmt *m_statement;
    bool m_failed = false;
};

class SqliteConnection
{
public:
    enum class Mode { ReadWrite, ReadOnly };

    static Result<std::unique_ptr<SqliteConnection>> open(const QString &path, Mode mode);
    ~SqliteConnection();
    SqliteConnection(const SqliteConnection &) = delete;
    SqliteConnection &operator=(const SqliteConnection &) = delete;

    Result<void> exec(const char *sql);
    // Runs one statement that returns no rows, compiled once and cached like prepare(): for transaction
    // control (BEGIN, COMMIT, SAVEPOINT …) that runs thousands of times a second on the device API.
    Result<void> run(const char *sql);
    // Statements are compiled once per connection and reused; `sql` must be a string literal or outlive us.
    Result<SqliteStatement> prepare(const char *sql);
    // For SQL assembled at run time (filters): compiled every call, cached by text.
    Result<SqliteStatement> prepareDynamic(const QString &sql);

    qint64 changes() const;
    qint64 lastInsertRowId() const;
    // The connection's last error, worded for an operator (a full disk says so).
    Error lastError(const QString &context = QString()) const;
    sqlite3 *handle() const { return m_db; }

private:
    explicit SqliteConnection(sqlite3 *db)
        : m_db(db)
    {}
    sqlite3 *m_db;
    std::unordered_map<const char *, sqlite3_stmt *> m_cache;
    std::unordered_map<std::string, sqlite3_stmt *> m_dynamic;
};

// BEGIN IMMEDIATE … COMMIT; rolls back unless commit() succeeded, so an early return never half-writes.
class SqliteTransaction
{
public:
    static Result<SqliteTransaction> begin(SqliteConnection &connection);
    SqliteTransaction(SqliteTransaction &&other) noexcept;
    ~SqliteTransaction();
    Result<void> commit();

private:
    explicit SqliteTransaction(SqliteConnection *connection)
        : m_connection(connection)
    {}
    SqliteConnection *m_connection;
};

} // namespace otter::backend
