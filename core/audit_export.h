// The JSON Lines audit export: writing it, reading it back, and verifying a whole export as a stream.
//
// Format "otter-audit-export-v1" (UTF-8; every line, the last included, ends with "\n"; readers also accept
// "\r\n" and a missing final newline):
//
//   one line per entry, in seq order, each the RFC 8785 canonical JSON of:
//     {"action":"rollout.start","actor":"alice","details":{…},"hash":"<64 hex>","object":"rollout/r1",
//      "prev_hash":"<64 hex>","seq":42,"time":"2024-05-01T09:30:00.123Z"}
//       seq        integer, 0 to 2^53 - 1
//       time       "YYYY-MM-DDTHH:MM:SS.mmmZ" (UTC, exactly 3 fraction digits)
//       details    the entry's details as a JSON object (not a string)
//       prev_hash, hash   lower-case hex of the 32-byte SHA-256 values
//   then exactly one trailer line:
//     {"chain_head":"<64 hex>","count":N,"exported_at":"<time>","format":"otter-audit-export-v1",
//      "synced_at":"<time>"}
//       chain_head   hash of the last entry (for an empty export: the hash the next entry would link to)
//       count        number of entry lines
//       exported_at  when the file was written
//       synced_at    when the data was last synced from otterd (the console exports from its cache)
//
// Reading is strict: unknown or missing fields, upper-case hex, other time forms, blank lines, lines after
// the trailer and a missing trailer are all errors, because an export is evidence and anything that is not
// covered by the hashes must not be able to change what it says. A line is the trailer exactly when it has a
// "format" field. The entries recompute to their hashes with the encoding in audit_chain.h.
//
// An export can hold a later range of the log; by default verification accepts any start and reports
// whether the export starts at the beginning of the log. The chain head only proves completeness when it is
// compared with a head obtained elsewhere (from otterd, or printed in a compliance report): pass it as
// expectedHead.
#pragma once

#include "core/audit_chain.h"
#include "core/audit_entry.h"
#include "core/result.h"

#include <QByteArray>
#include <QDateTime>

#include <optional>

class QIODevice;

namespace otter {

inline constexpr char kAuditExportFormat[] = "otter-audit-export-v1";
// Bounds memory per line; the largest valid entry line (1 MiB of details, 3 × 64 KiB texts) fits well.
inline constexpr qsizetype kAuditExportMaxLineBytes = 4 * 1024 * 1024;

struct AuditExportTrailer
{
    QByteArray chainHead; // 32 raw bytes
    qint64 count = 0;
    QDateTime exportedAt;
    QDateTime syncedAt;

    bool operator==(const AuditExportTrailer &) const = default;
};

struct AuditExportOptions
{
    AuditChainStart start = AuditChainStart::anywhere();
    std::optional<QByteArray> expectedHead; // 32 raw bytes from a trusted source, if any
};

struct AuditExportVerification
{
    AuditVerification chain; // entries verified, and the first failure of the whole export if any
    std::optional<AuditExportTrailer> trailer;

    bool ok() const { return chain.ok(); }
    QString summary() const;
};

class AuditExport
{
public:
    // One entry line, without the newline. Fails for entries the format cannot carry.
    static Result<QByteArray> toJsonLine(const AuditEntry &entry);
    // Reads one entry line (a trailing newline is allowed). Does not check the hash.
    static Result<AuditEntry> fromJsonLine(QByteArrayView line);

    static Result<QByteArray> trailerLine(const AuditExportTrailer &trailer);
    static Result<AuditExportTrailer> fromTrailerLine(QByteArrayView line);

    // Reads the device line by line to its end, checking every entry and the trailer, and stops at the first
    // problem, which names its line and entry. Memory stays constant whatever the export's length. The
    // device may be a file, a buffer or a blocking stream such as stdin (not a non-blocking socket).
    static AuditExportVerification verify(QIODevice *device, const AuditExportOptions &options = {});
};

// Writes an export line by line; the caller feeds entries in seq order and then calls finish().
class AuditExportWriter
{
public:
    // `startPrevHash` is what an empty export names as its chain head.
    explicit AuditExportWriter(QIODevice *device,
                               const QByteArray &startPrevHash = AuditChain::genesisPrevHash());

    Result<void> write(const AuditEntry &entry);
    Result<void> finish(const QDateTime &exportedAt, const QDateTime &syncedAt);

    qint64 count() const { return m_count; }
    const QByteArray &head() const { return m_head; }

private:
    Result<void> writeLine(const QByteArray &line);

    QIODevice *m_device;
    qint64 m_count = 0;
    QByteArray m_head;
};

} // namespace otter
