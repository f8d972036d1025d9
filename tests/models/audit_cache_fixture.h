// Test helpers for the audit page and exports: a sealed, realistic audit chain (with commas, quotes, line
// breaks and non-ASCII text in it) stored into a cache file the way a sync stores it.
#pragma once

#include "core/audit_chain.h"
#include "models/audit_cache_reader.h"
#include "models/cache_store.h"
#include "models/records.h"
#include "models/records_json.h"

#include <QJsonDocument>
#include <QTimeZone>

namespace otter::models::test {

using namespace Qt::StringLiterals;

inline QDateTime auditBaseTime()
{
    return QDateTime(QDate(2026, 3, 2), QTime(8, 0), QTimeZone::utc());
}

// Entry seq happens at base + seq minutes; actors, actions and objects cycle so that filters are checkable.
inline QList<AuditRecord> sealedAuditRecords(int count, qint64 firstRevision = 1)
{
    static const QString actors[] = {u"olga"_s, u"abe"_s, u"system"_s, u"device:gw-0001"_s};
    static const QString actions[] = {u"rollout.create"_s, u"rollout.approve"_s, u"rollout.start"_s,
                                      u"rollout.auto_pause"_s, u"group.create"_s};
    QList<AuditRecord> records;
    QByteArray prev = AuditChain::genesisPrevHash();
    for (int seq = 1; seq <= count; ++seq) {
        AuditEntry entry;
        entry.seq = seq;
        entry.time = auditBaseTime().addSecs(60LL * seq);
        entry.actor = actors[seq % 4];
        entry.action = actions[seq % 5];
        // Group objects carry a comma, quotes and a line break: CSV quoting must hold them.
        entry.object = entry.action.startsWith(u"group.") ? u"group/g-%1 \"eu, west\"\nline 2"_s.arg(seq % 3)
                                                          : u"rollout/r-%1"_s.arg(seq % 2);
        entry.detailsJson =
            QJsonDocument(QJsonObject{{u"comment"_s, u"step %1, \"canary\"\nsecond line — ü"_s.arg(seq)},
                                      {u"stage"_s, seq % 5}})
                .toJson(QJsonDocument::Compact);
        if (!AuditChain::seal(entry, prev))
            qFatal("cannot seal audit entry %d", seq);
        prev = entry.hash;
        records.append(AuditCacheReader::toRecord(entry, firstRevision + seq - 1));
    }
    return records;
}

inline RolloutRecord auditRollout(const QString &id, const QString &name, const QString &state)
{
    RolloutRecord rollout;
    rollout.id = id;
    rollout.name = name;
    rollout.state = state;
    rollout.revision = 1;
    if (state == u"PAUSED") {
        rollout.autoPaused = true;
        rollout.paused = {u"system"_s, auditBaseTime(), u"failure rate 12% above 5%"_s};
    }
    return rollout;
}

inline Result<void> storeAudit(const CacheDatabase &database, const QList<AuditRecord> &records,
                               const QList<RolloutRecord> &rollouts = {})
{
    ChangeBatch batch;
    batch.auditEntries = records;
    batch.rollouts = rollouts;
    batch.currentRevision = records.isEmpty() ? 1 : records.last().revision;
    batch.complete = true;
    return CacheStore(database).apply(batch);
}

} // namespace otter::models::test
