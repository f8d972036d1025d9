// RolloutApprovalPane: one rollout waiting for approval as the approver decides on it — who asks, the plan,
// and the pre-flight of what approving and starting it will do — with Approve / Reject and a comment.
// When the operator may not decide (four-eyes, role) the buttons are disabled and a line says why.
#pragma once

#include "models/records.h"
#include "models/rollout_preview.h"
#include "ui/pages/rollout_plan_text.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTextBrowser;

namespace otter::ui {

class RolloutApprovalPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RolloutApprovalPane)

public:
    explicit RolloutApprovalPane(QWidget *parent = nullptr);

    // An invalid (empty id) record clears the pane.
    void setRollout(const models::RolloutRecord &rollout);
    QString rolloutId() const { return m_rollout.id; }
    void setNames(const RolloutNames &names);
    // Why the operator may not approve or reject; empty when they may.
    void setApprovalBlocker(const QString &reason);
    // Answers for the rollout shown; answers for another rollout are ignored.
    void setPreview(const QString &rolloutId, const models::RolloutPreviewRecord &preview);
    void setPreviewError(const QString &rolloutId, const QString &message);

    QPushButton *approveButton() const { return m_approve; }
    QPushButton *rejectButton() const { return m_reject; }
    QPlainTextEdit *commentEdit() const { return m_comment; }
    QString blockerText() const;
    QString whatWillHappenHtml() const;

signals:
    void approveRequested(const QString &rolloutId, qint64 expectedRevision, const QString &comment);
    void rejectRequested(const QString &rolloutId, qint64 expectedRevision, const QString &comment);

private:
    void render();
    void updateButtons();

    models::RolloutRecord m_rollout;
    RolloutNames m_names;
    QString m_blocker;
    QString m_previewHtml;
    QLabel *m_title;
    QLabel *m_requester;
    QTextBrowser *m_details;
    QPlainTextEdit *m_comment;
    QLabel *m_blockerLabel;
    QPushButton *m_reject;
    QPushButton *m_approve;
};

} // namespace otter::ui
