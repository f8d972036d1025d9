// Rollouts page: cached rollouts plus rollout drafts waiting in the outbox.
#include "models/rollout_list_model.h"

#include "models/records_json.h"
#include "models/release_versions.h"

#include <QLocale>
#include <QTime>

using namespace Qt::StringLiterals;

namespace otter::models {

namespace {

std::optional<QVariant> decodeRollout(const QJsonObject &json)
{
    const auto rollout = rolloutFromJson(json);
    return rollout ? std::optional<QVariant>(QVariant::fromValue(*rollout)) : std::nullopt;
}

} // namespace

RolloutListModel::RolloutListModel(const CacheDatabase &database, QObject *parent)
    : CachedListModel(database, {tr("Name"), tr("State"), tr("Release"), tr("Stage"), tr("Changed")}, parent)
{
    refresh();
}

Result<QList<CachedListModel::Item>> RolloutListModel::loadItems() const
{
    if (auto versions = loadReleaseVersions(database()))
        m_releaseVersions = std::move(versions).value();
    auto items = loadBodies(u"rollouts"_s, u"name, id"_s, decodeRollout);
    if (!items)
        return items;
    return withDrafts(std::move(items).value(), u"rollout"_s, decodeRollout);
}

QVariant RolloutListModel::cell(const Item &item, int column, int role) const
{
    if (role != Qt::DisplayRole)
        return {};
    const RolloutRecord &rollout = recordOf<RolloutRecord>(item);
    switch (column) {
    case Name:
        return rollout.name;
    case State:
        return rollout.state;
    case Release:
        return m_releaseVersions.value(rollout.releaseId, rollout.releaseId.left(12));
    case Stage:
        return rollout.stages.isEmpty() ? QVariant()
                                        : QVariant(RolloutListModel::tr("%1 of %2")
                                                       .arg(rollout.currentStage + 1)
                                                       .arg(rollout.stages.size()));
    case UpdatedAt:
        return rollout.updatedAt.isValid() ? QVariant(rollout.updatedAt.toLocalTime()) : QVariant();
    default:
        return {};
    }
}

} // namespace otter::models
