// Palette-following icon engine for the console's own SVG icons.
#include "ui/shell/svg_icon_engine.h"

#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QPalette>
#include <QPixmap>

using namespace Qt::StringLiterals;

namespace otter::ui {

SvgIconEngine::SvgIconEngine(std::shared_ptr<const SvgIconDocument> document, QColor fixedColour)
    : m_document(std::move(document))
    , m_fixedColour(fixedColour)
{}

QColor SvgIconEngine::colourFor(QIcon::Mode mode) const
{
    const QPalette palette = QGuiApplication::palette();
    if (mode == QIcon::Disabled) {
        if (m_fixedColour.isValid()) {
            QColor faded = m_fixedColour;
            faded.setAlphaF(0.45f);
            return faded;
        }
        return palette.color(QPalette::Disabled, QPalette::WindowText);
    }
    if (m_fixedColour.isValid())
        return m_fixedColour;
    if (mode == QIcon::Selected)
        return palette.color(QPalette::Active, QPalette::HighlightedText);
    return palette.color(QPalette::Active, QPalette::WindowText);
}

void SvgIconEngine::paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State)
{
    if (m_document)
        m_document->paint(painter, rect, colourFor(mode));
}

QPixmap SvgIconEngine::pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state)
{
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    {
        QPainter painter(&image);
        paint(&painter, QRect(QPoint(), size), mode, state);
    }
    return QPixmap::fromImage(image);
}

QIconEngine *SvgIconEngine::clone() const
{
    return new SvgIconEngine(m_document, m_fixedColour);
}

QString SvgIconEngine::key() const
{
    return u"otter-svg"_s;
}

} // namespace otter::ui
