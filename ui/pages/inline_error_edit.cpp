// InlineErrorEdit: local check on each change, debounce, and the caret painted between field and message.
#include "ui/pages/inline_error_edit.h"

#include "ui/pages/error_line_edit.h"
#include "ui/pages/semantic_colors.h"

#include <QLabel>
#include <QPainter>
#include <QVBoxLayout>

namespace otter::ui {
namespace {
constexpr int CaretHeight = 5;
}

InlineErrorEdit::InlineErrorEdit(QWidget *parent)
    : QWidget(parent)
    , m_edit(new ErrorLineEdit(this))
    , m_message(new QLabel(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(CaretHeight + 1);
    layout->addWidget(m_edit);
    layout->addWidget(m_message);
    // Extra height given by a parent goes below the message, never between the field and its caret.
    layout->addStretch(1);
    m_edit->setClearButtonEnabled(true);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->hide();
    setFocusProxy(m_edit);

    m_debounce.setSingleShot(true);
    m_debounce.setInterval(DefaultDebounceMs);
    connect(&m_debounce, &QTimer::timeout, this, &InlineErrorEdit::onDebounced);
    connect(m_edit, &QLineEdit::textChanged, this, &InlineErrorEdit::recheck);
    // QLineEdit emits textEdited before textChanged: check here too so `edited` sees the new verdict.
    connect(m_edit, &QLineEdit::textEdited, this, [this](const QString &text) {
        recheck();
        m_debounce.start();
        emit edited(text);
    });
    connect(m_edit, &QLineEdit::returnPressed, this, &InlineErrorEdit::onReturn);
    // The caret follows the text as the field scrolls or the cursor moves.
    connect(m_edit, &QLineEdit::cursorPositionChanged, this, qOverload<>(&QWidget::update));
}

void InlineErrorEdit::setChecker(InlineChecker checker)
{
    m_checker = std::move(checker);
    recheck();
}

void InlineErrorEdit::setPlaceholderText(const QString &text)
{
    m_edit->setPlaceholderText(text);
}

QString InlineErrorEdit::text() const
{
    return m_edit->text();
}

void InlineErrorEdit::setText(const QString &text)
{
    m_debounce.stop();
    m_edit->setText(text);
    m_lastSettled = text;
    recheck();
}

void InlineErrorEdit::showError(const InlineError &error)
{
    m_error = error;
    m_hasError = true;
    if (error.column > 0)
        m_edit->setErrorRange(error.column - 1, error.length);
    else
        m_edit->clearErrorRange();
    m_message->setText(error.column > 0 ? tr("Column %1: %2").arg(error.column).arg(error.message)
                                        : error.message);
    QPalette palette = m_message->palette();
    palette.setColor(QPalette::WindowText, semanticColor(Semantic::Error, this->palette()));
    m_message->setPalette(palette);
    m_message->show();
    update();
    emit errorChanged(true);
}

void InlineErrorEdit::clearError()
{
    if (!m_hasError)
        return;
    m_hasError = false;
    m_error = {};
    m_edit->clearErrorRange();
    m_message->clear();
    m_message->hide();
    update();
    emit errorChanged(false);
}

void InlineErrorEdit::recheck()
{
    const auto problem = m_checker ? m_checker(m_edit->text()) : std::nullopt;
    if (problem)
        showError(*problem);
    else
        clearError();
}

void InlineErrorEdit::onDebounced()
{
    if (m_hasError || m_edit->text() == m_lastSettled)
        return;
    m_lastSettled = m_edit->text();
    emit textSettled(m_lastSettled);
}

void InlineErrorEdit::onReturn()
{
    m_debounce.stop();
    if (m_hasError)
        return;
    m_lastSettled = m_edit->text();
    emit submitted(m_lastSettled);
}

void InlineErrorEdit::paintEvent(QPaintEvent *event)
{
    QWidget::paintEvent(event);
    if (!m_hasError || m_error.column <= 0)
        return;
    // A small upward caret in the gap between field and message, under the offending character.
    const QRect field = m_edit->geometry();
    // Centred under the offending character (or just after the text when something is missing there).
    const int position = m_error.column - 1;
    const int charLeft = m_edit->xForPosition(position);
    const int charRight = position < m_edit->text().size()
                              ? m_edit->xForPosition(position + 1)
                              : charLeft + m_edit->fontMetrics().averageCharWidth();
    const int x = field.left() + qBound(4, (charLeft + charRight) / 2, field.width() - 4);
    const int top = field.bottom() + 1;
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(semanticColor(Semantic::Error, palette()));
    const QPointF caret[3] = {QPointF(x, top), QPointF(x - CaretHeight, top + CaretHeight),
                              QPointF(x + CaretHeight, top + CaretHeight)};
    painter.drawPolygon(caret, 3);
}

} // namespace otter::ui
