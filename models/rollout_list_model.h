// RolloutListModel: Rollouts page: cached rollouts plus rollout drafts waiting in the outbox.
#pragma once

#include <QMap>

#include "models/cached_list_model.h"

namespace otter::models {

// RecordRole gives the RolloutRecord.
class RolloutListModel final : public CachedListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RolloutListModel)

public:
    enum Column { Name, State, Release, Stage, UpdatedAt, ColumnCount };

    explicit RolloutListModel(const CacheDatabase &database, QObject *parent = nullptr);

protected:
    Result<QList<Item>> loadItems() const override;
    QVariant cell(const Item &item, int column, int role) const override;

private:
    // Loaded with the rows, so the Release column names versions rather than ids.
    mutable QMap<QString, QString> m_releaseVersions;
};

} // namespace otter::models
