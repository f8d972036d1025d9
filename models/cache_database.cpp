// Opening and migrating the console's cache file; one Qt SQL connection per thread.
#include "models/cache_database.h"

#include "models/cache_migrations.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFileInfo>
#include <QSqlQuery>
#include <QThread>

using namespace Qt::StringLiterals;

namespace otter::models {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("otter::models::CacheDatabase", text);
}

QString connectionName(const QString &path)
{
    return u"otter-cache:%1:%2"_s.arg(path).arg(quintptr(QThread::currentThread()), 0, 16);
}

// SQLite's primary result codes (the low byte of an extended code).
enum SqliteCode {
    Busy = 5,
    Locked = 6,
    ReadOnly = 8,
    IoError = 10,
    Corrupt = 11,
    Full = 13,
    CantOpen = 14,
    NotADatabase = 26
};

bool exec(QSqlQuery &query, const QString &sql)
{
    return query.exec(sql);
}

} // namespace

QString describeSqlError(const QString &action, const QSqlError &error)
{
    QString why;
    switch (error.nativeErrorCode().toInt() & 0xff) {
    case Full:
        why = tr("the disk holding the cache is full; free some space and sync again");
        break;
    case ReadOnly:
        why = tr("the cache file is read-only");
        break;
    case Busy:
    case Locked:
        why = tr("the cache file is locked by another program; close other consoles using it");
        break;
    case NotADatabase:
        why = tr("the file is not a cache file (not an SQLite database)");
        break;
    case Corrupt:
        why = tr("the cache file is damaged; delete it and the console syncs a new one");
        break;
    case IoError:
    case CantOpen:
        why = tr("the operating system refused to read or write the file (%1)").arg(error.databaseText());
        break;
    default:
        why = error.text();
        break;
    }
    return tr("%1 failed: %2").arg(action, why);
}

int CacheDatabase::latestSchemaVersion()
{
    return int(cacheMigrations().size());
}

QSqlDatabase CacheDatabase::connection() const
{
    if (m_path.isEmpty())
        return {};
    const QString name = connectionName(m_path);
    if (QSqlDatabase::contains(name))
        return QSqlDatabase::database(name, false);
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
    db.setDatabaseName(m_path);
    // Readers and the writer share the file; waiting a little beats failing on a checkpoint.
    db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=5000"_s);
    if (db.open()) {
        QSqlQuery query(db);
        exec(query, u"PRAGMA foreign_keys = ON"_s);
        // In WAL mode NORMAL loses at most the last commits on power loss, never consistency; the server
        // can always send them again.
        exec(query, u"PRAGMA synchronous = NORMAL"_s);
        exec(query, u"PRAGMA cache_size = -32768"_s);
        // Checkpoints are where WAL mode waits on the disk; a sync page of 10,000 devices should not pay one
        // per commit.
        exec(query, u"PRAGMA wal_autocheckpoint = 16384"_s);
        exec(query, u"PRAGMA temp_store = MEMORY"_s);
    }
    return db;
}

void CacheDatabase::closeConnection() const
{
    if (m_path.isEmpty())
        return;
    const QString name = connectionName(m_path);
    if (!QSqlDatabase::contains(name))
        return;
    QSqlDatabase::database(name, false).close();
    QSqlDatabase::removeDatabase(name);
}

int CacheDatabase::schemaVersion() const
{
    QSqlQuery query(connection());
    if (!query.exec(u"SELECT MAX(version) FROM schema_version"_s) || !query.next())
        return 0;
    return query.value(0).toInt();
}

Result<void> CacheDatabase::open(const QString &path)
{
    if (path.isEmpty())
        return makeError(ErrorKind::InvalidInput, tr("No cache file was given."));
    const QFileInfo info(path);
    if (info.exists() && !info.isFile())
        return makeError(ErrorKind::InvalidInput,
                         tr("The cache path %1 is not a file; choose a file name.").arg(path));
    if (isOpen())
        closeConnection();
    m_path = info.absoluteFilePath();
    // The handle and its queries must be gone before a failed connection is removed.
    const Result<void> result = [this] {
        QSqlDatabase db = connection();
        if (!db.isOpen())
            return Result<void>(
                Error{ErrorKind::Io,
                      describeSqlError(tr("Opening the cache file %1").arg(m_path), db.lastError())});
        return migrate(db);
    }();
    if (!result) {
        closeConnection();
        m_path.clear();
    }
    return result;
}

Result<void> CacheDatabase::migrate(QSqlDatabase &db) const
{
    const QString action = tr("Opening the cache file %1").arg(m_path);
    QSqlQuery query(db);
    // The first read of the header is where SQLite notices a file that is not a database at all.
    if (!query.exec(u"PRAGMA application_id"_s) || !query.next())
        return makeError(ErrorKind::InvalidInput, describeSqlError(action, query.lastError()));
    const int applicationId = query.value(0).toInt();
    if (applicationId != 0 && applicationId != CacheApplicationId)
        return makeError(ErrorKind::InvalidInput,
                         tr("The file %1 is an SQLite database of another program, not an Otter console "
                            "cache; choose another file.")
                             .arg(m_path));
    if (applicationId == 0) {
        if (!query.exec(u"SELECT COUNT(*) FROM sqlite_schema"_s) || !query.next())
            return makeError(ErrorKind::Io, describeSqlError(action, query.lastError()));
        if (query.value(0).toInt() > 0)
            return makeError(ErrorKind::InvalidInput,
                             tr("The file %1 is not an Otter console cache (it holds other tables); choose "
                                "another file.")
                                 .arg(m_path));
        if (!query.exec(u"PRAGMA journal_mode = WAL"_s) ||
            !query.exec(u"PRAGMA application_id = %1"_s.arg(CacheApplicationId)) ||
            !query.exec(u"CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at INTEGER NOT "
                        u"NULL)"_s))
            return makeError(ErrorKind::Io, describeSqlError(action, query.lastError()));
    }
    const int current = schemaVersion();
    const int latest = latestSchemaVersion();
    if (current > latest)
        return makeError(
            ErrorKind::InvalidInput,
            tr("The cache file %1 was written by a newer otter-console (schema %2; this one reads "
               "up to %3). Update otter-console or choose another cache file.")
                .arg(m_path)
                .arg(current)
                .arg(latest));
    for (int version = current + 1; version <= latest; ++version) {
        if (!db.transaction())
            return makeError(ErrorKind::Io, describeSqlError(action, db.lastError()));
        bool ok = true;
        for (const QString &statement : cacheMigrations().at(version - 1)) {
            if (!query.exec(statement)) {
                ok = false;
                break;
            }
        }
        if (ok) {
            query.prepare(u"INSERT INTO schema_version (version, applied_at) VALUES (?, ?)"_s);
            query.addBindValue(version);
            query.addBindValue(QDateTime::currentMSecsSinceEpoch());
            ok = query.exec();
        }
        if (!ok || !db.commit()) {
            const QString message =
                describeSqlError(tr("Upgrading the cache file %1 to schema %2").arg(m_path).arg(version),
                                 query.lastError().isValid() ? query.lastError() : db.lastError());
            query.finish();
            db.rollback();
            return makeError(ErrorKind::Io, message);
        }
    }
    return {};
}

} // namespace otter::models
