// describeAuditChain: a broken verdict from either side wins; a cache and a server that disagree on the same
// entry's hash is reported as broken too, since one of the two copies was changed.
#include "models/audit_chain_status.h"

#include <QCoreApplication>
#include <QLocale>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace otter::models {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("otter::models::AuditChainStatus", text);
}

QString when(const QDateTime &time)
{
    return QLocale().toString(time.toLocalTime(), u"yyyy-MM-dd HH:mm:ss"_s);
}

QString serverReason(const AuditServerVerdict &server)
{
    const QString prefix = u"entry %1: "_s.arg(server.firstBadSeq);
    return server.detail.startsWith(prefix) ? server.detail.mid(prefix.size()) : server.detail;
}

} // namespace

QString shortHash(const QString &hex)
{
    return hex.size() > 8 ? hex.left(8) + u'…' : hex;
}

AuditChainStatus describeAuditChain(const AuditChainInputs &in)
{
    const QLocale locale;
    AuditChainStatus status;
    QStringList detail;

    const AuditChainCheck *local = in.local ? &*in.local : nullptr;
    const AuditServerVerdict *server = in.server ? &*in.server : nullptr;

    if (local && !local->error.isEmpty()) {
        detail.append(tr("The cache could not be checked: %1").arg(local->error));
    } else if (local && local->broken) {
        status.state = AuditChainStatus::State::Broken;
        status.headline = tr("Chain broken at entry %1: %2").arg(local->brokenSeq).arg(local->reason);
        detail.append(tr("Found by this console in its cache (%1 entries before it are intact).")
                          .arg(locale.toString(local->count)));
    } else if (local) {
        detail.append(tr("Cache verified by this console: %1 entries.").arg(locale.toString(local->count)));
    }
    if (in.localRunning)
        detail.append(tr("Checking the cached chain…"));

    if (server && !server->ok) {
        if (status.state != AuditChainStatus::State::Broken) {
            status.state = AuditChainStatus::State::Broken;
            status.headline =
                tr("Chain broken at entry %1: %2").arg(server->firstBadSeq).arg(serverReason(*server));
        }
        detail.append(tr("otterd reports entry %1 bad (checked at %2).")
                          .arg(server->firstBadSeq)
                          .arg(when(server->verifiedAt)));
    } else if (server) {
        detail.append(tr("otterd verified %1 entries, head %2 (at %3).")
                          .arg(locale.toString(server->checkedEntries), shortHash(server->headHash),
                               when(server->verifiedAt)));
        if (local && !local->broken && local->error.isEmpty() && local->lastSeq == server->headSeq &&
            !server->headHash.isEmpty() && local->head != server->headHash) {
            status.state = AuditChainStatus::State::Broken;
            status.headline = tr("Chain broken at entry %1: the cache and otterd hold different entries")
                                  .arg(server->headSeq);
        }
    }
    // Also beside an older verdict: it stays as what otterd said then, but cannot be renewed now.
    if (!in.serverError.isEmpty()) {
        QString why = in.serverError;
        if (why.endsWith(u'.'))
            why.chop(1);
        detail.append(tr("otterd's verdict: %1.").arg(why));
    }

    if (status.state != AuditChainStatus::State::Broken) {
        if (local && local->error.isEmpty()) {
            status.state = AuditChainStatus::State::Intact;
            status.headline = local->count == 0
                                  ? tr("No audit entries cached yet")
                                  : tr("Chain intact — %1 entries, head %2")
                                        .arg(locale.toString(local->count), shortHash(local->head));
        } else if (in.localRunning) {
            status.state = AuditChainStatus::State::Checking;
            status.headline = tr("Checking the audit chain…");
        } else {
            status.headline = tr("Chain not verified yet");
        }
    }
    detail.append(in.syncedAt.isValid() ? tr("Cache synced %1.").arg(when(in.syncedAt))
                                        : tr("The cache has never been synced."));
    status.detail = detail.join(u' ');
    return status;
}

} // namespace otter::models
