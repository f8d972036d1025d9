// Device list queries. Every order has an index on (column, id), so a page is one index range scan from the
// keyset onwards: `WHERE (column, id) > (?, ?) ORDER BY column, id LIMIT n`, never OFFSET. last_seen is
// NULL for devices that never checked in; row values compare NULL as unknown, so those devices are read as
// a segment of their own (first when ascending, last when descending, as SQLite orders NULLs).
#include "backend/storage/device_queries.h"

#include "backend/storage/device_queries_rows.h"
#include "backend/storage/device_records.h"

#include <QHash>

#include <algorithm>

namespace otter::backend {
namespace {

QLatin1StringView columnOf(DeviceSortKey key)
{
    switch (key) {
    case DeviceSortKey::Id:
        break;
    case DeviceSortKey::HardwareClass:
        return QLatin1StringView("hardware_class");
    case DeviceSortKey::Region:
        return QLatin1StringView("region");
    case DeviceSortKey::FirmwareVersion:
        return QLatin1StringView("firmware_version");
    case DeviceSortKey::SecurityVersion:
        return QLatin1StringView("security_version");
    case DeviceSortKey::State:
        return QLatin1StringView("state");
    case DeviceSortKey::LastSeen:
        return QLatin1StringView("last_seen");
    }
    return QLatin1StringView("id");
}

// Position of the sort column in DeviceColumns, to take the keyset from the last row of a page.
int resultColumnOf(DeviceSortKey key)
{
    switch (key) {
    case DeviceSortKey::Id:
        return 0;
    case DeviceSortKey::HardwareClass:
        return 1;
    case DeviceSortKey::Region:
        return 2;
    case DeviceSortKey::FirmwareVersion:
        return 4;
    case DeviceSortKey::SecurityVersion:
        return 5;
    case DeviceSortKey::State:
        return 8;
    case DeviceSortKey::LastSeen:
        return 10;
    }
    return 0;
}

bool isIntegerKey(DeviceSortKey key)
{
    return key == DeviceSortKey::SecurityVersion || key == DeviceSortKey::LastSeen;
}

// One index range: a condition on the sort column, its keyset parameters and its ORDER BY.
struct Segment
{
    QString condition;
    QVariantList params;
    QString order;
};

QList<Segment> segmentsOf(const DeviceListQuery &query)
{
    const QString direction = query.descending ? QStringLiteral(" DESC") : QString();
    const QString beyond = query.descending ? QStringLiteral(" < ") : QStringLiteral(" > ");
    const auto &after = query.after;
    if (query.sortKey == DeviceSortKey::Id) {
        if (!after)
            return {{QString(), {}, QStringLiteral("id") + direction}};
        return {{QStringLiteral("id") + beyond + u'?', {after->id}, QStringLiteral("id") + direction}};
    }
    const QString column = columnOf(query.sortKey);
    const QString order = column + direction + QStringLiteral(", id") + direction;
    const auto valueSegment = [&](bool fromKeyset) {
        Segment segment{column + QStringLiteral(" IS NOT NULL"), {}, order};
        if (fromKeyset) {
            segment.condition += QStringLiteral(" AND (") + column + QStringLiteral(", id)") + beyond +
                                 QStringLiteral("(?, ?)");
            segment.params = {after->key, after->id};
        }
        return segment;
    };
    if (query.sortKey != DeviceSortKey::LastSeen)
        return {valueSegment(after.has_value())};
    const auto nullSegment = [&](bool fromKeyset) {
        Segment segment{QStringLiteral("last_seen IS NULL"), {}, QStringLiteral("id") + direction};
        if (fromKeyset) {
            segment.condition += QStringLiteral(" AND id") + beyond + u'?';
            segment.params = {after->id};
        }
        return segment;
    };
    const bool afterNull = after && after->key.isNull();
    if (!query.descending) {
        if (!after || afterNull)
            return {nullSegment(afterNull), valueSegment(false)};
        return {valueSegment(true)};
    }
    if (afterNull)
        return {nullSegment(true)};
    return {valueSegment(after.has_value()), nullSegment(false)};
}

const char *selectDeviceById()
{
    static const QByteArray sql =
        QByteArray("SELECT ") + DeviceColumns + QByteArray(" FROM devices WHERE id = ?");
    return sql.constData();
}

void sortByCount(QList<std::pair<QString, qint64>> &counts)
{
    std::sort(counts.begin(), counts.end(), [](const auto &a, const auto &b) {
        return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
}

QList<std::pair<QString, qint64>> toList(const QHash<QString, qint64> &hash)
{
    QList<std::pair<QString, qint64>> list;
    list.reserve(hash.size());
    for (auto it = hash.begin(); it != hash.end(); ++it)
        list.append({it.key(), it.value()});
    sortByCount(list);
    return list;
}

} // namespace

FilterSqlColumns deviceFilterColumns()
{
    FilterSqlColumns columns;
    columns.bank = QStringLiteral("active_bank"); // the only field whose column name differs
    return columns;
}

void bindFilterValue(SqliteStatement &statement, int index, const QVariant &value)
{
    switch (value.typeId()) {
    case QMetaType::UnknownType:
        statement.bindNull(index);
        break;
    case QMetaType::Bool:
        statement.bind(index, value.toBool());
        break;
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
        statement.bind(index, value.toLongLong());
        break;
    case QMetaType::Double:
        statement.bind(index, value.toDouble());
        break;
    default:
        statement.bind(index, value.toString());
        break;
    }
}

Result<std::optional<DeviceKeyset>> listDevices(SqliteConnection &connection, const DeviceListQuery &query,
                                                google::protobuf::RepeatedPtrField<v1::Device> *out)
{
    const int limit = qMax(1, query.limit);
    out->Reserve(out->size() + limit);
    int produced = 0;
    bool more = false;
    DeviceKeyset last;
    for (const Segment &segment : segmentsOf(query)) {
        // The text repeats page after page, so the connection's statement cache compiles it once.
        QString sql = QStringLiteral("SELECT ") + QLatin1StringView(DeviceColumns) +
                      QStringLiteral(" FROM devices WHERE (") + query.filter.sql + u')';
        if (!segment.condition.isEmpty())
            sql += QStringLiteral(" AND ") + segment.condition;
        sql += QStringLiteral(" ORDER BY ") + segment.order + QStringLiteral(" LIMIT ?");
        auto statement = connection.prepareDynamic(sql);
        if (!statement)
            return statement.error();
        int index = 1;
        for (const QVariant &value : query.filter.params)
            bindFilterValue(*statement, index++, value);
        for (const QVariant &value : segment.params)
            bindFilterValue(*statement, index++, value);
        statement->bind(index, qint64(limit + 1 - produced)); // one row more tells whether a page follows
        while (statement->next()) {
            if (produced == limit) {
                more = true;
                break;
            }
            readDeviceRow(statement->handle(), out->Add());
            if (++produced == limit) {
                const int column = resultColumnOf(query.sortKey);
                last.id = statement->text(0);
                if (statement->isNull(column))
                    last.key = QVariant();
                else if (isIntegerKey(query.sortKey))
                    last.key = statement->int64(column);
                else
                    last.key = statement->text(column);
            }
        }
        if (statement->failed())
            return statement->error();
        if (more)
            break;
    }
    if (!more)
        return std::optional<DeviceKeyset>();
    return std::optional<DeviceKeyset>(last);
}

Result<qint64> countDevices(SqliteConnection &connection, const SqlFragment &filter)
{
    auto statement =
        connection.prepareDynamic(QStringLiteral("SELECT COUNT(*) FROM devices WHERE (%1)").arg(filter.sql));
    if (!statement)
        return statement.error();
    int index = 1;
    for (const QVariant &value : filter.params)
        bindFilterValue(*statement, index++, value);
    if (!statement->next())
        return statement->failed() ? Result<qint64>(statement->error()) : Result<qint64>(qint64(0));
    return statement->int64(0);
}

Result<std::optional<v1::Device>> findDevice(SqliteConnection &connection, const QString &id)
{
    auto statement = connection.prepare(selectDeviceById());
    if (!statement)
        return statement.error();
    statement->bind(1, id);
    if (!statement->next()) {
        if (statement->failed())
            return statement->error();
        return std::optional<v1::Device>();
    }
    v1::Device device;
    readDeviceRow(statement->handle(), &device);
    return std::optional<v1::Device>(std::move(device));
}

Result<FleetCounts> countFleet(SqliteConnection &connection, const SqlFragment &filter,
                               qint64 offlineBeforeMs)
{
    // One pass over the matching rows, grouped by every dimension at once; the dimensions are then summed
    // apart. Far fewer groups than devices: versions × classes × states.
    auto statement = connection.prepareDynamic(
        QStringLiteral("SELECT firmware_version, hardware_class, state, busy, "
                       "(last_seen IS NULL OR last_seen < ?), COUNT(*) FROM devices WHERE (%1) "
                       "GROUP BY 1, 2, 3, 4, 5")
            .arg(filter.sql));
    if (!statement)
        return statement.error();
    statement->bind(1, offlineBeforeMs);
    int index = 2;
    for (const QVariant &value : filter.params)
        bindFilterValue(*statement, index++, value);
    FleetCounts counts;
    QHash<QString, qint64> versions;
    QHash<QString, qint64> classes;
    QHash<QString, qint64> states;
    while (statement->next()) {
        const qint64 count = statement->int64(5);
        versions[statement->text(0)] += count;
        classes[statement->text(1)] += count;
        states[statement->text(2)] += count;
        if (statement->int64(3) != 0)
            counts.busy += count;
        if (statement->int64(4) != 0)
            counts.offline += count;
        counts.total += count;
    }
    if (statement->failed())
        return statement->error();
    counts.byFirmwareVersion = toList(versions);
    counts.byHardwareClass = toList(classes);
    counts.byState = toList(states);
    return counts;
}

} // namespace otter::backend
