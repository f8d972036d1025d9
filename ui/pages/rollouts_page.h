// RolloutsPage: rollouts in every state, with the selected rollout's plan and history; the actions on it
// (submit, start, pause, resume, abort — each confirmed in a dialog naming the rollout and its effect); and
// the approval queue, a filter of the rollouts waiting for approval with what approving them will do.
#pragma once

#include "models/rollout_preview.h"
#include "models/rollout_rules.h"
#include "ui/dialogs/rollout_action_dialog.h"
#include "ui/pages/record_list_page.h"
#include "ui/pages/rollout_plan_text.h"

#include <QPointer>

class QSortFilterProxyModel;
class QStackedWidget;
class QTabBar;

namespace otter::ui {

class RolloutActionBar;
class RolloutApprovalPane;

// Rows carry models::RolloutRecord in RecordRole.
class RolloutsPage final : public RecordListPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RolloutsPage)

public:
    enum Filter { AllRollouts, WaitingForApproval };

    explicit RolloutsPage(QWidget *parent = nullptr);

    // Hides RecordListPage::setModel: the page shows the model through its approval filter.
    void setModel(QAbstractItemModel *model);

    void setOnline(bool online);
    // The signed-in operator (role as otterd names it); empty name: not signed in.
    void setOperator(const QString &name, const QString &role);
    void setNames(const RolloutNames &names);
    void setPreview(const QString &rolloutId, const models::RolloutPreviewRecord &preview);
    void setPreviewError(const QString &rolloutId, const QString &message);

    void setFilter(Filter filter);
    Filter filter() const;
    // Rollouts waiting for approval in the whole list (not only the shown rows).
    int pendingCount() const { return m_pendingCount; }
    // Selects the row of the rollout (switching to all rollouts if the filter hides it); false when absent.
    bool selectRollout(const QString &rolloutId);
    // The selected rollout; an empty record when none.
    models::RolloutRecord selectedRollout() const;

    QTabBar *filterBar() const { return m_filterBar; }
    RolloutActionBar *actionBar() const { return m_actions; }
    RolloutApprovalPane *approvalPane() const { return m_approval; }
    // The confirmation dialog an action button opened and that is still open, else null.
    RolloutActionDialog *confirmationDialog() const { return m_confirmation; }

signals:
    void newRolloutRequested();
    // Open the rollout's detail (live progress); double-click on a row or the Open button.
    void openDetailRequested(const QString &rolloutId);
    // A confirmed action; text is the reason or comment the dialog asked for.
    void actionRequested(otter::models::RolloutAction action, const QString &rolloutId,
                         qint64 expectedRevision, const QString &text);
    // The approval pane shows a rollout and needs its pre-flight (answer with setPreview).
    void previewRequested(const QString &rolloutId);

protected:
    QString describeRecord(const QVariant &record) const override;
    QString recordId(const QVariant &record) const override;

private:
    void onCurrentChanged();
    void onSourceChanged();
    void confirm(models::RolloutAction action);
    void updateApprovalBlocker();

    QAbstractItemModel *m_source = nullptr;
    QSortFilterProxyModel *m_proxy;
    QTabBar *m_filterBar;
    RolloutActionBar *m_actions;
    QStackedWidget *m_detailStack;
    RolloutApprovalPane *m_approval;
    QPointer<RolloutActionDialog> m_confirmation;
    QString m_operator;
    QString m_role;
    int m_pendingCount = 0;
    QString m_shownId;
    qint64 m_shownRevision = -1;
};

} // namespace otter::ui
