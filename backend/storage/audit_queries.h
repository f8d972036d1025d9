// Reading the stored audit log: rows as API entries or as chain entries, filtered keyset pages, bounded
// batches for exports and verification, and the chain head.
#pragma once

#include "backend/storage/sqlite_connection.h"
#include "core/audit_entry.h"
#include "otter/v1/audit.pb.h"

#include <functional>
#include <limits>
#include <optional>

namespace otter::backend {

// The latest entry of the log; for an empty log seq 0 and the genesis hash (what entry 1 links to).
struct AuditHead
{
    qint64 seq = 0;
    QByteArray hash;
    std::optional<qint64> timeMs;
};

Result<AuditHead> readAuditHead(SqliteConnection &connection);
void setChainHead(const AuditHead &head, v1::AuditChainHead *out);

// A row selected with the audit columns (seq, time_ms, actor, action, object, details, prev_hash, hash,
// revision), as the API sends it (hashes in lower-case hex) and as the chain verifier reads it.
void auditEntryFromRow(const SqliteStatement &row, v1::AuditEntry *entry);
AuditEntry chainEntryFromRow(const SqliteStatement &row);

// Filters of ListAuditEntries. `action` and `object` match exactly, or as a prefix when they end in "."
// and "/" respectively (audit.proto).
struct AuditListQuery
{
    std::optional<qint64> startMs; // time_ms >= startMs
    std::optional<qint64> endMs;   // time_ms < endMs
    QString actor;
    QString action;
    QString object;
    bool newestFirst = false;
};

struct AuditListPage
{
    qint64 lastSeq = 0; // seq of the last entry added, the next page's cursor
    bool more = false;  // entries beyond this page exist
};

// Appends up to `limit` entries after `afterSeq` (in the query's order) to `out`, stopping early when the
// page's encoded size passes `byteBudget`, so that a page of large entries still fits in one message.
Result<AuditListPage> listAuditEntries(SqliteConnection &connection, const AuditListQuery &query,
                                       std::optional<qint64> afterSeq, int limit, qint64 byteBudget,
                                       google::protobuf::RepeatedPtrField<v1::AuditEntry> *out);

// The entries with afterSeq < seq <= uptoSeq whose time lies in [startMs, endMs), in seq order, at most
// `limit` of them, handed to `visit` one row at a time (nothing accumulates here). Returns how many rows
// were visited; `visit` may return false to stop early.
struct AuditRange
{
    qint64 afterSeq = 0;
    qint64 uptoSeq = std::numeric_limits<qint64>::max();
    qint64 startMs = std::numeric_limits<qint64>::min();
    qint64 endMs = std::numeric_limits<qint64>::max();
};
Result<int> visitAuditRange(SqliteConnection &connection, const AuditRange &range, int limit,
                            const std::function<bool(const SqliteStatement &row)> &visit);

// The stored hash of entry `seq`, if it exists (the link a verification of a later range starts from).
Result<std::optional<QByteArray>> readAuditHash(SqliteConnection &connection, qint64 seq);

} // namespace otter::backend
