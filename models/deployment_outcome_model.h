// DeploymentOutcomeModel: one rollout's per-device outcomes (ListDeployments pages) for the rollout detail's
// table. Pages are appended as they arrive; a new filter starts from an empty model.
#pragma once

#include "models/records.h"

#include <QAbstractTableModel>
#include <QList>

namespace otter::models {

class DeploymentOutcomeModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeploymentOutcomeModel)

public:
    enum Column { Device, Stage, State, Detail, Started, Updated, Finished, ColumnCount };
    enum Role {
        RecordRole = Qt::UserRole + 1, // DeploymentRecord
        StateRole,                     // QString, e.g. "ROLLED_BACK"
    };

    explicit DeploymentOutcomeModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void clear();
    void appendPage(const QList<DeploymentRecord> &page);
    const DeploymentRecord &deployment(int row) const { return m_rows.at(row); }

    // "ROLLED_BACK" → "rolled back": how the table and its filter name a state.
    static QString stateLabel(const QString &state);

private:
    QList<DeploymentRecord> m_rows;
};

} // namespace otter::models
