// ErrorLineEdit: paints the error underline on top of the stock line edit.
#include "ui/pages/error_line_edit.h"

#include "ui/pages/semantic_colors.h"

#include <QPainter>
#include <QPainterPath>

namespace otter::ui {

ErrorLineEdit::ErrorLineEdit(QWidget *parent)
    : QLineEdit(parent)
{}

void ErrorLineEdit::setErrorRange(int position, int length)
{
    m_errorPosition = qMax(0, position);
    m_errorLength = qMax(1, length);
    update();
}

void ErrorLineEdit::clearErrorRange()
{
    m_errorPosition = -1;
    m_errorLength = 0;
    update();
}

int ErrorLineEdit::xForPosition(int position) const
{
    // QLineEdit keeps its scroll offset private; the cursor rectangle reveals it, so measure relative to the
    // cursor instead of from the left edge.
    const QString shown = text();
    const QFontMetrics metrics(font());
    const int clamped = qBound(0, position, int(shown.size()));
    const int cursor = cursorPosition();
    const int delta =
        metrics.horizontalAdvance(shown.left(clamped)) - metrics.horizontalAdvance(shown.left(cursor));
    return cursorRect().center().x() + delta;
}

void ErrorLineEdit::paintEvent(QPaintEvent *event)
{
    QLineEdit::paintEvent(event);
    if (m_errorPosition < 0)
        return;
    const QString shown = text();
    const int start = qMin(m_errorPosition, int(shown.size()));
    const int end = qMin(start + m_errorLength, int(shown.size()));
    const QFontMetrics metrics(font());
    const int x0 = xForPosition(start);
    // An error at the end of the text ("expected a value") marks the empty place where something is missing.
    const int x1 = end > start ? xForPosition(end) : x0 + metrics.averageCharWidth() * 2;
    const int y = cursorRect().bottom() - 1;

    QPainter painter(this);
    painter.setClipRect(contentsRect());
    painter.setRenderHint(QPainter::Antialiasing);
    QPen pen(semanticColor(Semantic::Error, palette()));
    pen.setWidthF(1.5);
    painter.setPen(pen);
    QPainterPath wave(QPointF(x0, y));
    const qreal step = 2.5;
    bool up = true;
    for (qreal x = x0 + step; x < x1 + step; x += step, up = !up)
        wave.lineTo(QPointF(qMin(x, qreal(x1)), up ? y - 2 : y));
    painter.drawPath(wave);
}

} // namespace otter::ui
