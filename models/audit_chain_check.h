// Local verification of the cached audit chain: from the first entry, or resumed after the entries an
// earlier check already found good, so that each sync only costs the new entries.
#pragma once

#include "models/cache_database.h"

#include <QDateTime>
#include <QMetaType>
#include <QString>

#include <functional>

namespace otter::models {

struct AuditChainCheck
{
    qint64 count = 0;   // entries found good from the start of the log
    qint64 lastSeq = 0; // seq of the last good entry, 0 when none
    QString head;       // hex hash of the last good entry (64 zeros when none)
    bool broken = false;
    qint64 brokenSeq = -1; // the first bad entry's seq
    QString reason;        // why it is bad, e.g. "hash does not match its contents (the entry was changed)"
    QString error;         // the cache could not be read (not a verdict on the chain)
    bool cancelled = false;
    QDateTime checkedAt;
};

// Verifies the cache's entries after `resume` (a default AuditChainCheck starts at the genesis). A broken
// result is final; a resume point that no longer matches the cache (cleared, re-synced) starts over.
AuditChainCheck checkCachedChain(const CacheDatabase &database, const AuditChainCheck &resume = {},
                                 const std::function<bool()> &cancelled = {});

} // namespace otter::models

Q_DECLARE_METATYPE(otter::models::AuditChainCheck)
