// Confirmation of a rollout action (submit, start, pause, resume, abort): names the rollout, says what the
// action does to the devices, and asks for the reason where the server requires one (pause, abort).
#pragma once

#include "models/rollout_rules.h"

#include <QDialog>

class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace otter::ui {

class RolloutActionDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RolloutActionDialog)

public:
    RolloutActionDialog(models::RolloutAction action, const QString &rolloutName, QWidget *parent = nullptr);

    models::RolloutAction action() const { return m_action; }
    // The reason or comment typed, trimmed.
    QString text() const;
    QString headline() const;
    QString effect() const;
    QPlainTextEdit *textEdit() const { return m_text; }
    QPushButton *confirmButton() const { return m_confirm; }
    QPushButton *cancelButton() const { return m_cancel; }

    // What the action does, in the words the dialog uses.
    static QString effectText(models::RolloutAction action);

private:
    models::RolloutAction m_action;
    QLabel *m_headline;
    QLabel *m_effect;
    QPlainTextEdit *m_text;
    QPushButton *m_confirm;
    QPushButton *m_cancel;
};

} // namespace otter::ui
