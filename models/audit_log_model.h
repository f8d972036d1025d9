// AuditLogModel: the audit page's list of cached audit entries, newest first.
#pragma once

#include "models/cached_list_model.h"

namespace otter::models {

// Shows the latest MaxEntries entries (an audit log only grows; the full chain is exported, not listed).
// RecordRole gives the AuditRecord.
class AuditLogModel final : public CachedListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuditLogModel)

public:
    enum Column { Seq, Time, Actor, Action, Object, ColumnCount };
    static constexpr int MaxEntries = 10000;

    explicit AuditLogModel(const CacheDatabase &database, QObject *parent = nullptr);

protected:
    Result<QList<Item>> loadItems() const override;
    QVariant cell(const Item &item, int column, int role) const override;
};

} // namespace otter::models
