// Groups page: cached groups plus group drafts waiting in the outbox.
#include "models/group_list_model.h"

#include "models/records_json.h"

#include <QLocale>
#include <QTime>

using namespace Qt::StringLiterals;

namespace otter::models {

namespace {

std::optional<QVariant> decodeGroup(const QJsonObject &json)
{
    const auto group = groupFromJson(json);
    return group ? std::optional<QVariant>(QVariant::fromValue(*group)) : std::nullopt;
}

} // namespace

GroupListModel::GroupListModel(const CacheDatabase &database, QObject *parent)
    : CachedListModel(database,
                      {tr("Name"), tr("Members"), tr("Description"), tr("Changed by"), tr("Changed")}, parent)
{
    refresh();
}

Result<QList<CachedListModel::Item>> GroupListModel::loadItems() const
{
    auto items = loadBodies(u"groups"_s, u"name, id"_s, decodeGroup);
    if (!items)
        return items;
    return withDrafts(std::move(items).value(), u"group"_s, decodeGroup);
}

QVariant GroupListModel::cell(const Item &item, int column, int role) const
{
    if (role != Qt::DisplayRole)
        return {};
    const GroupRecord &group = recordOf<GroupRecord>(item);
    switch (column) {
    case Name:
        return group.name;
    case Membership:
        return group.filter
                   ? GroupListModel::tr("filter: %1")
                         .arg(group.filter->isEmpty() ? GroupListModel::tr("every device") : *group.filter)
                   : GroupListModel::tr("%n device(s)", nullptr, int(group.staticMembers.size()));
    case Description:
        return group.description;
    case UpdatedBy:
        return group.updatedBy;
    case UpdatedAt:
        return group.updatedAt.isValid() ? QVariant(group.updatedAt.toLocalTime()) : QVariant();
    default:
        return {};
    }
}

} // namespace otter::models
