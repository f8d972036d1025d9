// ReleaseListModel: Releases page: cached releases, newest version first.
#pragma once

#include "models/cached_list_model.h"

namespace otter::models {

// RecordRole gives the ReleaseRecord.
class ReleaseListModel final : public CachedListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReleaseListModel)

public:
    enum Column { Version, SecurityVersion, HardwareClasses, UploadedBy, UploadedAt, Id, ColumnCount };

    explicit ReleaseListModel(const CacheDatabase &database, QObject *parent = nullptr);

protected:
    Result<QList<Item>> loadItems() const override;
    QVariant cell(const Item &item, int column, int role) const override;
};

} // namespace otter::models
