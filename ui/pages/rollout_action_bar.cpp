// RolloutActionBar: the reasons for a disabled action are checked in the order an operator can fix them.
#include "ui/pages/rollout_action_bar.h"

#include <QHBoxLayout>
#include <QPushButton>

using namespace Qt::StringLiterals;

namespace otter::ui {

RolloutActionBar::RolloutActionBar(QWidget *parent)
    : QWidget(parent)
    , m_new(new QPushButton(tr("&New Rollout…"), this))
    , m_open(new QPushButton(tr("&Open"), this))
{
    using models::RolloutAction;
    m_new->setObjectName(u"newRollout"_s);
    m_open->setObjectName(u"openRollout"_s);
    m_open->setToolTip(tr("Open the rollout's live progress (double-click a row does the same)."));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_new);
    layout->addWidget(m_open);
    layout->addStretch(1);
    const QList<std::pair<RolloutAction, QString>> actions = {
        {RolloutAction::Submit, tr("S&ubmit…")}, {RolloutAction::Start, tr("&Start…")},
        {RolloutAction::Pause, tr("&Pause…")},   {RolloutAction::Resume, tr("Res&ume…")},
        {RolloutAction::Abort, tr("A&bort…")},
    };
    for (const auto &entry : actions) {
        const RolloutAction action = entry.first;
        auto *button = new QPushButton(entry.second, this);
        button->setObjectName(models::actionVerb(action));
        layout->addWidget(button);
        m_actions.insert(action, button);
        connect(button, &QPushButton::clicked, this, [this, action] { emit actionClicked(action); });
    }
    connect(m_new, &QPushButton::clicked, this, &RolloutActionBar::newRequested);
    connect(m_open, &QPushButton::clicked, this, &RolloutActionBar::openRequested);
    update();
}

void RolloutActionBar::setRollout(const models::RolloutRecord &rollout, bool localDraft)
{
    m_rollout = rollout;
    m_localDraft = localDraft;
    update();
}

void RolloutActionBar::setOnline(bool online)
{
    m_online = online;
    update();
}

void RolloutActionBar::setRole(const QString &role)
{
    m_role = role;
    update();
}

void RolloutActionBar::update()
{
    const bool selected = !m_rollout.id.isEmpty();
    const bool viewer = m_role == u"viewer";
    m_open->setEnabled(selected && !m_localDraft);
    m_new->setEnabled(!viewer);
    m_new->setToolTip(viewer ? tr("Your role (viewer) cannot create rollouts.")
                             : tr("Create a rollout with the wizard; it works offline too."));
    for (auto it = m_actions.cbegin(); it != m_actions.cend(); ++it) {
        const QString verb = models::actionVerb(it.key());
        QString why;
        if (!selected)
            why = tr("Select a rollout to %1 it.").arg(verb);
        else if (!models::actionAllowedIn(it.key(), m_rollout.state))
            why = tr("A %1 rollout cannot be %2.").arg(m_rollout.state, models::actionPastTense(it.key()));
        else if (m_localDraft)
            why = tr("The rollout still waits in the outbox: it can be %1 once the server has it.")
                      .arg(models::actionPastTense(it.key()));
        else if (!m_online)
            why = tr("Offline: to %1 a rollout needs a connection to otterd.").arg(verb);
        else if (viewer)
            why = tr("Your role (viewer) cannot %1 rollouts.").arg(verb);
        it.value()->setEnabled(why.isEmpty());
        it.value()->setToolTip(why);
    }
}

} // namespace otter::ui
