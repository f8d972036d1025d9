// ErrorLineEdit: a QLineEdit that underlines a range of its text with a red wavy line, as a spell checker
// marks a word, so an operator sees exactly where an expression went wrong.
#pragma once

#include <QLineEdit>

namespace otter::ui {

class ErrorLineEdit final : public QLineEdit
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ErrorLineEdit)

public:
    explicit ErrorLineEdit(QWidget *parent = nullptr);

    // position: 0-based index into text(); length: characters to mark (at the end: a short stub).
    void setErrorRange(int position, int length);
    void clearErrorRange();
    bool hasErrorRange() const { return m_errorPosition >= 0; }

    // Horizontal pixel position, in this widget, of the gap before character `position` as currently
    // scrolled; used to point a caret under the error.
    int xForPosition(int position) const;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    int m_errorPosition = -1;
    int m_errorLength = 0;
};

} // namespace otter::ui
