// checkCachedChain: streams the audit table through core's AuditChainVerifier in constant memory.
#include "models/audit_chain_check.h"

#include "core/audit_chain.h"
#include "models/audit_cache_reader.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace otter::models {

namespace {

// The resume point is only valid when the cache still holds that entry with that hash.
bool stillCached(const CacheDatabase &database, const AuditChainCheck &resume)
{
    if (resume.lastSeq == 0)
        return true;
    QSqlQuery q(database.connection());
    q.prepare(u"SELECT hash FROM audit WHERE seq = ?"_s);
    q.addBindValue(resume.lastSeq);
    return q.exec() && q.next() && q.value(0).toString() == resume.head;
}

// "entry 812: hash does not match…" → "hash does not match…": the banner names the entry itself.
QString reasonOf(const QString &message, qint64 seq)
{
    const QString prefix = u"entry %1: "_s.arg(seq);
    return message.startsWith(prefix) ? message.mid(prefix.size()) : message;
}

} // namespace

AuditChainCheck checkCachedChain(const CacheDatabase &database, const AuditChainCheck &resume,
                                 const std::function<bool()> &cancelled)
{
    if (resume.broken && stillCached(database, resume))
        return resume;
    AuditChainCheck base = stillCached(database, resume) && !resume.broken ? resume : AuditChainCheck{};
    const AuditChainStart start =
        base.lastSeq == 0 ? AuditChainStart::genesis()
                          : AuditChainStart::after(base.lastSeq, AuditCacheReader::hashBytes(base.head));
    AuditChainVerifier verifier(start);
    AuditCacheReader reader(database);
    AuditChainCheck result = base;
    result.checkedAt = QDateTime::currentDateTimeUtc();
    if (auto opened = reader.open({}, base.lastSeq); !opened) {
        result.error = opened.errorMessage();
        return result;
    }
    qint64 rows = 0;
    while (auto record = reader.next()) {
        if ((++rows & 1023) == 0 && cancelled && cancelled()) {
            result.cancelled = true;
            break;
        }
        if (!verifier.add(AuditCacheReader::toEntry(*record)))
            break;
    }
    if (!reader.error().isEmpty())
        result.error = reader.error();
    const AuditVerification &verification = verifier.result();
    result.count = base.count + verification.count;
    if (verification.count > 0) {
        result.lastSeq = verification.lastSeq;
        result.head = QString::fromLatin1(verification.head.toHex());
    } else if (base.lastSeq == 0) {
        result.head = QString(kAuditHashSize * 2, u'0');
    }
    if (verification.failure) {
        result.broken = true;
        result.brokenSeq =
            verification.failure->seq >= 0 ? verification.failure->seq : verification.failure->expectedSeq;
        result.reason = reasonOf(verification.failure->message, verification.failure->seq);
    }
    return result;
}

} // namespace otter::models
