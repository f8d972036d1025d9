// Rollout action confirmation: the confirm button stays disabled until a required reason is written.
#include "ui/dialogs/rollout_action_dialog.h"

#include "ui/pages/semantic_colors.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace otter::ui {
namespace {

QString title(models::RolloutAction action)
{
    using models::RolloutAction;
    switch (action) {
    case RolloutAction::Submit:
        return RolloutActionDialog::tr("Submit for Approval");
    case RolloutAction::Approve:
        return RolloutActionDialog::tr("Approve Rollout");
    case RolloutAction::Reject:
        return RolloutActionDialog::tr("Reject Rollout");
    case RolloutAction::Start:
        return RolloutActionDialog::tr("Start Rollout");
    case RolloutAction::Pause:
        return RolloutActionDialog::tr("Pause Rollout");
    case RolloutAction::Resume:
        return RolloutActionDialog::tr("Resume Rollout");
    case RolloutAction::Abort:
        return RolloutActionDialog::tr("Abort Rollout");
    }
    return {};
}

QString question(models::RolloutAction action, const QString &name)
{
    using models::RolloutAction;
    switch (action) {
    case RolloutAction::Submit:
        return RolloutActionDialog::tr("Submit '%1' for approval?").arg(name);
    case RolloutAction::Approve:
        return RolloutActionDialog::tr("Approve '%1'?").arg(name);
    case RolloutAction::Reject:
        return RolloutActionDialog::tr("Reject '%1'?").arg(name);
    case RolloutAction::Start:
        return RolloutActionDialog::tr("Start '%1'?").arg(name);
    case RolloutAction::Pause:
        return RolloutActionDialog::tr("Pause '%1'?").arg(name);
    case RolloutAction::Resume:
        return RolloutActionDialog::tr("Resume '%1'?").arg(name);
    case RolloutAction::Abort:
        return RolloutActionDialog::tr("Abort '%1'?").arg(name);
    }
    return {};
}

} // namespace

QString RolloutActionDialog::effectText(models::RolloutAction action)
{
    using models::RolloutAction;
    switch (action) {
    case RolloutAction::Submit:
        return tr(
            "Approvers will see it in their queue. It can no longer be edited unless an approver rejects "
            "it, which returns it to you as a draft.");
    case RolloutAction::Approve:
        return tr("It may then be started by any operator.");
    case RolloutAction::Reject:
        return tr(
            "It goes back to its author as an editable draft, with your comment saying what must change.");
    case RolloutAction::Start:
        return tr(
            "The target groups are resolved now and stage 1 begins: its devices start downloading at once "
            "and install when the maintenance window allows.");
    case RolloutAction::Pause:
        return tr("No device will start downloading or installing; devices already installing finish.");
    case RolloutAction::Resume:
        return tr("Devices continue where the rollout stopped. The failure policy starts a new sample from "
                  "here, so it pauses again only if the release keeps failing.");
    case RolloutAction::Abort:
        return tr("This is final: deployments not yet installing are cancelled; devices already installing "
                  "finish and report. An aborted rollout cannot be resumed; its history stays.");
    }
    return {};
}

RolloutActionDialog::RolloutActionDialog(models::RolloutAction action, const QString &rolloutName,
                                         QWidget *parent)
    : QDialog(parent)
    , m_action(action)
    , m_headline(new QLabel(question(action, rolloutName), this))
    , m_effect(new QLabel(effectText(action), this))
    , m_text(new QPlainTextEdit(this))
{
    setObjectName(u"rolloutActionDialog"_s);
    setWindowTitle(title(action));
    QFont big = m_headline->font();
    big.setBold(true);
    big.setPointSizeF(big.pointSizeF() * 1.15);
    m_headline->setFont(big);
    m_headline->setObjectName(u"headline"_s);
    m_headline->setWordWrap(true);
    m_effect->setObjectName(u"effect"_s);
    m_effect->setWordWrap(true);
    if (action == models::RolloutAction::Abort) {
        QPalette warning = m_effect->palette();
        warning.setColor(QPalette::WindowText, semanticColor(Semantic::Error, palette()));
        m_effect->setPalette(warning);
    }

    const bool required = models::actionNeedsText(action);
    auto *label = new QLabel(required ? tr("&Reason (required, kept in the audit log):")
                                      : tr("&Comment (optional, kept in the audit log):"),
                             this);
    label->setBuddy(m_text);
    m_text->setObjectName(u"reason"_s);
    m_text->setTabChangesFocus(true);
    m_text->setFixedHeight(m_text->fontMetrics().lineSpacing() * 4 + 12);
    m_text->setPlaceholderText(
        action == models::RolloutAction::Pause
            ? tr("e.g. failures in stage 2, investigating")
            : (action == models::RolloutAction::Abort ? tr("e.g. release withdrawn") : QString()));

    auto *buttons = new QDialogButtonBox(this);
    m_confirm = buttons->addButton(title(action), QDialogButtonBox::AcceptRole);
    m_confirm->setObjectName(u"confirm"_s);
    m_cancel = buttons->addButton(QDialogButtonBox::Cancel);
    // A destructive action is never one Enter away.
    (action == models::RolloutAction::Abort ? m_cancel : m_confirm)->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto updateConfirm = [this, required] {
        m_confirm->setEnabled(!required || !text().isEmpty());
        m_confirm->setToolTip(m_confirm->isEnabled() ? QString() : tr("Write the reason first."));
    };
    connect(m_text, &QPlainTextEdit::textChanged, this, updateConfirm);
    updateConfirm();

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_headline);
    layout->addWidget(m_effect);
    layout->addSpacing(6);
    layout->addWidget(label);
    layout->addWidget(m_text);
    layout->addWidget(buttons);
    setMinimumWidth(460);
    m_text->setFocus();
}

QString RolloutActionDialog::text() const
{
    return m_text->toPlainText().trimmed();
}

QString RolloutActionDialog::headline() const
{
    return m_headline->text();
}

QString RolloutActionDialog::effect() const
{
    return m_effect->text();
}

} // namespace otter::ui
