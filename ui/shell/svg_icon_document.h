// A line-art icon read from the small SVG subset our own icons use, ready to paint at any size and colour.
#pragma once

#include <QList>
#include <QPainterPath>
#include <QRectF>
#include <QString>

class QPainter;
class QColor;

namespace otter::ui {

// Supports <svg viewBox>, <g>, <path d> (M L H V C Q A Z, absolute and relative; arcs only circular),
// <circle>, <rect rx>, <line>, <polyline>, <polygon>, with fill / stroke / stroke-width inherited.
// Colours are ignored on purpose: every shape takes the colour the caller passes, so one file serves the
// light and the dark palette.
class SvgIconDocument final
{
public:
    struct Shape
    {
        QPainterPath path;
        bool filled = false;
        bool stroked = true;
        double strokeWidth = 2.0;
    };

    static SvgIconDocument fromData(const QByteArray &svg);
    static SvgIconDocument fromFile(const QString &path);

    bool isValid() const { return !m_shapes.isEmpty() && m_viewBox.isValid(); }
    QRectF viewBox() const { return m_viewBox; }
    const QList<Shape> &shapes() const { return m_shapes; }

    // Scales the view box into target (keeping the aspect ratio, centred) and draws in colour.
    void paint(QPainter *painter, const QRectF &target, const QColor &colour) const;

    // Parses SVG path data; stops at the first unsupported command (the icon is then visibly incomplete).
    static QPainterPath parsePathData(QStringView data);

private:
    QRectF m_viewBox;
    QList<Shape> m_shapes;
};

} // namespace otter::ui
