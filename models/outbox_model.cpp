// The outbox as a table.
#include "models/outbox_model.h"

#include "models/outbox.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace otter::models {

OutboxModel::OutboxModel(const CacheDatabase &database, Outbox *outbox, QObject *parent)
    : CachedListModel(database,
                      {tr("Kind"), tr("Operation"), tr("Object"), tr("State"), tr("Message"), tr("Created")},
                      parent)
{
    if (outbox)
        connect(outbox, &Outbox::changed, this, &OutboxModel::refresh);
    refresh();
}

Result<QList<CachedListModel::Item>> OutboxModel::loadItems() const
{
    QList<Item> items;
    const Outbox reader(database());
    for (const OutboxEntry &entry : reader.entries())
        // Every row here is a draft, so rows are not marked as such; what changes an entry goes into the
        // comparison text instead.
        items.append(
            Item{QString::number(entry.id),
                 QVariant::fromValue(entry),
                 entry.baseRevision,
                 {},
                 {},
                 entry.id,
                 entry.state + entry.operation + entry.error + QString::fromUtf8(entry.payloadJson)});
    return items;
}

QVariant OutboxModel::cell(const Item &item, int column, int role) const
{
    const OutboxEntry &entry = recordOf<OutboxEntry>(item);
    if (role == Qt::ToolTipRole && !entry.error.isEmpty())
        return entry.error;
    if (role != Qt::DisplayRole)
        return {};
    switch (column) {
    case Kind:
        return entry.kind == u"window"  ? tr("Maintenance window")
               : entry.kind == u"group" ? tr("Group")
                                        : tr("Rollout");
    case Operation:
        return entry.operation;
    case Object: {
        const QString name = QJsonDocument::fromJson(entry.payloadJson).object().value("name"_L1).toString();
        return name.isEmpty() ? entry.objectId : name;
    }
    case State:
        return entry.state == u"conflict"   ? tr("Conflict")
               : entry.state == u"rejected" ? tr("Refused")
                                            : tr("Waiting");
    case Message:
        return entry.error;
    case Created:
        return entry.createdAt.toLocalTime();
    default:
        return {};
    }
}

} // namespace otter::models
