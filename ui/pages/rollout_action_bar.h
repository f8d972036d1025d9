// RolloutActionBar: the row above the rollout list — New rollout, Open, and the actions on the selected
// rollout (Submit, Start, Pause, Resume, Abort), each enabled only where the rollout's state, the
// connection and the operator's role allow it; a disabled button's tooltip says why.
#pragma once

#include "models/records.h"
#include "models/rollout_rules.h"

#include <QMap>
#include <QWidget>

class QPushButton;

namespace otter::ui {

class RolloutActionBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RolloutActionBar)

public:
    explicit RolloutActionBar(QWidget *parent = nullptr);

    // No id: nothing selected. localDraft: the rollout only exists in the outbox so far.
    void setRollout(const models::RolloutRecord &rollout, bool localDraft);
    void setOnline(bool online);
    void setRole(const QString &role);

    // Submit, Start, Pause, Resume or Abort (Approve and Reject live in the approval queue).
    QPushButton *button(models::RolloutAction action) const { return m_actions.value(action); }
    QPushButton *newButton() const { return m_new; }
    QPushButton *openButton() const { return m_open; }

signals:
    void newRequested();
    void openRequested();
    void actionClicked(otter::models::RolloutAction action);

private:
    void update();

    QPushButton *m_new;
    QPushButton *m_open;
    QMap<models::RolloutAction, QPushButton *> m_actions;
    models::RolloutRecord m_rollout;
    bool m_localDraft = false;
    bool m_online = false;
    QString m_role;
};

} // namespace otter::ui
