// Releases page: cached releases, newest version first.
#include "models/release_list_model.h"

#include "models/records_json.h"

#include <QLocale>
#include <QTime>

using namespace Qt::StringLiterals;

namespace otter::models {

ReleaseListModel::ReleaseListModel(const CacheDatabase &database, QObject *parent)
    : CachedListModel(
          database,
          {tr("Version"), tr("SVN"), tr("Hardware classes"), tr("Uploaded by"), tr("Uploaded"), tr("Id")},
          parent)
{
    refresh();
}

Result<QList<CachedListModel::Item>> ReleaseListModel::loadItems() const
{
    return loadBodies(u"releases"_s, u"version_key DESC, id"_s, [](const QJsonObject &json) {
        const auto release = releaseFromJson(json);
        return release ? std::optional<QVariant>(QVariant::fromValue(*release)) : std::nullopt;
    });
}

QVariant ReleaseListModel::cell(const Item &item, int column, int role) const
{
    if (role != Qt::DisplayRole)
        return {};
    const ReleaseRecord &release = recordOf<ReleaseRecord>(item);
    switch (column) {
    case Version:
        return release.version;
    case SecurityVersion:
        return qulonglong(release.securityVersion);
    case HardwareClasses:
        return release.hardwareClasses.join(u", "_s);
    case UploadedBy:
        return release.uploadedBy;
    case UploadedAt:
        return release.uploadedAt.isValid() ? QVariant(release.uploadedAt.toLocalTime()) : QVariant();
    case Id:
        return release.id;
    default:
        return {};
    }
}

} // namespace otter::models
