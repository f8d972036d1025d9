// CachedListModel: the shared base of the small list models (groups, windows, releases, keys, rollouts,
// audit, outbox): rows read from the cache, outbox drafts merged in, refresh() without a reset.
#pragma once

#include "models/cache_database.h"
#include "models/records.h"

#include <QAbstractTableModel>
#include <QJsonObject>

#include <functional>
#include <optional>

namespace otter::models {

class CachedListModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CachedListModel)

public:
    enum Role {
        IdRole = Qt::UserRole + 1, // QString: the object's id
        RecordRole,         // the record (GroupRecord, WindowRecord, …), draft version where one waits
        DraftRole,          // bool: an outbox draft waits for this row (also shown in italics)
        DraftOperationRole, // "create" | "update" | "delete", empty without a draft
        DraftStateRole,     // "queued" | "conflict" | "rejected", empty without a draft
        OutboxIdRole,       // qint64 outbox entry id, 0 without a draft
        RevisionRole,       // qint64: the cached (server) revision, 0 for a draft never sent
    };

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Re-reads the cache (and the outbox): changed rows get dataChanged, new ones are inserted, gone ones
    // removed. Call it when the CacheWorker applied a page or the Outbox changed.
    void refresh();
    QString lastError() const { return m_lastError; }

signals:
    void errorOccurred(const QString &message);

protected:
    struct Item
    {
        QString id;
        QVariant record;
        qint64 revision = 0;
        QString draftOperation;
        QString draftState;
        qint64 outboxId = 0;
        QString draftPayload; // the draft's JSON text: tells an edited draft from an unchanged one
    };
    using Decoder = std::function<std::optional<QVariant>(const QJsonObject &)>;

    // Subclasses call refresh() at the end of their constructor (the virtual calls need them complete).
    CachedListModel(const CacheDatabase &database, QStringList headers, QObject *parent);

    virtual Result<QList<Item>> loadItems() const = 0;
    // Display and other roles for one cell; the base answers the roles above, font and draft tooltips.
    virtual QVariant cell(const Item &item, int column, int role) const = 0;

    // Items from a table of (id, revision, body) rows holding records_json.h text, in orderBy order.
    Result<QList<Item>> loadBodies(const QString &table, const QString &orderBy, const Decoder &decode) const;
    // Overlays the outbox drafts of kind: an update replaces the row's record, a create is appended, a
    // delete only marks the row.
    Result<QList<Item>> withDrafts(QList<Item> items, const QString &kind, const Decoder &decode) const;

    const CacheDatabase &database() const { return m_database; }
    template<typename T>
    static const T &recordOf(const Item &item)
    {
        return *static_cast<const T *>(item.record.constData());
    }

private:
    CacheDatabase m_database;
    QStringList m_headers;
    QList<Item> m_items;
    QString m_lastError;
};

} // namespace otter::models
