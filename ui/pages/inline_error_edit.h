// InlineErrorEdit: a one-line expression field that checks its text locally as the operator types, shows
// problems inline (red underline at the position, a caret under it and the message below) and reports
// settled text after a pause in typing (debounce) or at once on Enter.
#pragma once

#include "ui/pages/error_line_edit.h"
#include "ui/pages/inline_error.h"

#include <QTimer>
#include <QWidget>

class QLabel;

namespace otter::ui {

class InlineErrorEdit final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InlineErrorEdit)

public:
    static constexpr int DefaultDebounceMs = 300;

    explicit InlineErrorEdit(QWidget *parent = nullptr);

    // Runs on every change; while it reports a problem, textSettled and submitted are not emitted (the
    // server would refuse the same text).
    void setChecker(InlineChecker checker);
    void setDebounceInterval(int ms) { m_debounce.setInterval(ms); }
    void setPlaceholderText(const QString &text);

    QString text() const;
    // Replaces the text without emitting textSettled (a programmatic load is not an edit).
    void setText(const QString &text);

    // An error found elsewhere (e.g. by the server); it stays until the text changes.
    void showError(const InlineError &error);
    void clearError();
    bool hasError() const { return m_hasError; }
    InlineError error() const { return m_error; }

    ErrorLineEdit *lineEdit() const { return m_edit; }

signals:
    // The operator changed the text (already checked: hasError() is current).
    void edited(const QString &text);
    // Valid text, after the operator stopped typing for the debounce interval.
    void textSettled(const QString &text);
    // Valid text, the operator pressed Enter.
    void submitted(const QString &text);
    void errorChanged(bool hasError);

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    void recheck();
    void onDebounced();
    void onReturn();

    ErrorLineEdit *m_edit = nullptr;
    QLabel *m_message = nullptr;
    QTimer m_debounce;
    InlineChecker m_checker;
    InlineError m_error;
    bool m_hasError = false;
    QString m_lastSettled;
};

} // namespace otter::ui
