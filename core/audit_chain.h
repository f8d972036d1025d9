// The audit hash chain: canonical entry encoding, sealing new entries, and verification that names the first
// bad entry in words an operator understands.
//
// Canonical encoding (version 1) — everything an entry says except prevHash and hash:
//
//   canonical(entry) = field("otter-audit-v1") ‖ field(seq) ‖ field(time) ‖ field(actor) ‖ field(action)
//                      ‖ field(object) ‖ field(details)
//   field(bytes)     = uint32 big-endian byte length of `bytes` ‖ bytes
//
//   seq      decimal ASCII, no sign, no leading zeros ("0", "42"); 0 ≤ seq ≤ 2^53 - 1
//   time     the UTC instant as "YYYY-MM-DDTHH:MM:SS.mmmZ" (always 3 fraction digits, years 0001–9999)
//   actor, action, object   UTF-8 (unpaired surrogates are rejected), each at most 64 KiB
//   details  RFC 8785 canonical JSON of a JSON object (see audit_json.h), at most 1 MiB; no bytes at all
//            count as {}
//
//   hash     = SHA-256(prevHash ‖ canonical(entry))   — prevHash is always exactly 32 bytes
//   prevHash = 32 zero bytes for the first entry of a log, otherwise the hash of the entry before it
//
// The length prefixes make the encoding unambiguous ("ab"+"c" and "a"+"bc" differ), the leading version
// field keeps a future encoding from ever colliding with this one, and canonical details make the hash
// independent of key order and whitespace. A verifier in another language needs only SHA-256, UTF-8 and an
// RFC 8785 serialiser; tests/unit/tst_audit_chain.cpp recomputes a hash this way in Python.
//
// Verification checks each entry in order and stops at the first problem:
//   1. the entry can be encoded (hash sizes, details JSON, limits)          → Malformed
//   2. SHA-256(prevHash ‖ canonical) equals the stored hash                 → ContentChanged
//   3. seq is the one expected at this position                             → SequenceGap, SequenceOutOfOrder
//   4. prevHash equals the hash of the entry before (or the expected start) → LinkBroken
// Content comes first because a changed seq is a changed entry; seq comes before the link because a gap says
// more than a broken link when entries were removed.
#pragma once

#include "core/audit_entry.h"
#include "core/result.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>
#include <span>

namespace otter {

inline constexpr char kAuditEncodingVersion[] = "otter-audit-v1";

// Where a verified run of entries must start. A full log starts at the genesis; an export of a later range,
// or a check resumed from a trusted checkpoint, starts after a known entry; nullopt accepts whatever the
// first entry claims (its own consistency is still checked).
struct AuditChainStart
{
    std::optional<QByteArray> prevHash = QByteArray(kAuditHashSize, '\0');
    std::optional<qint64> seq = 1;

    static AuditChainStart genesis() { return {}; }
    static AuditChainStart anywhere() { return {std::nullopt, std::nullopt}; }
    static AuditChainStart after(qint64 seq, const QByteArray &hash) { return {hash, seq + 1}; }
};

enum class AuditProblem {
    Malformed,          // the entry or line cannot even be read or encoded
    ContentChanged,     // its hash does not match its contents
    SequenceGap,        // seq is higher than expected: entries removed (or reordered)
    SequenceOutOfOrder, // seq is lower than expected: entries duplicated or reordered
    LinkBroken,         // prevHash is not the hash of the entry before it
    TrailerMismatch,    // an export's trailer disagrees with its entries (count or chain head)
    HeadMismatch,       // the chain ends at a different head from the one the caller trusts
    MissingTrailer,     // an export ends without its trailer: truncated
    DataAfterTrailer,   // lines follow an export's trailer
    ReadError,          // the device could not be read, or a line exceeds the size limit
};

struct AuditChainFailure
{
    AuditProblem problem = AuditProblem::Malformed;
    qint64 index = -1;       // 0-based position among the entries checked, -1 if not about one entry
    qint64 seq = -1;         // the seq the bad entry carries, -1 if unreadable
    qint64 expectedSeq = -1; // the seq expected at that position, -1 if unknown
    qint64 line = 0;         // 1-based line of an export, 0 when not reading an export
    QString message;         // e.g. "entry 42: hash does not match its contents (the entry was changed)"
};

// The outcome of a verification: how far the chain is good, and the first failure if there is one.
struct AuditVerification
{
    qint64 count = 0;             // entries found good, in order, before any failure
    QByteArray head;              // hash of the last good entry, or the start prevHash when there is none
    qint64 firstSeq = -1;         // seq of the first good entry, -1 when count == 0
    qint64 lastSeq = -1;          // seq of the last good entry, -1 when count == 0
    bool startsAtGenesis = false; // the first entry has seq 1 and a zero prevHash
    std::optional<AuditChainFailure> failure;

