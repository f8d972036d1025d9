// AuditChainStatus: what the audit page's banner says about the chain — the local check of the cache and
// otterd's own verdict (VerifyAuditChain) combined into one headline an operator can act on.
#pragma once

#include "models/audit_chain_check.h"

#include <QDateTime>
#include <QMetaType>
#include <QString>

#include <optional>

namespace otter::models {

// otterd's answer to VerifyAuditChain, as plain values.
struct AuditServerVerdict
{
    bool ok = false;
    qint64 checkedEntries = 0;
    qint64 firstBadSeq = 0;
    QString detail; // the server's sentence about the first bad entry
    qint64 headSeq = 0;
    QString headHash; // hex
    QDateTime verifiedAt;
};

struct AuditChainStatus
{
    enum class State { Unknown, Checking, Intact, Broken };
    State state = State::Unknown;
    QString headline; // "Chain intact — 12,345 entries, head 3f9a1c2d…" / "Chain broken at entry 812: …"
    QString detail;   // who checked what, and when the cache was synced
};

struct AuditChainInputs
{
    std::optional<AuditChainCheck> local; // the last finished local check
    bool localRunning = false;
    std::optional<AuditServerVerdict> server;
    QString serverError; // the verdict could not be obtained (offline, refused)
    QDateTime syncedAt;  // the cache's last sync; invalid when never synced
};

AuditChainStatus describeAuditChain(const AuditChainInputs &inputs);

// "3f9a1c2d…": enough of a hash to compare by eye.
QString shortHash(const QString &hex);

} // namespace otter::models

Q_DECLARE_METATYPE(otter::models::AuditServerVerdict)
