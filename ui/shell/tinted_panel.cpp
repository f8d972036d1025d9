// Paints the tone background with a thin border in the text tone.
#include "ui/shell/tinted_panel.h"

#include <QPainter>

namespace otter::ui {

TintedPanel::TintedPanel(Tone background, Tone text, QWidget *parent)
    : QWidget(parent)
    , m_background(background)
    , m_text(text)
{}

QColor TintedPanel::textColour() const
{
    return toneColour(m_text, palette());
}

void TintedPanel::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    QColor border = textColour();
    border.setAlphaF(0.5f);
    painter.setPen(QPen(border, 1.0));
    painter.setBrush(toneColour(m_background, palette()));
    painter.drawRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), 4, 4);
}

} // namespace otter::ui
