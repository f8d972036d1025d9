// RolloutWizard: the pages in order; the pre-flight page carries the two ways to finish.
#include "ui/dialogs/rollout_wizard.h"

#include "ui/dialogs/rollout_wizard_policy_page.h"
#include "ui/dialogs/rollout_wizard_release_page.h"
#include "ui/dialogs/rollout_wizard_stages_page.h"
#include "ui/dialogs/rollout_wizard_summary_page.h"
#include "ui/dialogs/rollout_wizard_window_page.h"

#include <QAbstractButton>
#include <QLineEdit>

using namespace Qt::StringLiterals;

namespace otter::ui {

RolloutWizard::RolloutWizard(QWidget *parent)
    : QWizard(parent)
    , m_release(new RolloutWizardReleasePage(this))
    , m_targets(new RolloutWizardTargetsPage(this))
    , m_window(new RolloutWizardWindowPage(this))
    , m_stages(new RolloutWizardStagesPage(this))
    , m_policy(new RolloutWizardPolicyPage(this))
    , m_summary(new RolloutWizardSummaryPage(this))
{
    setObjectName(u"rolloutWizard"_s);
    setWindowTitle(tr("New Rollout"));
    setWizardStyle(QWizard::ModernStyle);
    setOption(QWizard::NoBackButtonOnStartPage);
    setOption(QWizard::HaveCustomButton1);
    setPage(ReleasePageId, m_release);
    setPage(TargetsPageId, m_targets);
    setPage(WindowPageId, m_window);
    setPage(StagesPageId, m_stages);
    setPage(PolicyPageId, m_policy);
    setPage(SummaryPageId, m_summary);
    setButtonText(FinishButton, tr("Create"));
    setButtonText(CustomButton1, tr("Create and Submit"));
    button(FinishButton)->setToolTip(tr("Keep the rollout as a draft you can still edit and submit later."));
    button(CustomButton1)
        ->setToolTip(tr("Create the rollout and ask an approver to approve it as soon as the "
                        "server has it."));
    button(CustomButton1)->setObjectName(u"createAndSubmit"_s);
    resize(820, 620);

    connect(this, &QWizard::currentIdChanged, this, &RolloutWizard::updateButtons);
    connect(m_summary, &QWizardPage::completeChanged, this,
            [this] { button(CustomButton1)->setEnabled(m_summary->isComplete()); });
    connect(this, &QWizard::customButtonClicked, this, [this](int which) {
        if (which != CustomButton1 || currentId() != SummaryPageId || !m_summary->isComplete())
            return;
        m_submit = true;
        accept();
    });
    updateButtons(startId());
}

void RolloutWizard::updateButtons(int pageId)
{
    if (pageId == SummaryPageId)
        setButtonLayout({Stretch, BackButton, CancelButton, FinishButton, CustomButton1});
    else
        setButtonLayout({Stretch, BackButton, NextButton, CancelButton});
}

void RolloutWizard::setReleases(const QList<models::ReleaseRecord> &releases)
{
    m_names.releases.clear();
    for (const models::ReleaseRecord &release : releases)
        m_names.releases.insert(release.id, release.version);
    m_release->setReleases(releases);
}

void RolloutWizard::setGroups(const QList<TargetGroupChoice> &groups)
{
    m_names.groups.clear();
    for (const TargetGroupChoice &choice : groups)
        m_names.groups.insert(choice.group.id, choice.group.name);
    m_targets->setGroups(groups);
}

void RolloutWizard::setWindows(const QList<models::WindowRecord> &windows)
{
    m_names.windows.clear();
    for (const models::WindowRecord &window : windows)
        m_names.windows.insert(window.id, window.name);
    m_window->setWindows(windows);
}

void RolloutWizard::setOnline(bool online)
{
    m_online = online;
}

void RolloutWizard::setPreview(const models::RolloutPreviewRecord &preview)
{
    m_summary->setPreview(preview);
}

void RolloutWizard::setPreviewError(const QString &message)
{
    m_summary->setPreviewError(message);
}

models::RolloutRecord RolloutWizard::rollout() const
{
    models::RolloutRecord rollout;
    rollout.name = m_release->nameEdit()->text().trimmed();
    rollout.description = m_release->descriptionEdit()->text().trimmed();
    rollout.releaseId = m_release->releaseId();
    rollout.targetGroupIds = m_targets->checkedGroupIds();
    rollout.windowId = m_window->windowId();
    rollout.stages = m_stages->stages();
    rollout.maxFailurePercent = m_policy->maxFailurePercent();
    rollout.minFinished = m_policy->minFinished();
    rollout.state = u"DRAFT"_s;
    return rollout;
}

void RolloutWizard::accept()
{
    emit createRequested(rollout(), m_submit);
    m_submit = false;
    QWizard::accept();
}

} // namespace otter::ui
