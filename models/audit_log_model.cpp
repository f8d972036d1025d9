// The audit page's list over the cached audit entries.
#include "models/audit_log_model.h"

#include <QSqlQuery>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace otter::models {

AuditLogModel::AuditLogModel(const CacheDatabase &database, QObject *parent)
    : CachedListModel(database, {tr("Seq"), tr("Time"), tr("Actor"), tr("Action"), tr("Object")}, parent)
{
    refresh();
}

Result<QList<CachedListModel::Item>> AuditLogModel::loadItems() const
{
    QSqlQuery q(database().connection());
    q.setForwardOnly(true);
    q.prepare(u"SELECT seq, time, actor, action, object, details, prev_hash, hash, revision FROM audit "
              u"ORDER BY seq DESC LIMIT ?"_s);
    q.addBindValue(MaxEntries);
    if (!q.exec())
        return makeError(ErrorKind::Io,
                         describeSqlError(tr("Reading the audit log from the cache"), q.lastError()));
    QList<Item> items;
    while (q.next()) {
        AuditRecord entry;
        entry.seq = q.value(0).toLongLong();
        entry.time = QDateTime::fromMSecsSinceEpoch(q.value(1).toLongLong(), QTimeZone::utc());
        entry.actor = q.value(2).toString();
        entry.action = q.value(3).toString();
        entry.object = q.value(4).toString();
        entry.detailsJson = q.value(5).toString();
        entry.prevHash = q.value(6).toString();
        entry.hash = q.value(7).toString();
        entry.revision = q.value(8).toLongLong();
        items.append(
            Item{QString::number(entry.seq), QVariant::fromValue(entry), entry.revision, {}, {}, 0, {}});
    }
    return items;
}

QVariant AuditLogModel::cell(const Item &item, int column, int role) const
{
    const AuditRecord &entry = recordOf<AuditRecord>(item);
    if (role == Qt::ToolTipRole)
        return entry.detailsJson;
    if (role != Qt::DisplayRole)
        return {};
    switch (column) {
    case Seq:
        return entry.seq;
    case Time:
        return entry.time.toLocalTime();
    case Actor:
        return entry.actor;
    case Action:
        return entry.action;
    case Object:
        return entry.object;
    default:
        return {};
    }
}

} // namespace otter::models
