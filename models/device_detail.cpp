// Reading one device and its group memberships from the cache.
#include "models/device_detail.h"

#include "core/filter_expression.h"
#include "models/device_row.h"
#include "models/records_json.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace otter::models {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("otter::models::DeviceDetail", text);
}

otter::DeviceRecord filterView(const DeviceRecord &device)
{
    otter::DeviceRecord view;
    view.id = device.id;
    view.hardwareClass = device.hardwareClass;
    view.region = device.region;
    view.firmwareVersion = device.firmwareVersion;
    view.securityVersion = qint64(device.securityVersion);
    view.bank = device.activeBank;
    view.state = DeviceRow::stateForCache(device.state);
    view.busy = device.busy;
    view.labels = device.labels;
    return view;
}

} // namespace

Result<DeviceRecord> loadDevice(const CacheDatabase &database, const QString &id)
{
    QSqlQuery query(database.connection());
    query.prepare(u"SELECT "_s + DeviceRow::columnList() + u" FROM devices WHERE id = ?"_s);
    query.addBindValue(id);
    if (!query.exec())
        return makeError(ErrorKind::Io,
                         describeSqlError(tr("Reading device %1 from the cache").arg(id), query.lastError()));
    if (!query.next())
        return makeError(
            ErrorKind::NotFound,
            tr("Device %1 is not in the cache; it may have been removed on the server.").arg(id));
    return DeviceRow::read(query);
}

Result<DeviceDetail> loadDeviceDetail(const CacheDatabase &database, const QString &id)
{
    auto device = loadDevice(database, id);
    if (!device)
        return device.error();
    DeviceDetail detail{std::move(device).value(), {}};
    const otter::DeviceRecord view = filterView(detail.device);
    QSqlQuery query(database.connection());
    if (!query.exec(u"SELECT body FROM groups ORDER BY name, id"_s))
        return makeError(ErrorKind::Io,
                         describeSqlError(tr("Reading groups from the cache"), query.lastError()));
    while (query.next()) {
        const auto group =
            groupFromJson(QJsonDocument::fromJson(query.value(0).toString().toUtf8()).object());
        if (!group)
            continue;
        bool member = group->staticMembers.contains(id);
        if (group->filter) {
            const auto filter = FilterExpression::parse(*group->filter);
            member = filter && filter->matches(view);
        }
        if (member)
            detail.groups.append(*group);
    }
    return detail;
}

} // namespace otter::models
