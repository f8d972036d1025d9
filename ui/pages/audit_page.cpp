// AuditPage: banner, filter row and counts above the shared list + detail layout; the table is paged by the
// model (seq, newest first) and never sorts by itself.
#include "ui/pages/audit_page.h"

#include "models/records.h"
#include "ui/pages/audit_chain_banner.h"
#include "ui/pages/audit_filter_bar.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace otter::ui {

AuditPage::AuditPage(QWidget *parent)
    : RecordListPage(tr("Select an audit entry to see its details and hash chain."), parent)
    , m_banner(new AuditChainBanner(this))
    , m_filterBar(new AuditFilterBar(this))
    , m_counts(new QLabel(this))
    , m_export(new QPushButton(this))
{
    m_counts->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_export->setText(tr("Export…"));
    m_export->setToolTip(tr("Export the cached audit log; works offline"));
    auto *menu = new QMenu(m_export);
    const QList<QPair<QString, models::AuditExportFormat>> formats{
        {tr("CSV (filtered entries)…"), models::AuditExportFormat::Csv},
        {tr("JSON Lines (whole chain, verifiable)…"), models::AuditExportFormat::JsonLines},
        {tr("PDF compliance report…"), models::AuditExportFormat::Pdf},
    };
    for (const auto &choice : formats) {
        const models::AuditExportFormat format = choice.second;
        QAction *action = menu->addAction(choice.first);
        connect(action, &QAction::triggered, this, [this, format] { emit exportRequested(format); });
    }
    m_export->setMenu(menu);

    auto *countsRow = new QHBoxLayout;
    countsRow->addWidget(m_counts, 1);
    countsRow->addWidget(m_export);
    auto *top = new QVBoxLayout;
    top->setSpacing(6);
    top->addWidget(m_banner);
    top->addWidget(m_filterBar);
    top->addLayout(countsRow);
    if (auto *pageLayout = qobject_cast<QVBoxLayout *>(layout())) {
        pageLayout->insertLayout(0, top);
        pageLayout->setStretch(1, 1); // the list takes the height, the strips above keep theirs
    }

    // Always newest first, paged by seq: a header click must not promise another order.
    QHeaderView *header = listView()->horizontalHeader();
    header->setSortIndicatorShown(false);
    header->setSectionsClickable(false);

    connect(m_filterBar, &AuditFilterBar::filterRequested, this, &AuditPage::filterRequested);
    connect(m_banner, &AuditChainBanner::verifyRequested, this, &AuditPage::verifyRequested);
    setCounts(-1, -1);
}

void AuditPage::setChainStatus(const models::AuditChainStatus &status)
{
    m_banner->setStatus(status);
}

QString AuditPage::chainStatusText() const
{
    return m_banner->headline();
}

void AuditPage::setCounts(qint64 matching, qint64 total)
{
    const QLocale locale;
    if (total < 0)
        m_counts->setText(tr("Counting entries…"));
    else if (matching < 0)
        m_counts->setText(tr("Counting matches among %1 entries…").arg(locale.toString(total)));
    else if (matching == total)
        m_counts->setText(tr("%1 entries").arg(locale.toString(total)));
    else
        m_counts->setText(
            tr("%1 of %2 entries match the filter").arg(locale.toString(matching), locale.toString(total)));
}

QString AuditPage::countsText() const
{
    return m_counts->text();
}

QString AuditPage::recordId(const QVariant &record) const
{
    return QString::number(record.value<models::AuditRecord>().seq);
}

QString AuditPage::describeRecord(const QVariant &record) const
{
    if (!record.canConvert<models::AuditRecord>())
        return {};
    const auto entry = record.value<models::AuditRecord>();
    const QJsonDocument details = QJsonDocument::fromJson(entry.detailsJson.toUtf8());
    const QString shownDetails = details.isNull()
                                     ? entry.detailsJson
                                     : QString::fromUtf8(details.toJson(QJsonDocument::Indented)).trimmed();
    return detailHtml(
        tr("Audit entry %1").arg(entry.seq),
        {
            {tr("Time"), tr("%1 (%2)").arg(formatTime(entry.time),
                                           entry.time.toUTC().toString(u"yyyy-MM-dd HH:mm:ss.zzz 'UTC'"_s))},
            {tr("Actor"), entry.actor},
            {tr("Action"), entry.action},
            {tr("Object"), entry.object},
            {tr("Details"), shownDetails},
            {tr("Previous hash"), entry.prevHash},
            {tr("Hash"), entry.hash},
        });
}

} // namespace otter::ui
