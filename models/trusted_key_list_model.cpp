// Trusted signing keys, active and revoked.
#include "models/trusted_key_list_model.h"

#include "models/records_json.h"

#include <QLocale>
#include <QTime>

using namespace Qt::StringLiterals;

namespace otter::models {

TrustedKeyListModel::TrustedKeyListModel(const CacheDatabase &database, QObject *parent)
    : CachedListModel(database, {tr("Name"), tr("Key id"), tr("State"), tr("Added by"), tr("Added")}, parent)
{
    refresh();
}

Result<QList<CachedListModel::Item>> TrustedKeyListModel::loadItems() const
{
    return loadBodies(u"trusted_keys"_s, u"name, id"_s, [](const QJsonObject &json) {
        const auto key = trustedKeyFromJson(json);
        return key ? std::optional<QVariant>(QVariant::fromValue(*key)) : std::nullopt;
    });
}

QVariant TrustedKeyListModel::cell(const Item &item, int column, int role) const
{
    if (role != Qt::DisplayRole)
        return {};
    const TrustedKeyRecord &key = recordOf<TrustedKeyRecord>(item);
    switch (column) {
    case Name:
        return key.name;
    case KeyId:
        return key.id;
    case State:
        return key.state;
    case AddedBy:
        return key.addedBy;
    case AddedAt:
        return key.addedAt.isValid() ? QVariant(key.addedAt.toLocalTime()) : QVariant();
    default:
        return {};
    }
}

} // namespace otter::models
