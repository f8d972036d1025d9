// Paints the connection state's coloured dot.
#include "ui/shell/status_dot.h"

#include <QPainter>

namespace otter::ui {

StatusDot::StatusDot(QWidget *parent)
    : QWidget(parent)
    , m_colour(Qt::gray)
{
    setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
}

void StatusDot::setColour(const QColor &colour)
{
    m_colour = colour;
    update();
}

QSize StatusDot::sizeHint() const
{
    const int side = fontMetrics().height() * 2 / 3;
    return {side, side};
}

void StatusDot::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const qreal side = std::min(width(), height()) - 1.0;
    const QRectF circle((width() - side) / 2.0, (height() - side) / 2.0, side, side);
    // A darker rim keeps the dot visible on both light and dark status bars.
    painter.setPen(QPen(m_colour.darker(140), 1.0));
    painter.setBrush(m_colour);
    painter.drawEllipse(circle);
}

} // namespace otter::ui
