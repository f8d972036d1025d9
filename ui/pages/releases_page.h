// ReleasesPage: the signed releases the server holds, with the selected release's manifest facts.
#pragma once

#include "ui/pages/record_list_page.h"

namespace otter::ui {

// Rows carry models::ReleaseRecord in RecordRole.
class ReleasesPage final : public RecordListPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReleasesPage)

public:
    explicit ReleasesPage(QWidget *parent = nullptr);

protected:
    QString describeRecord(const QVariant &record) const override;
    QString recordId(const QVariant &record) const override;
};

} // namespace otter::ui
