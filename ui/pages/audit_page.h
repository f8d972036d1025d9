// AuditPage: the audit log (hash chain), with the selected entry's details and hashes.
#pragma once

#include "ui/pages/record_list_page.h"

namespace otter::ui {

// Rows carry models::AuditRecord in RecordRole.
class AuditPage final : public RecordListPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuditPage)

public:
    explicit AuditPage(QWidget *parent = nullptr);

protected:
    QString describeRecord(const QVariant &record) const override;
    QString recordId(const QVariant &record) const override;
};

} // namespace otter::ui
