// Rollout wizard, target groups: the groups whose union the rollout targets, with their device counts.
#pragma once

#include "models/records.h"

#include <QWizardPage>

class QLabel;
class QTreeWidget;

namespace otter::ui {

// A group offered as a target; deviceCount -1 when it is not known (e.g. a filter the cache cannot count).
struct TargetGroupChoice
{
    models::GroupRecord group;
    qint64 deviceCount = -1;
};

class RolloutWizardTargetsPage final : public QWizardPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RolloutWizardTargetsPage)

public:
    explicit RolloutWizardTargetsPage(QWidget *parent = nullptr);

    void setGroups(const QList<TargetGroupChoice> &groups);
    // False when no group has that id.
    bool setGroupChecked(const QString &groupId, bool checked);
    QStringList checkedGroupIds() const;
    QTreeWidget *groupList() const { return m_groups; }
    QString totalText() const;

    bool isComplete() const override;

private:
    void updateTotal();

    QTreeWidget *m_groups;
    QLabel *m_total;
};

} // namespace otter::ui
