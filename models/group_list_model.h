// GroupListModel: Groups page: cached groups plus group drafts waiting in the outbox.
#pragma once

#include "models/cached_list_model.h"

namespace otter::models {

// RecordRole gives the GroupRecord.
class GroupListModel final : public CachedListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GroupListModel)

public:
    enum Column { Name, Membership, Description, UpdatedBy, UpdatedAt, ColumnCount };

    explicit GroupListModel(const CacheDatabase &database, QObject *parent = nullptr);

protected:
    Result<QList<Item>> loadItems() const override;
    QVariant cell(const Item &item, int column, int role) const override;
};

} // namespace otter::models
