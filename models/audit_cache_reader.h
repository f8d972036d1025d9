// AuditCacheReader: streams cached audit entries in seq order for exports, reports and chain checks.
#pragma once

#include "core/audit_entry.h"
#include "core/result.h"
#include "models/audit_filter.h"
#include "models/cache_database.h"
#include "models/records.h"

#include <QSqlQuery>

#include <optional>

namespace otter::models {

// Reads through the calling thread's connection, oldest first, without holding more than one row. Worker
// threads close their connection (CacheDatabase::closeConnection) when done.
class AuditCacheReader
{
public:
    explicit AuditCacheReader(const CacheDatabase &database);

    // Entries matching the filter, after `afterSeq` (0: from the start).
    Result<void> open(const AuditFilter &filter = {}, qint64 afterSeq = 0);
    // The next row, or nullopt at the end or on error (see error()).
    std::optional<AuditRecord> next();
    QString error() const { return m_error; }

    Result<qint64> count(const AuditFilter &filter = {}) const;
    // The newest cached entry, nullopt when the cache holds none.
    Result<std::optional<AuditRecord>> newest() const;

    // The hex hashes of the cache as the raw bytes the chain encoding hashes; empty when not 64 hex digits.
    static QByteArray hashBytes(const QString &hex);
    static AuditEntry toEntry(const AuditRecord &record);
    // The inverse, as a sync stores an entry (hex hashes, details as text).
    static AuditRecord toRecord(const AuditEntry &entry, qint64 revision);
    // The current row of a query selecting Columns, in that order.
    static AuditRecord read(const QSqlQuery &query);
    static constexpr auto Columns = u"seq, time, actor, action, object, details, prev_hash, hash, revision";

private:
    CacheDatabase m_database;
    QSqlQuery m_query;
    QString m_error;
};

} // namespace otter::models
