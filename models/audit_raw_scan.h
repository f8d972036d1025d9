// AuditRawScan: a read-only pass over the cached audit table straight through SQLite's C API, for exports of
// millions of entries. Qt SQL turns every text into a QString and back; here the UTF-8 bytes SQLite holds go
// into the file as they are, which keeps a CSV export of 1,000,000 entries within seconds.
#pragma once

#include "core/result.h"
#include "models/audit_filter.h"

#include <QByteArrayView>
#include <QString>

struct sqlite3;
struct sqlite3_stmt;

namespace otter::models {

struct AuditRawRow
{
    qint64 seq = 0;
    qint64 timeMs = 0;
    // Valid until the next call to AuditRawScan::next().
    QByteArrayView actor;
    QByteArrayView action;
    QByteArrayView object;
    QByteArrayView details;
    QByteArrayView prevHash;
    QByteArrayView hash;
};

// One scan on its own read-only connection (WAL: the sync writer may go on meanwhile; the scan sees the
// cache as it was when it started). Use it on one thread.
class AuditRawScan
{
public:
    AuditRawScan() = default;
    ~AuditRawScan();
    Q_DISABLE_COPY_MOVE(AuditRawScan)

    // Entries matching the filter, oldest first.
    Result<void> open(const QString &cachePath, const AuditFilter &filter);
    // The next row, false at the end or on error (then error() says why).
    bool next(AuditRawRow &row);
    QString error() const { return m_error; }

private:
    QString failure(const QString &action) const;

    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_statement = nullptr;
    QString m_error;
};

// "YYYY-MM-DDTHH:MM:SS.mmmZ" of a UTC instant in milliseconds, appended to out (the chain's time format,
// see core/audit_chain.h), without a QDateTime per entry.
void appendAuditTime(qint64 msecsSinceEpoch, QByteArray &out);

} // namespace otter::models
