// Shared table logic of the small list models over the cache.
#include "models/cached_list_model.h"

#include "models/row_sync.h"

#include <QFont>
#include <QHash>
#include <QJsonDocument>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace otter::models {

CachedListModel::CachedListModel(const CacheDatabase &database, QStringList headers, QObject *parent)
    : QAbstractTableModel(parent)
    , m_database(database)
    , m_headers(std::move(headers))
{}

int CachedListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_items.size());
}

int CachedListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_headers.size());
}

QVariant CachedListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 ||
        section >= m_headers.size())
        return {};
    return m_headers.at(section);
}

QVariant CachedListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Item &item = m_items.at(index.row());
    const bool draft = !item.draftOperation.isEmpty();
    switch (role) {
    case IdRole:
        return item.id;
    case RecordRole:
        return item.record;
    case DraftRole:
        return draft;
    case DraftOperationRole:
        return item.draftOperation;
    case DraftStateRole:
        return item.draftState;
    case OutboxIdRole:
        return item.outboxId;
    case RevisionRole:
        return item.revision;
    case Qt::FontRole:
        if (draft) {
            QFont font;
            font.setItalic(true);
            font.setStrikeOut(item.draftOperation == u"delete");
            return font;
        }
        break;
    case Qt::ToolTipRole:
        if (draft) {
            if (item.draftState == u"conflict")
                return tr("Draft (%1) in conflict with the server's version; open the outbox to choose.")
                    .arg(item.draftOperation);
            if (item.draftState == u"rejected")
                return tr("Draft (%1) refused by the server; open the outbox to see why.")
                    .arg(item.draftOperation);
            return tr("Draft (%1) waiting in the outbox to be sent.").arg(item.draftOperation);
        }
        break;
    default:
        break;
    }
    return cell(item, index.column(), role);
}

void CachedListModel::refresh()
{
    auto loaded = loadItems();
    if (!loaded) {
        m_lastError = loaded.errorMessage();
        emit errorOccurred(m_lastError);
        return;
    }
    m_lastError.clear();
    QList<Item> fresh = std::move(loaded).value();
    QStringList currentIds;
    for (const Item &item : std::as_const(m_items))
        currentIds.append(item.id);
    QStringList freshIds;
    for (const Item &item : std::as_const(fresh))
        freshIds.append(item.id);

    RowSyncSink sink;
    sink.remove = [this](int first, int last) {
        beginRemoveRows({}, first, last);
        m_items.remove(first, last - first + 1);
        endRemoveRows();
    };
    sink.insert = [this, &fresh](int at, int freshFirst, int freshLast) {
        beginInsertRows({}, at, at + freshLast - freshFirst);
        for (int i = freshFirst; i <= freshLast; ++i)
            m_items.insert(at + i - freshFirst, fresh.at(i));
        endInsertRows();
    };
    sink.update = [this, &fresh](int row, int freshIndex) {
        Item &current = m_items[row];
        const Item &next = fresh.at(freshIndex);
        // Records are compared through their stored revision and draft state: both change with content.
        const bool same = current.revision == next.revision &&
                          current.draftOperation == next.draftOperation &&
                          current.draftState == next.draftState && current.outboxId == next.outboxId &&
                          current.draftPayload == next.draftPayload;
        current = next;
        return !same;
    };
    sink.changed = [this](int first, int last) {
        emit dataChanged(index(first, 0), index(last, int(m_headers.size()) - 1));
    };
    syncRows(currentIds, freshIds, sink);
}

Result<QList<CachedListModel::Item>> CachedListModel::loadBodies(const QString &table, const QString &orderBy,
                                                                 const Decoder &decode) const
{
    QSqlQuery q(m_database.connection());
    q.setForwardOnly(true);
    if (!q.exec(u"SELECT id, revision, body FROM %1 ORDER BY %2"_s.arg(table, orderBy)))
        return makeError(ErrorKind::Io,
                         describeSqlError(tr("Reading %1 from the cache").arg(table), q.lastError()));
    QList<Item> items;
    while (q.next()) {
        const auto record = decode(QJsonDocument::fromJson(q.value(2).toString().toUtf8()).object());
        if (!record)
            continue; // a row this build cannot read is left out rather than shown half
        items.append(Item{q.value(0).toString(), *record, q.value(1).toLongLong(), {}, {}, 0, {}});
    }
    return items;
}

Result<QList<CachedListModel::Item>> CachedListModel::withDrafts(QList<Item> items, const QString &kind,
                                                                 const Decoder &decode) const
{
    QSqlQuery q(m_database.connection());
    q.setForwardOnly(true);
    q.prepare(u"SELECT id, operation, object_id, payload, state FROM outbox WHERE kind = ? ORDER BY id"_s);
    q.addBindValue(kind);
    if (!q.exec())
        return makeError(ErrorKind::Io, describeSqlError(tr("Reading the outbox"), q.lastError()));
    QHash<QString, int> rowOf;
    for (int i = 0; i < items.size(); ++i)
        rowOf.insert(items.at(i).id, i);
    while (q.next()) {
        const QString operation = q.value(1).toString();
        const QString objectId = q.value(2).toString();
        const int row = rowOf.value(objectId, -1);
        const auto draft = operation == u"delete"
                               ? std::optional<QVariant>()
                               : decode(QJsonDocument::fromJson(q.value(3).toString().toUtf8()).object());
        if (row < 0) {
            if (!draft)
                continue; // deleting an object the cache no longer has: nothing to show
            rowOf.insert(objectId, int(items.size()));
            items.append(Item{objectId, *draft, 0, {}, {}, 0, {}});
        }
        Item &item = items[rowOf.value(objectId)];
        if (draft)
            item.record = *draft;
        item.draftOperation = operation;
        item.draftState = q.value(4).toString();
        item.outboxId = q.value(0).toLongLong();
        item.draftPayload = q.value(3).toString();
    }
    return items;
}

} // namespace otter::models
