// AuditPage: the audit log (hash chain) with its filters, the count of matching entries, the chain status
// banner and the export button, beside the selected entry's details and hashes.
#pragma once

#include "models/audit_chain_status.h"
#include "models/audit_exporter.h"
#include "ui/pages/record_list_page.h"

class QLabel;
class QPushButton;

namespace otter::ui {

class AuditChainBanner;
class AuditFilterBar;

// Rows carry models::AuditRecord in RecordRole. The page filters nothing itself: filterRequested goes to the
// controller, which applies it in SQL and reports counts back through setCounts().
class AuditPage final : public RecordListPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuditPage)

public:
    explicit AuditPage(QWidget *parent = nullptr);

    AuditFilterBar *filterBar() const { return m_filterBar; }
    AuditChainBanner *chainBanner() const { return m_banner; }
    QPushButton *exportButton() const { return m_export; }

    void setChainStatus(const models::AuditChainStatus &status);
    // The banner's headline, e.g. "Chain intact — 12,345 entries, head 3f9a1c2d…".
    QString chainStatusText() const;

    // matching -1: still counting.
    void setCounts(qint64 matching, qint64 total);
    QString countsText() const;

signals:
    void filterRequested(const otter::models::AuditFilter &filter);
    void exportRequested(otter::models::AuditExportFormat format);
    void verifyRequested();

protected:
    QString describeRecord(const QVariant &record) const override;
    QString recordId(const QVariant &record) const override;

private:
    AuditChainBanner *m_banner = nullptr;
    AuditFilterBar *m_filterBar = nullptr;
    QLabel *m_counts = nullptr;
    QPushButton *m_export = nullptr;
};

} // namespace otter::ui
