// DeviceTableModel: the devices page's table over the offline cache, sorted and filtered in SQL and fetched
// in keyset pages so it stays smooth with a million cached devices.
#pragma once

#include "core/filter_error.h"
#include "core/filter_expression.h"
#include "models/cache_database.h"
#include "models/records.h"

#include <QAbstractTableModel>

#include <optional>

namespace otter::models {

class DeviceTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeviceTableModel)

public:
    enum Column {
        Id,
        HardwareClass,
        Region,
        FirmwareVersion,
        SecurityVersion,
        ActiveBank,
        State,
        LastSeen,
        Busy,
        ColumnCount
    };
    enum Role {
        DeviceIdRole = Qt::UserRole + 1, // QString
        RecordRole,                      // DeviceRecord
        SortValueRole,                   // the value the current sort column orders by, as stored
    };
    static constexpr int PageSize = 200;

    // Reads through the GUI thread's connection of an open cache; the first page is loaded at once.
    explicit DeviceTableModel(const CacheDatabase &database, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    // Ties are broken by id, so paging never repeats or skips a device. Resets the model.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }

    // A filter expression (core/filter_expression.h), empty for every device. An invalid one is refused with
    // its position for the editor and the previous filter stays applied; a valid one resets the model.
    std::optional<FilterError> setFilter(const QString &text);
    QString filterText() const { return m_filter.text(); }

    // Devices matching the filter in the whole cache (not just the fetched rows); counted on first call
    // after each change.
    qint64 matchingCount() const;

    // Re-reads the fetched rows after the cache changed, without a reset: changed rows get dataChanged, rows
    // that appeared or vanished inside the fetched range are inserted or removed, the rest stay put.
    void refresh();

    // The last SQL failure, empty when the last read worked.
    QString lastError() const { return m_lastError; }

signals:
    void errorOccurred(const QString &message);

private:
    struct Row
    {
        DeviceRecord record;
        QVariant key; // the sort column's stored value
    };
    enum class Bound { After, UpTo };

    QString sortColumnSql() const;
    // Rows matching the filter in sort order, after (or up to and including) the given row, at most limit.
    std::optional<QList<Row>> query(const Row *bound, Bound kind, int limit);
    void loadFirstPage();
    void applyRefreshed(QList<Row> fresh);
    void fail(const QString &message);

    CacheDatabase m_database;
    FilterExpression m_filter;
    SqlFragment m_filterSql;
    int m_sortColumn = Id;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    QList<Row> m_rows;
    bool m_atEnd = false;
    bool m_fetching = false;
    mutable qint64 m_matchingCount = -1;
    QString m_lastError;
};

} // namespace otter::models
