// RolloutWizard: creates a rollout step by step — release, target groups, maintenance window, stages and
// gates, failure policy, pre-flight — and hands the result over as a record (no gRPC here: the console's
// controller answers previewRequested and turns createRequested into an outbox draft).
#pragma once

#include "models/records.h"
#include "models/rollout_preview.h"
#include "ui/dialogs/rollout_wizard_targets_page.h"
#include "ui/pages/rollout_plan_text.h"

#include <QWizard>

namespace otter::ui {

class RolloutWizardPolicyPage;
class RolloutWizardReleasePage;
class RolloutWizardStagesPage;
class RolloutWizardSummaryPage;
class RolloutWizardWindowPage;

class RolloutWizard final : public QWizard
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RolloutWizard)

public:
    enum PageId { ReleasePageId, TargetsPageId, WindowPageId, StagesPageId, PolicyPageId, SummaryPageId };

    explicit RolloutWizard(QWidget *parent = nullptr);

    void setReleases(const QList<models::ReleaseRecord> &releases);
    void setGroups(const QList<TargetGroupChoice> &groups);
    void setWindows(const QList<models::WindowRecord> &windows);
    // Offline the pre-flight page explains that it needs the server instead of asking for a preview.
    void setOnline(bool online);
    bool isOnline() const { return m_online; }

    // Answers to previewRequested.
    void setPreview(const models::RolloutPreviewRecord &preview);
    void setPreviewError(const QString &message);

    // The rollout as the pages describe it now (no id: the controller chooses it).
    models::RolloutRecord rollout() const;
    RolloutNames names() const { return m_names; }

    RolloutWizardReleasePage *releasePage() const { return m_release; }
    RolloutWizardTargetsPage *targetsPage() const { return m_targets; }
    RolloutWizardWindowPage *windowPage() const { return m_window; }
    RolloutWizardStagesPage *stagesPage() const { return m_stages; }
    RolloutWizardPolicyPage *policyPage() const { return m_policy; }
    RolloutWizardSummaryPage *summaryPage() const { return m_summary; }
    // On the pre-flight page: "Create" (Finish) and "Create and submit".
    QAbstractButton *createButton() const { return button(FinishButton); }
    QAbstractButton *createAndSubmitButton() const { return button(CustomButton1); }

    void accept() override;

signals:
    void previewRequested(const otter::models::RolloutRecord &draft);
    // submit: the operator chose "Create and submit".
    void createRequested(const otter::models::RolloutRecord &rollout, bool submit);

private:
    void updateButtons(int pageId);

    RolloutWizardReleasePage *m_release;
    RolloutWizardTargetsPage *m_targets;
    RolloutWizardWindowPage *m_window;
    RolloutWizardStagesPage *m_stages;
    RolloutWizardPolicyPage *m_policy;
    RolloutWizardSummaryPage *m_summary;
    RolloutNames m_names;
    bool m_online = false;
    bool m_submit = false;
};

} // namespace otter::ui
