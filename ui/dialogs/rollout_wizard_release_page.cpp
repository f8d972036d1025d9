// Rollout wizard, release page: newest release first, the name suggested from its version.
#include "ui/dialogs/rollout_wizard_release_page.h"

#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace otter::ui {

RolloutWizardReleasePage::RolloutWizardReleasePage(QWidget *parent)
    : QWizardPage(parent)
    , m_name(new QLineEdit(this))
    , m_description(new QLineEdit(this))
    , m_releases(new QTreeWidget(this))
{
    setTitle(tr("Release"));
    setSubTitle(tr("Choose the signed release to install and name the rollout."));
    m_name->setObjectName(u"rolloutName"_s);
    m_name->setPlaceholderText(tr("e.g. fw 1.2 canary"));
    m_description->setObjectName(u"rolloutDescription"_s);
    m_description->setPlaceholderText(tr("optional: why, what changes, a ticket"));
    m_releases->setObjectName(u"releases"_s);
    m_releases->setHeaderLabels(
        {tr("Version"), tr("Hardware classes"), tr("Security version"), tr("Uploaded")});
    m_releases->setRootIsDecorated(false);
    m_releases->setUniformRowHeights(true);
    m_releases->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_releases->header()->setStretchLastSection(true);

    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Description:"), m_description);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    auto *label = new QLabel(tr("&Release:"), this);
    label->setBuddy(m_releases);
    layout->addWidget(label);
    layout->addWidget(m_releases, 1);

    connect(m_name, &QLineEdit::textChanged, this, &QWizardPage::completeChanged);
    connect(m_releases, &QTreeWidget::currentItemChanged, this, [this] {
        // Suggest a name from the version until the operator writes their own.
        const QString version = releaseVersion();
        if (!version.isEmpty() && !m_name->isModified())
            m_name->setText(tr("fw %1").arg(version));
        emit completeChanged();
    });
}

void RolloutWizardReleasePage::setReleases(const QList<models::ReleaseRecord> &releases)
{
    m_releases->clear();
    const QLocale locale;
    for (const models::ReleaseRecord &release : releases) {
        auto *item = new QTreeWidgetItem(
            m_releases,
            {release.version, release.hardwareClasses.join(u", "_s), QString::number(release.securityVersion),
             release.uploadedAt.isValid()
                 ? tr("%1 by %2")
                       .arg(locale.toString(release.uploadedAt.toLocalTime(), QLocale::ShortFormat),
                            release.uploadedBy)
                 : release.uploadedBy});
        item->setData(0, Qt::UserRole, release.id);
        item->setToolTip(0, tr("Release id %1").arg(release.id));
    }
    if (releases.isEmpty())
        setSubTitle(tr("No release in the cache yet: upload one on the Releases page first."));
    emit completeChanged();
}

bool RolloutWizardReleasePage::selectRelease(const QString &releaseId)
{
    for (int i = 0; i < m_releases->topLevelItemCount(); ++i) {
        if (m_releases->topLevelItem(i)->data(0, Qt::UserRole).toString() == releaseId) {
            m_releases->setCurrentItem(m_releases->topLevelItem(i));
            return true;
        }
    }
    return false;
}

QString RolloutWizardReleasePage::releaseId() const
{
    const QTreeWidgetItem *item = m_releases->currentItem();
    return item ? item->data(0, Qt::UserRole).toString() : QString();
}

QString RolloutWizardReleasePage::releaseVersion() const
{
    const QTreeWidgetItem *item = m_releases->currentItem();
    return item ? item->text(0) : QString();
}

bool RolloutWizardReleasePage::isComplete() const
{
    return !m_name->text().trimmed().isEmpty() && !releaseId().isEmpty();
}

} // namespace otter::ui
