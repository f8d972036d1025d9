// CacheDatabase: the console's offline cache file (SQLite through Qt SQL): opening, migrations and the one
// connection each thread reads or writes it through.
#pragma once

#include "core/result.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QString>

namespace otter::models {

// A cheap, copyable handle on one cache file. open() creates or migrates the file; afterwards any thread may
// call connection() and gets its own QSqlDatabase (Qt SQL connections must not cross threads). WAL lets the
// models read on the GUI thread while the sync writer commits on its worker thread.
class CacheDatabase
{
public:
    // The schema this build writes. Older files are migrated forward; newer ones are refused.
    static int latestSchemaVersion();

    // Creates the file if missing, sets it up (WAL, foreign keys, busy timeout), and runs the numbered
    // migrations it has not seen yet, each in its own transaction. Errors read like "The cache file
    // /x/cache.db is not an Otter console cache (it holds other tables); choose another file.".
    Result<void> open(const QString &path);

    bool isOpen() const { return !m_path.isEmpty(); }
    QString path() const { return m_path; }

    // This thread's connection to the file, opened on first use (invalid before open()).
    QSqlDatabase connection() const;
    // Closes this thread's connection; call it on a thread before the thread ends (the worker does).
    void closeConnection() const;

    // The schema version stored in the file (0 for a file that was never set up).
    int schemaVersion() const;

private:
    Result<void> migrate(QSqlDatabase &db) const;

    QString m_path;
};

// An operator-readable sentence for a failed statement: names disk full, a read-only or locked file, and a
// file that is not a database, instead of SQLite's terse codes.
QString describeSqlError(const QString &action, const QSqlError &error);

} // namespace otter::models
