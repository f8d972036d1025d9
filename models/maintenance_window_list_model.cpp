// Maintenance windows page: cached windows plus window drafts waiting in the outbox.
#include "models/maintenance_window_list_model.h"

#include "models/records_json.h"

#include <QLocale>
#include <QTime>

using namespace Qt::StringLiterals;

namespace otter::models {

namespace {

std::optional<QVariant> decodeWindow(const QJsonObject &json)
{
    const auto window = windowFromJson(json);
    return window ? std::optional<QVariant>(QVariant::fromValue(*window)) : std::nullopt;
}

QString scheduleText(const WindowRecord &window)
{
    if (!window.cronExpression.isEmpty())
        return MaintenanceWindowListModel::tr("cron %1").arg(window.cronExpression);
    QStringList days;
    for (int day : window.weekdays)
        days.append(QLocale().dayName(day, QLocale::ShortFormat));
    return MaintenanceWindowListModel::tr("%1 at %2")
        .arg(days.join(u", "_s), QTime(window.startHour, window.startMinute).toString(u"HH:mm"_s));
}

QString durationText(qint64 seconds)
{
    return MaintenanceWindowListModel::tr("%1 h %2 min").arg(seconds / 3600).arg((seconds % 3600) / 60);
}

} // namespace

MaintenanceWindowListModel::MaintenanceWindowListModel(const CacheDatabase &database, QObject *parent)
    : CachedListModel(database, {tr("Name"), tr("Time zone"), tr("Schedule"), tr("Duration"), tr("Changed")},
                      parent)
{
    refresh();
}

Result<QList<CachedListModel::Item>> MaintenanceWindowListModel::loadItems() const
{
    auto items = loadBodies(u"windows"_s, u"name, id"_s, decodeWindow);
    if (!items)
        return items;
    return withDrafts(std::move(items).value(), u"window"_s, decodeWindow);
}

QVariant MaintenanceWindowListModel::cell(const Item &item, int column, int role) const
{
    if (role != Qt::DisplayRole)
        return {};
    const WindowRecord &window = recordOf<WindowRecord>(item);
    switch (column) {
    case Name:
        return window.name;
    case TimeZone:
        return window.timeZone;
    case Schedule:
        return scheduleText(window);
    case Duration:
        return durationText(window.durationSeconds);
    case UpdatedAt:
        return window.updatedAt.isValid() ? QVariant(window.updatedAt.toLocalTime()) : QVariant();
    default:
        return {};
    }
}

} // namespace otter::models
