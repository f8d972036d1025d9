// One record of the audit log: who did what to which object, and its place in the hash chain.
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace otter {

// Limits chosen so that one entry always fits in one export line of bounded size (see audit_export.h).
inline constexpr int kAuditHashSize = 32;                       // SHA-256
inline constexpr qint64 kAuditMaxSeq = (qint64(1) << 53) - 1;   // exact in every JSON implementation
inline constexpr qsizetype kAuditMaxTextBytes = 64 * 1024;      // actor, action, object (UTF-8)
inline constexpr qsizetype kAuditMaxDetailsBytes = 1024 * 1024; // canonical details JSON

struct AuditEntry
{
    qint64 seq = 0;         // position in the log; the first entry of a log is 1
    QDateTime time;         // UTC, millisecond precision
    QString actor;          // operator name, or "system" for automatic actions
    QString action;         // e.g. "rollout.approve"
    QString object;         // e.g. "rollout/4f1c…"
    QByteArray detailsJson; // a JSON object; AuditChain::seal() stores its canonical form
    QByteArray prevHash;    // 32 raw bytes: hash of the entry before, zeros for the first entry
    QByteArray hash;        // 32 raw bytes: SHA-256(prevHash ‖ canonical encoding)

    bool operator==(const AuditEntry &) const = default;
};

} // namespace otter
