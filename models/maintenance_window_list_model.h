// MaintenanceWindowListModel: Maintenance windows page: cached windows plus window drafts waiting in the
// outbox.
#pragma once

#include "models/cached_list_model.h"

namespace otter::models {

// RecordRole gives the WindowRecord.
class MaintenanceWindowListModel final : public CachedListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MaintenanceWindowListModel)

public:
    enum Column { Name, TimeZone, Schedule, Duration, UpdatedAt, ColumnCount };

    explicit MaintenanceWindowListModel(const CacheDatabase &database, QObject *parent = nullptr);

protected:
    Result<QList<Item>> loadItems() const override;
    QVariant cell(const Item &item, int column, int role) const override;
};

} // namespace otter::models
