// RolloutApprovalPane: the plan and pre-flight in one browser; the decision row below it.
#include "ui/pages/rollout_approval_pane.h"

#include "ui/pages/semantic_colors.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace otter::ui {

RolloutApprovalPane::RolloutApprovalPane(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_requester(new QLabel(this))
    , m_details(new QTextBrowser(this))
    , m_comment(new QPlainTextEdit(this))
    , m_blockerLabel(new QLabel(this))
    , m_reject(new QPushButton(tr("&Reject"), this))
    , m_approve(new QPushButton(tr("&Approve"), this))
{
    setObjectName(u"approvalPane"_s);
    QFont big = m_title->font();
    big.setBold(true);
    big.setPointSizeF(big.pointSizeF() * 1.15);
    m_title->setFont(big);
    m_title->setWordWrap(true);
    m_requester->setWordWrap(true);
    m_requester->setObjectName(u"requester"_s);
    m_details->setObjectName(u"whatWillHappen"_s);
    m_details->setOpenLinks(false);
    m_comment->setObjectName(u"approvalComment"_s);
    m_comment->setPlaceholderText(
        tr("Comment: optional to approve, required to reject (say what must change)"));
    m_comment->setTabChangesFocus(true);
    m_comment->setFixedHeight(m_comment->fontMetrics().lineSpacing() * 3 + 12);
    m_blockerLabel->setObjectName(u"approvalBlocker"_s);
    m_blockerLabel->setWordWrap(true);
    QPalette warning = m_blockerLabel->palette();
    warning.setColor(QPalette::WindowText, semanticColor(Semantic::Warning, palette()));
    m_blockerLabel->setPalette(warning);
    m_reject->setObjectName(u"reject"_s);
    m_approve->setObjectName(u"approve"_s);

    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_reject);
    buttons->addWidget(m_approve);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addWidget(m_requester);
    layout->addWidget(m_details, 1);
    layout->addWidget(m_comment);
    layout->addWidget(m_blockerLabel);
    layout->addLayout(buttons);

    connect(m_comment, &QPlainTextEdit::textChanged, this, &RolloutApprovalPane::updateButtons);
    connect(m_approve, &QPushButton::clicked, this, [this] {
        emit approveRequested(m_rollout.id, m_rollout.revision, m_comment->toPlainText().trimmed());
    });
    connect(m_reject, &QPushButton::clicked, this, [this] {
        emit rejectRequested(m_rollout.id, m_rollout.revision, m_comment->toPlainText().trimmed());
    });
    render();
}

void RolloutApprovalPane::setRollout(const models::RolloutRecord &rollout)
{
    const bool other = rollout.id != m_rollout.id;
    m_rollout = rollout;
    if (other) {
        m_comment->clear();
        m_previewHtml.clear();
    }
    render();
}

void RolloutApprovalPane::setNames(const RolloutNames &names)
{
    m_names = names;
    render();
}

void RolloutApprovalPane::setApprovalBlocker(const QString &reason)
{
    m_blocker = reason;
    updateButtons();
}

void RolloutApprovalPane::setPreview(const QString &rolloutId, const models::RolloutPreviewRecord &preview)
{
    if (rolloutId != m_rollout.id)
        return;
    m_previewHtml = rolloutPreviewHtml(preview);
    render();
}

void RolloutApprovalPane::setPreviewError(const QString &rolloutId, const QString &message)
{
    if (rolloutId != m_rollout.id)
        return;
    m_previewHtml = u"<p><i>%1</i></p>"_s.arg(tr("No pre-flight: %1").arg(message).toHtmlEscaped());
    render();
}

QString RolloutApprovalPane::blockerText() const
{
    return m_blockerLabel->text();
}

QString RolloutApprovalPane::whatWillHappenHtml() const
{
    return m_details->toHtml();
}

void RolloutApprovalPane::render()
{
    if (m_rollout.id.isEmpty()) {
        m_title->setText(tr("Nothing selected"));
        m_requester->setText(tr("Select a rollout waiting for approval to see what approving it will do."));
        m_details->clear();
        updateButtons();
        return;
    }
    m_title->setText(
        tr("%1 — waiting for approval").arg(m_rollout.name.isEmpty() ? m_rollout.id : m_rollout.name));
    const QLocale locale;
    QString requester = tr("Created by %1").arg(m_rollout.createdBy);
    if (!m_rollout.submitted.actor.isEmpty()) {
        requester += tr(", submitted by %1 on %2")
                         .arg(m_rollout.submitted.actor,
                              locale.toString(m_rollout.submitted.time.toLocalTime(), QLocale::ShortFormat));
        if (!m_rollout.submitted.comment.isEmpty())
            requester += tr(": “%1”").arg(m_rollout.submitted.comment);
    }
    if (!m_rollout.rejected.actor.isEmpty())
        requester +=
            tr(". Rejected before by %1: “%2”").arg(m_rollout.rejected.actor, m_rollout.rejected.comment);
    m_requester->setText(requester);
    QString html = u"<h4>%1</h4>"_s.arg(tr("Plan").toHtmlEscaped()) + rolloutPlanHtml(m_rollout, m_names);
    html += u"<h4>%1</h4>"_s.arg(tr("If it started now").toHtmlEscaped());
    html += m_previewHtml.isEmpty() ? u"<p><i>%1</i></p>"_s.arg(tr("Asking the server for the pre-flight…"))
                                    : m_previewHtml;
    m_details->setHtml(html);
    updateButtons();
}

void RolloutApprovalPane::updateButtons()
{
    const bool shown = !m_rollout.id.isEmpty();
    const bool allowed = shown && m_blocker.isEmpty();
    const bool hasComment = !m_comment->toPlainText().trimmed().isEmpty();
    m_approve->setEnabled(allowed);
    m_reject->setEnabled(allowed && hasComment);
    m_comment->setEnabled(allowed);
    m_blockerLabel->setText(shown ? m_blocker : QString());
    m_blockerLabel->setVisible(shown && !m_blocker.isEmpty());
    m_approve->setToolTip(
        allowed ? tr("Approve this revision of the rollout; any operator may then start it.") : m_blocker);
    m_reject->setToolTip(!allowed      ? m_blocker
                         : !hasComment ? tr("Write in the comment what must change, then reject.")
                                       : tr("Send the rollout back to its author as a draft."));
}

} // namespace otter::ui