    bool ok() const { return !failure.has_value(); }
    // One sentence for the operator: the failure message, or what was verified.
    QString summary() const;
    // Failure as an otter::Error (Tampered, or InvalidInput for unreadable data); success as ok.
    Result<void> toResult() const;
};

class AuditChain
{
public:
    static QByteArray genesisPrevHash() { return QByteArray(kAuditHashSize, '\0'); }

    // The version 1 encoding above. Fails (InvalidInput, TooLarge) for values the format cannot carry.
    // `canonicalDetails`, when given, receives the details field, saving callers a second parse.
    static Result<QByteArray> canonicalEncoding(const AuditEntry &entry,
                                                QByteArray *canonicalDetails = nullptr);

    // SHA-256(entry.prevHash ‖ canonical(entry)); entry.hash is ignored.
    static Result<QByteArray> computeHash(const AuditEntry &entry);

    // Makes `entry` the successor of the entry whose hash is `prevHash`: converts time to UTC, replaces
    // detailsJson by its canonical form (so what is stored is exactly what was hashed), sets prevHash and
    // hash. The caller assigns seq. On failure the entry is left unchanged.
    static Result<void> seal(AuditEntry &entry, const QByteArray &prevHash);

    // Verifies a run of entries in order; see the header comment for the checks and their order.
    static AuditVerification verify(std::span<const AuditEntry> entries, const AuditChainStart &start = {});
    static AuditVerification verify(const QList<AuditEntry> &entries, const AuditChainStart &start = {});

    // "YYYY-MM-DDTHH:MM:SS.mmmZ" of the UTC instant; empty for invalid times or years outside 1–9999.
    static QString timeText(const QDateTime &time);
    // The exact inverse of timeText(); anything else (other offsets, missing milliseconds) is rejected.
    static Result<QDateTime> parseTimeText(QStringView text);
};

// Verifies entries fed one at a time, keeping only the last hash and seq: constant memory for logs and
// exports of any length. After the first failure it ignores further entries.
class AuditChainVerifier
{
public:
    explicit AuditChainVerifier(const AuditChainStart &start = {});

    // Checks the next entry; false once the chain has failed. `line` (1-based, 0 = none) is only used in
    // messages and the failure record, for exports.
    bool add(const AuditEntry &entry, qint64 line = 0);

    // Records a failure that is not about one entry's chain checks (e.g. an unreadable export line, where
    // `index` is the position the unreadable entry would have had).
    void fail(AuditProblem problem, const QString &message, qint64 line = 0, qint64 index = -1);

    bool failed() const { return m_result.failure.has_value(); }
    qint64 nextIndex() const { return m_index; }
    // The seq the next entry must carry, when the start fixes it.
    std::optional<qint64> expectedSeq() const;
    const AuditVerification &result() const { return m_result; }

private:
    void failEntry(AuditProblem problem, const AuditEntry &entry, const QString &reason, qint64 line);

    AuditChainStart m_start;
    qint64 m_index = 0;
    AuditVerification m_result;
};

} // namespace otter
