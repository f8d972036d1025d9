// The devices table: SQL sort and filter, keyset pages, refresh without reset.
#include "models/device_table_model.h"

#include "models/device_row.h"
#include "models/row_sync.h"

#include <QScopedValueRollback>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace otter::models {

namespace {

bool sameContent(const DeviceRecord &a, const DeviceRecord &b)
{
    return a.revision == b.revision && a.hardwareClass == b.hardwareClass && a.region == b.region &&
           a.labels == b.labels && a.firmwareVersion == b.firmwareVersion &&
           a.securityVersion == b.securityVersion && a.activeBank == b.activeBank &&
           a.inactiveBankVersion == b.inactiveBankVersion && a.state == b.state && a.lastSeen == b.lastSeen &&
           a.busy == b.busy && a.currentDeploymentId == b.currentDeploymentId;
}

} // namespace

DeviceTableModel::DeviceTableModel(const CacheDatabase &database, QObject *parent)
    : QAbstractTableModel(parent)
    , m_database(database)
    , m_filterSql(m_filter.toSql())
{
    loadFirstPage();
}

int DeviceTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int DeviceTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DeviceTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    const DeviceRecord &device = row.record;
    switch (role) {
    case DeviceIdRole:
        return device.id;
    case RecordRole:
        return QVariant::fromValue(device);
    case SortValueRole:
        return row.key;
    case Qt::TextAlignmentRole:
        if (index.column() == SecurityVersion)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ToolTipRole: {
        QStringList labels;
        for (auto it = device.labels.cbegin(); it != device.labels.cend(); ++it)
            labels.append(it.key() + u'=' + it.value());
        return labels.isEmpty() ? device.id : tr("%1\nLabels: %2").arg(device.id, labels.join(u", "_s));
    }
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (index.column()) {
    case Id:
        return device.id;
    case HardwareClass:
        return device.hardwareClass;
    case Region:
        return device.region;
    case FirmwareVersion:
        return device.firmwareVersion;
    case SecurityVersion:
        return qulonglong(device.securityVersion);
    case ActiveBank:
        return device.activeBank;
    case State:
        return device.state;
    case LastSeen:
        return device.lastSeen.isValid() ? QVariant(device.lastSeen.toLocalTime()) : QVariant(tr("never"));
    case Busy:
        return device.busy ? tr("Yes") : tr("No");
    default:
        return {};
    }
}

QVariant DeviceTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Id:
        return tr("Device");
    case HardwareClass:
        return tr("Class");
    case Region:
        return tr("Region");
    case FirmwareVersion:
        return tr("Version");
    case SecurityVersion:
        return tr("SVN");
    case ActiveBank:
        return tr("Bank");
    case State:
        return tr("State");
    case LastSeen:
        return tr("Last seen");
    case Busy:
        return tr("Busy");
    default:
        return {};
    }
}

QString DeviceTableModel::sortColumnSql() const
{
    switch (m_sortColumn) {
    case HardwareClass:
        return u"hardware_class"_s;
    case Region:
        return u"region"_s;
    case FirmwareVersion:
        return u"version_key"_s; // semver precedence, not text order
    case SecurityVersion:
        return u"security_version"_s;
    case ActiveBank:
        return u"bank"_s;
    case State:
        return u"state"_s;
    case LastSeen:
        return u"last_seen"_s;
    case Busy:
        return u"busy"_s;
    default:
        return u"id"_s;
    }
}

std::optional<QList<DeviceTableModel::Row>> DeviceTableModel::query(const Row *bound, Bound kind, int limit)
{
    const QString column = sortColumnSql();
    const bool byId = column == u"id";
    const bool ascending = m_sortOrder == Qt::AscendingOrder;
    QString sql = u"SELECT "_s + DeviceRow::columnList() + u", "_s + column + u" FROM devices WHERE ("_s +
                  m_filterSql.sql + u')';
    QVariantList params = m_filterSql.params;
    if (bound) {
        // Keyset paging: continue after (or stop at) the bound's (sort value, id), never OFFSET.
        const bool greater = (kind == Bound::After) == ascending;
        const QString op = kind == Bound::After ? (greater ? u">"_s : u"<"_s) : (greater ? u">="_s : u"<="_s);
        if (byId) {
            sql += u" AND id "_s + op + u" ?"_s;
        } else {
            sql += u" AND ("_s + column + u", id) "_s + op + u" (?, ?)"_s;
            params.append(bound->key);
        }
        params.append(bound->record.id);
    }
    const QString direction = ascending ? u" ASC"_s : u" DESC"_s;
    sql += u" ORDER BY "_s + (byId ? QString() : column + direction + u", "_s) + u"id"_s + direction;
    sql += u" LIMIT ?"_s;
    params.append(limit);

    QSqlQuery q(m_database.connection());
    q.setForwardOnly(true);
    if (!q.prepare(sql)) {
        fail(describeSqlError(tr("Reading devices from the cache"), q.lastError()));
        return std::nullopt;
    }
    for (const QVariant &param : std::as_const(params))
        q.addBindValue(param);
    if (!q.exec()) {
        fail(describeSqlError(tr("Reading devices from the cache"), q.lastError()));
        return std::nullopt;
    }
    QList<Row> rows;
    rows.reserve(qMin(limit, PageSize * 4));
    const int keyColumn = DeviceRow::columnCount();
    while (q.next())
        rows.append(Row{DeviceRow::read(q, 0), q.value(keyColumn)});
    m_lastError.clear();
    return rows;
}

