// ReleasesPage: describes a release as an operator checks it before a rollout — version, SVN, targets, image,
// signers and whether otterd still trusts them.
#include "ui/pages/releases_page.h"

#include "models/records.h"
#include "ui/pages/trusted_keys_pane.h"

#include <QHBoxLayout>
#include <QLocale>
#include <QPushButton>
#include <QTabWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace otter::ui {

ReleasesPage::ReleasesPage(QWidget *parent)
    : RecordListPage(tr("Select a release to see its manifest: version, security version, hardware classes, "
                        "image and signers."),
                     parent)
    , m_tabs(new QTabWidget(this))
    , m_upload(new QPushButton(tr("Upload Release…"), this))
    , m_keys(new TrustedKeysPane(this))
{
    m_upload->setObjectName(u"uploadRelease"_s);
    m_tabs->setObjectName(u"releaseTabs"_s);
    m_tabs->setDocumentMode(true);
    // The base lays out the list and detail; they move, with the upload action above them, into the first
    // tab, so the trusted keys sit beside the releases they vouch for without a sidebar entry of their own.
    auto *outer = static_cast<QVBoxLayout *>(layout());
    QLayoutItem *content = outer->takeAt(0);
    auto *releasesTab = new QWidget(m_tabs);
    auto *actions = new QHBoxLayout;
    actions->addWidget(m_upload);
    actions->addStretch(1);
    auto *tabLayout = new QVBoxLayout(releasesTab);
    tabLayout->addLayout(actions);
    tabLayout->addWidget(content->widget(), 1);
    delete content;
    m_tabs->addTab(releasesTab, tr("Releases"));
    m_tabs->addTab(m_keys, tr("Trusted Keys"));
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(m_tabs);
    connect(m_upload, &QPushButton::clicked, this, &ReleasesPage::uploadRequested);
}

void ReleasesPage::showTab(Tab tab)
{
    m_tabs->setCurrentIndex(tab);
}

void ReleasesPage::setCanUpload(bool canUpload, const QString &why)
{
    m_upload->setEnabled(canUpload);
    m_upload->setToolTip(canUpload ? tr("Verify a signed release and send it to otterd") : why);
}

void ReleasesPage::setRolloutsByRelease(const QHash<QString, QStringList> &rollouts)
{
    m_rollouts = rollouts;
}

QString ReleasesPage::recordId(const QVariant &record) const
{
    return record.value<models::ReleaseRecord>().id;
}

QString ReleasesPage::signerText(const QStringList &keyIds) const
{
    QStringList lines;
    for (const QString &id : keyIds) {
        const auto key = m_keys->key(id);
        if (!key)
            lines.append(tr("%1 — not among the synced trusted keys").arg(id));
        else if (key->state == u"ACTIVE")
            lines.append(tr("%1 — \"%2\", trusted").arg(id, key->name));
        else
            lines.append(tr("%1 — \"%2\", REVOKED: no longer trusted").arg(id, key->name));
    }
    return lines.join(u'\n');
}

QString ReleasesPage::describeRecord(const QVariant &record) const
{
    if (!record.canConvert<models::ReleaseRecord>())
        return {};
    const auto release = record.value<models::ReleaseRecord>();
    const QLocale locale;
    QList<QPair<QString, QString>> rows{
        {tr("Version"), release.version},
        {tr("Security version"), QString::number(release.securityVersion)},
        {tr("Hardware classes"), release.hardwareClasses.join(QStringLiteral(", "))},
        {tr("Vendor"), release.vendorId},
        {tr("Payload"), release.payloadType},
        {tr("Image size"), tr("%1 (%2 bytes)")
                               .arg(locale.formattedDataSize(qint64(release.imageSize)),
                                    locale.toString(qint64(release.imageSize)))},
        {tr("Image SHA-256"), release.imageSha256},
        {tr("Built"), formatTime(release.createdAt)},
        {tr("Signed by keys"), signerText(release.signerKeyIds)},
        {tr("Uploaded"), tr("%1 by %2").arg(formatTime(release.uploadedAt), release.uploadedBy)},
        {tr("Release id"), release.id},
    };
    if (const auto rollouts = m_rollouts.value(release.id); !rollouts.isEmpty())
        rows.append({tr("Rollouts"), rollouts.join(u'\n')});
    return detailHtml(tr("Release %1").arg(release.version), rows);
}

} // namespace otter::ui
