// Rollout wizard, target groups: checkable rows; the total is an upper bound (groups may overlap).
#include "ui/dialogs/rollout_wizard_targets_page.h"

#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace otter::ui {
namespace {

constexpr int CountRole = Qt::UserRole + 1;

} // namespace

RolloutWizardTargetsPage::RolloutWizardTargetsPage(QWidget *parent)
    : QWizardPage(parent)
    , m_groups(new QTreeWidget(this))
    , m_total(new QLabel(this))
{
    setTitle(tr("Target groups"));
    setSubTitle(tr("The rollout targets the union of the groups you tick; the members are resolved when it "
                   "starts."));
    m_groups->setObjectName(u"targetGroups"_s);
    m_groups->setHeaderLabels({tr("Group"), tr("Devices"), tr("Membership")});
    m_groups->setRootIsDecorated(false);
    m_groups->setUniformRowHeights(true);
    m_groups->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_groups->header()->setStretchLastSection(true);
    m_total->setObjectName(u"targetTotal"_s);
    m_total->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_groups, 1);
    layout->addWidget(m_total);
    connect(m_groups, &QTreeWidget::itemChanged, this, [this] {
        updateTotal();
        emit completeChanged();
    });
    updateTotal();
}

void RolloutWizardTargetsPage::setGroups(const QList<TargetGroupChoice> &groups)
{
    const QStringList checked = checkedGroupIds();
    const QSignalBlocker blocker(m_groups);
    m_groups->clear();
    const QLocale locale;
    for (const TargetGroupChoice &choice : groups) {
        const QString membership =
            choice.group.filter ? tr("dynamic: %1").arg(*choice.group.filter) : tr("static list");
        auto *item = new QTreeWidgetItem(
            m_groups, {choice.group.name.isEmpty() ? choice.group.id : choice.group.name,
                       choice.deviceCount >= 0 ? locale.toString(choice.deviceCount) : tr("?"), membership});
        item->setData(0, Qt::UserRole, choice.group.id);
        item->setData(0, CountRole, choice.deviceCount);
        item->setTextAlignment(1, Qt::AlignRight | Qt::AlignVCenter);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(0, checked.contains(choice.group.id) ? Qt::Checked : Qt::Unchecked);
        if (choice.deviceCount < 0)
            item->setToolTip(1, tr("Not counted: the server resolves the members when the rollout starts."));
    }
    // The check box is not part of the measured text: leave room for it.
    m_groups->resizeColumnToContents(0);
    m_groups->setColumnWidth(0, m_groups->columnWidth(0) + m_groups->fontMetrics().height() * 2);
    updateTotal();
    emit completeChanged();
}

bool RolloutWizardTargetsPage::setGroupChecked(const QString &groupId, bool checked)
{
    for (int i = 0; i < m_groups->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_groups->topLevelItem(i);
        if (item->data(0, Qt::UserRole).toString() == groupId) {
            item->setCheckState(0, checked ? Qt::Checked : Qt::Unchecked);
            return true;
        }
    }
    return false;
}

QStringList RolloutWizardTargetsPage::checkedGroupIds() const
{
    QStringList ids;
    for (int i = 0; i < m_groups->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *item = m_groups->topLevelItem(i);
        if (item->checkState(0) == Qt::Checked)
            ids.append(item->data(0, Qt::UserRole).toString());
    }
    return ids;
}

QString RolloutWizardTargetsPage::totalText() const
{
    return m_total->text();
}

void RolloutWizardTargetsPage::updateTotal()
{
    int groups = 0;
    qint64 devices = 0;
    bool known = true;
    for (int i = 0; i < m_groups->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *item = m_groups->topLevelItem(i);
        if (item->checkState(0) != Qt::Checked)
            continue;
        ++groups;
        const qint64 count = item->data(0, CountRole).toLongLong();
        known = known && count >= 0;
        devices += std::max<qint64>(count, 0);
    }
    if (groups == 0)
        m_total->setText(tr("Tick at least one group."));
    else if (known)
        m_total->setText((groups == 1 ? tr("1 group selected") : tr("%1 groups selected").arg(groups)) +
                         tr(", up to %1 devices (a device in several groups counts once).")
                             .arg(QLocale().toString(devices)));
    else
        m_total->setText((groups == 1 ? tr("1 group selected") : tr("%1 groups selected").arg(groups)) +
                         tr("; the pre-flight counts their devices."));
}

bool RolloutWizardTargetsPage::isComplete() const
{
    return !checkedGroupIds().isEmpty();
}

} // namespace otter::ui