void DeviceTableModel::fail(const QString &message)
{
    m_lastError = message;
    emit errorOccurred(message);
}

void DeviceTableModel::loadFirstPage()
{
    m_matchingCount = -1;
    auto rows = query(nullptr, Bound::After, PageSize);
    m_rows = rows ? std::move(*rows) : QList<Row>();
    m_atEnd = !rows || m_rows.size() < PageSize;
}

bool DeviceTableModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_atEnd && !m_fetching;
}

void DeviceTableModel::fetchMore(const QModelIndex &parent)
{
    // Views and testers may ask for more from inside the insert signals; the page is not stored until after.
    if (parent.isValid() || m_atEnd || m_fetching)
        return;
    const QScopedValueRollback fetching(m_fetching, true);
    auto rows = m_rows.isEmpty() ? query(nullptr, Bound::After, PageSize)
                                 : query(&m_rows.constLast(), Bound::After, PageSize);
    if (!rows) {
        m_atEnd = true;
        return;
    }
    m_atEnd = rows->size() < PageSize;
    if (rows->isEmpty())
        return;
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + rows->size() - 1));
    m_rows.append(std::move(*rows));
    endInsertRows();
}

void DeviceTableModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= ColumnCount || (column == m_sortColumn && order == m_sortOrder))
        return;
    // No fetching from inside the reset's own notifications: the first page is already there.
    const QScopedValueRollback fetching(m_fetching, true);
    beginResetModel();
    m_sortColumn = column;
    m_sortOrder = order;
    loadFirstPage();
    endResetModel();
}

std::optional<FilterError> DeviceTableModel::setFilter(const QString &text)
{
    FilterError error;
    auto parsed = FilterExpression::parse(text, &error);
    if (!parsed)
        return error;
    if (parsed->canonicalText() == m_filter.canonicalText()) {
        m_filter = std::move(parsed).value(); // same meaning: keep the rows, remember the spelling
        return std::nullopt;
    }
    const QScopedValueRollback fetching(m_fetching, true);
    beginResetModel();
    m_filter = std::move(parsed).value();
    m_filterSql = m_filter.toSql();
    loadFirstPage();
    endResetModel();
    return std::nullopt;
}

qint64 DeviceTableModel::matchingCount() const
{
    if (m_matchingCount >= 0)
        return m_matchingCount;
    QSqlQuery q(m_database.connection());
    q.setForwardOnly(true);
    q.prepare(u"SELECT COUNT(*) FROM devices WHERE ("_s + m_filterSql.sql + u')');
    for (const QVariant &param : m_filterSql.params)
        q.addBindValue(param);
    if (!q.exec() || !q.next())
        return 0;
    m_matchingCount = q.value(0).toLongLong();
    return m_matchingCount;
}

void DeviceTableModel::refresh()
{
    m_matchingCount = -1;
    // Re-read the same stretch of the order: up to the last fetched row (or everything when all was fetched),
    // with room for a page of newcomers; the rows beyond stay for fetchMore.
    const int limit = int(m_rows.size()) + PageSize;
    auto fresh = m_atEnd || m_rows.isEmpty() ? query(nullptr, Bound::After, limit)
                                             : query(&m_rows.constLast(), Bound::UpTo, limit);
    if (!fresh)
        return;
    const bool hitLimit = fresh->size() >= limit;
    const QScopedValueRollback fetching(m_fetching,
                                        true); // the rows are only right once all signals went out
    applyRefreshed(std::move(*fresh));
    m_atEnd = m_atEnd && !hitLimit;
}

void DeviceTableModel::applyRefreshed(QList<Row> fresh)
{
    QStringList currentIds;
    currentIds.reserve(m_rows.size());
    for (const Row &row : std::as_const(m_rows))
        currentIds.append(row.record.id);
    QStringList freshIds;
    freshIds.reserve(fresh.size());
    for (const Row &row : std::as_const(fresh))
        freshIds.append(row.record.id);

    RowSyncSink sink;
    sink.remove = [this](int first, int last) {
        beginRemoveRows({}, first, last);
        m_rows.remove(first, last - first + 1);
        endRemoveRows();
    };
    sink.insert = [this, &fresh](int at, int freshFirst, int freshLast) {
        beginInsertRows({}, at, at + freshLast - freshFirst);
        m_rows.insert(at, freshLast - freshFirst + 1, Row{});
        for (int i = freshFirst; i <= freshLast; ++i)
            m_rows[at + i - freshFirst] = fresh.at(i);
        endInsertRows();
    };
    sink.update = [this, &fresh](int row, int freshIndex) {
        Row &current = m_rows[row];
        const Row &next = fresh.at(freshIndex);
        if (sameContent(current.record, next.record))
            return false;
        current = next;
        return true;
    };
    sink.changed = [this](int first, int last) {
        emit dataChanged(index(first, 0), index(last, ColumnCount - 1));
    };
    syncRows(currentIds, freshIds, sink);
}

} // namespace otter::models
