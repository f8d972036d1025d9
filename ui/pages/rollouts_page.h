// RolloutsPage: rollouts in every state, with the selected rollout's plan and history.
#pragma once

#include "ui/pages/record_list_page.h"

namespace otter::ui {

// Rows carry models::RolloutRecord in RecordRole.
class RolloutsPage final : public RecordListPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RolloutsPage)

public:
    explicit RolloutsPage(QWidget *parent = nullptr);

protected:
    QString describeRecord(const QVariant &record) const override;
    QString recordId(const QVariant &record) const override;
};

} // namespace otter::ui
