// AuditLogModel: the audit page's table over the cached log, newest first, filtered in SQL and fetched in
// keyset pages by seq, so that it stays smooth with millions of cached entries.
#pragma once

#include "models/audit_filter.h"
#include "models/cache_database.h"
#include "models/cached_list_model.h"
#include "models/records.h"

#include <QAbstractTableModel>

namespace otter::models {

class BackgroundTask;

// RecordRole gives the row's AuditRecord (the pages' shared role value, see ui/pages/page_roles.h).
class AuditLogModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuditLogModel)

public:
    enum Column { Seq, Time, Actor, Action, Object, ColumnCount };
    enum Role {
        SeqRole = CachedListModel::IdRole, // qint64
        RecordRole = CachedListModel::RecordRole,
    };
    static constexpr int PageSize = 200;

    // Reads through the GUI thread's connection of an open cache; the first page is loaded at once.
    explicit AuditLogModel(const CacheDatabase &database, QObject *parent = nullptr);
    ~AuditLogModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    // Applies a filter (resetting the model) unless it has a problem, which is returned and leaves the
    // previous filter applied.
    QString setFilter(const AuditFilter &filter);
    AuditFilter filter() const { return m_filter; }

    // Counts over the whole cache, made on a worker thread after each filter change and refresh; -1 while
    // counting a new filter. countsChanged() follows each count.
    qint64 matchingCount() const { return m_matching; }
    qint64 totalCount() const { return m_total; }

    // New entries (the log only grows) are inserted at the top without a reset; a cache that was cleared or
    // replaced resets the model.
    void refresh();

    QString lastError() const { return m_lastError; }

signals:
    void countsChanged(qint64 matching, qint64 total);
    void errorOccurred(const QString &message);

private:
    // Matching rows with seq below `beforeSeq` (or above `afterSeq`), newest first, at most limit.
    std::optional<QList<AuditRecord>> query(qint64 beforeSeq, qint64 afterSeq, int limit);
    void loadFirstPage();
    void recount();
    void startCount();
    void fail(const QString &message);

    CacheDatabase m_database;
    AuditFilter m_filter;
    QList<AuditRecord> m_rows;
    bool m_atEnd = false;
    bool m_fetching = false;
    qint64 m_matching = -1;
    qint64 m_total = -1;
    quint64 m_countGeneration = 0;
    BackgroundTask *m_counting = nullptr;
    bool m_recountPending = false;
    QString m_lastError;
};

} // namespace otter::models
