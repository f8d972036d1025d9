// AuditCsvWriter: audit entries as RFC 4180 CSV (CRLF records, a header row, quoted fields where needed).
#pragma once

#include "models/audit_raw_scan.h"

#include <QByteArray>
#include <QDateTime>

namespace otter::models {

// Columns: seq, time (UTC, "YYYY-MM-DDTHH:MM:SS.mmmZ"), actor, action, object, details (JSON), prev_hash,
// hash, synced_at (when the cache last synced with otterd: the same in every row, so that any row copied out
// of the file still says how current it was).
class AuditCsvWriter
{
public:
    explicit AuditCsvWriter(const QDateTime &syncedAt);

    static QByteArray header();
    // One record, CRLF included, appended to `out`.
    void appendRow(const AuditRawRow &entry, QByteArray &out) const;

    // A field quoted when it holds a comma, a double quote, CR or LF (quotes doubled), else as it is.
    static void appendField(QByteArrayView field, QByteArray &out);

private:
    QByteArray m_syncedAt;
};

} // namespace otter::models
