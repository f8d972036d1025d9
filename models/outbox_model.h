// OutboxModel: the drafts waiting in the outbox, for the outbox page and the conflict dialog.
#pragma once

#include "models/cached_list_model.h"

namespace otter::models {

class Outbox;

// One row per unresolved draft in replay order; RecordRole gives the OutboxEntry, OutboxIdRole its id.
// Follows the Outbox's changed() signal when one is given.
class OutboxModel final : public CachedListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OutboxModel)

public:
    enum Column { Kind, Operation, Object, State, Message, Created, ColumnCount };

    explicit OutboxModel(const CacheDatabase &database, Outbox *outbox = nullptr, QObject *parent = nullptr);

protected:
    Result<QList<Item>> loadItems() const override;
    QVariant cell(const Item &item, int column, int role) const override;
};

} // namespace otter::models
