// Rollout wizard, pre-flight: asks the wizard for a preview each time the page is shown.
#include "ui/dialogs/rollout_wizard_summary_page.h"

#include "models/rollout_rules.h"
#include "ui/dialogs/rollout_wizard.h"
#include "ui/pages/editor_footer.h"
#include "ui/pages/rollout_plan_text.h"

#include <QLabel>
#include <QSplitter>
#include <QTextBrowser>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace otter::ui {

RolloutWizardSummaryPage::RolloutWizardSummaryPage(QWidget *parent)
    : QWizardPage(parent)
    , m_plan(new QTextBrowser(this))
    , m_status(new QLabel(this))
    , m_preflight(new QTextBrowser(this))
    , m_problems(new QLabel(this))
{
    setTitle(tr("Pre-flight"));
    setSubTitle(tr("What the rollout will do if it started now. Create keeps it as a draft; Create and "
                   "submit also asks an approver to approve it."));
    m_plan->setObjectName(u"plan"_s);
    m_preflight->setObjectName(u"preflight"_s);
    m_status->setObjectName(u"preflightStatus"_s);
    m_status->setWordWrap(true);
    m_problems->setObjectName(u"planProblems"_s);
    setUpProblemLabel(m_problems);
    auto *planLabel = new QLabel(tr("Plan"), this);
    auto *preflightLabel = new QLabel(tr("Pre-flight against the current fleet"), this);
    QFont bold = planLabel->font();
    bold.setBold(true);
    planLabel->setFont(bold);
    preflightLabel->setFont(bold);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_problems);
    layout->addWidget(planLabel);
    layout->addWidget(m_plan, 2);
    layout->addWidget(preflightLabel);
    layout->addWidget(m_status);
    layout->addWidget(m_preflight, 3);
}

void RolloutWizardSummaryPage::initializePage()
{
    auto *rolloutWizard = qobject_cast<RolloutWizard *>(wizard());
    if (!rolloutWizard)
        return;
    const models::RolloutRecord rollout = rolloutWizard->rollout();
    m_plan->setHtml(rolloutPlanHtml(rollout, rolloutWizard->names()));
    QStringList problems;
    for (const models::PlanProblem &problem : models::checkRolloutPlan(rollout))
        problems.append(problem.message);
    m_problems->setText(problems.join(u'\n'));
    m_problems->setVisible(!problems.isEmpty());
    m_valid = problems.isEmpty();
    m_hasPreview = false;
    m_preflight->clear();
    m_preflight->hide();
    if (!rolloutWizard->isOnline()) {
        m_status->setText(
            tr("Offline: the pre-flight needs the server, which counts the devices it knows now. "
               "You can still create the rollout; it waits in the outbox and is sent on "
               "reconnect. Look at its pre-flight before submitting it."));
    } else {
        m_status->setText(tr("Asking the server for the pre-flight…"));
        emit rolloutWizard->previewRequested(rollout);
    }
    emit completeChanged();
}

bool RolloutWizardSummaryPage::isComplete() const
{
    return m_valid;
}

void RolloutWizardSummaryPage::setPreview(const models::RolloutPreviewRecord &preview)
{
    m_hasPreview = true;
    m_status->setText(preview.eligibleDevices > 0
                          ? tr("If it started now:")
                          : tr("No targeted device would be updated: the server would refuse to start this "
                               "rollout. Check the groups and the release's hardware classes."));
    m_preflight->setHtml(rolloutPreviewHtml(preview));
    m_preflight->show();
}

void RolloutWizardSummaryPage::setPreviewError(const QString &message)
{
    m_hasPreview = false;
    m_status->setText(tr("No pre-flight: %1").arg(message));
    m_preflight->hide();
}

QString RolloutWizardSummaryPage::statusText() const
{
    return m_status->text();
}

} // namespace otter::ui
