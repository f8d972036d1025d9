// TrustedKeyListModel: Trusted signing keys, active and revoked.
#pragma once

#include "models/cached_list_model.h"

namespace otter::models {

// RecordRole gives the TrustedKeyRecord.
class TrustedKeyListModel final : public CachedListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrustedKeyListModel)

public:
    enum Column { Name, KeyId, State, AddedBy, AddedAt, ColumnCount };

    explicit TrustedKeyListModel(const CacheDatabase &database, QObject *parent = nullptr);

protected:
    Result<QList<Item>> loadItems() const override;
    QVariant cell(const Item &item, int column, int role) const override;
};

} // namespace otter::models
