// ReleasesPage: describes a release as an operator checks it before a rollout — version, SVN, targets, image.
#include "ui/pages/releases_page.h"

#include "models/records.h"

#include <QLocale>

namespace otter::ui {

ReleasesPage::ReleasesPage(QWidget *parent)
    : RecordListPage(tr("Select a release to see its manifest: version, security version, hardware classes, "
                        "image and signers."),
                     parent)
{}

QString ReleasesPage::recordId(const QVariant &record) const
{
    return record.value<models::ReleaseRecord>().id;
}

QString ReleasesPage::describeRecord(const QVariant &record) const
{
    if (!record.canConvert<models::ReleaseRecord>())
        return {};
    const auto release = record.value<models::ReleaseRecord>();
    const QLocale locale;
    return detailHtml(
        tr("Release %1").arg(release.version),
        {
            {tr("Version"), release.version},
            {tr("Security version"), QString::number(release.securityVersion)},
            {tr("Hardware classes"), release.hardwareClasses.join(QStringLiteral(", "))},
            {tr("Vendor"), release.vendorId},
            {tr("Payload"), release.payloadType},
            {tr("Image size"), locale.formattedDataSize(qint64(release.imageSize))},
            {tr("Image SHA-256"), release.imageSha256},
            {tr("Built"), formatTime(release.createdAt)},
            {tr("Signed by keys"), release.signerKeyIds.join(u'\n')},
            {tr("Uploaded"), tr("%1 by %2").arg(formatTime(release.uploadedAt), release.uploadedBy)},
            {tr("Release id"), release.id},
        });
}

} // namespace otter::ui
