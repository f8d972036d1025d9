// A QIconEngine that paints one of our SVG icons in the palette's text colour at whatever size is asked.
#pragma once

#include "ui/shell/svg_icon_document.h"

#include <QColor>
#include <QIconEngine>

#include <memory>

namespace otter::ui {

// Painting happens on demand from the current application palette, so icons stay readable when the
// palette switches between light and dark, and they are sharp at every device pixel ratio.
class SvgIconEngine final : public QIconEngine
{
public:
    // fixedColour: paint in this colour whatever the palette (for status colours); invalid = follow palette.
    SvgIconEngine(std::shared_ptr<const SvgIconDocument> document, QColor fixedColour);

    void paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State state) override;
    QPixmap pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state) override;
    QIconEngine *clone() const override;
    QString key() const override;

    // The colour an icon gets in the given mode under the current application palette.
    QColor colourFor(QIcon::Mode mode) const;

private:
    std::shared_ptr<const SvgIconDocument> m_document;
    QColor m_fixedColour;
};

} // namespace otter::ui
