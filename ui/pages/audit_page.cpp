// AuditPage: describes one audit entry, its details pretty-printed and the hashes that chain it.
#include "ui/pages/audit_page.h"

#include "models/records.h"

#include <QJsonDocument>

namespace otter::ui {

AuditPage::AuditPage(QWidget *parent)
    : RecordListPage(tr("Select an audit entry to see its details and hash chain."), parent)
{}

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
    return detailHtml(tr("Audit entry %1").arg(entry.seq), {
                                                               {tr("Time"), formatTime(entry.time)},
                                                               {tr("Actor"), entry.actor},
                                                               {tr("Action"), entry.action},
                                                               {tr("Object"), entry.object},
                                                               {tr("Details"), shownDetails},
                                                               {tr("Previous hash"), entry.prevHash},
                                                               {tr("Hash"), entry.hash},
                                                           });
}

} // namespace otter::ui
