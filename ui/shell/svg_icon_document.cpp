// Parser and painter for the SVG subset of the console's icons (Qt's SVG module is not a dependency).
#include "ui/shell/svg_icon_document.h"

#include <QColor>
#include <QFile>
#include <QLineF>
#include <QPainter>
#include <QStack>
#include <QXmlStreamReader>
#include <QtMath>

#include <cmath>

using namespace Qt::StringLiterals;

namespace otter::ui {
namespace {

// Reads numbers out of path data and point lists, where separators may be commas, spaces or a sign.
class NumberReader
{
public:
    explicit NumberReader(QStringView text)
        : m_text(text)
    {}

    void skipSeparators()
    {
        while (m_pos < m_text.size() && (m_text[m_pos].isSpace() || m_text[m_pos] == u','))
            ++m_pos;
    }
    bool atEnd()
    {
        skipSeparators();
        return m_pos >= m_text.size();
    }
    bool nextIsNumber()
    {
        skipSeparators();
        if (m_pos >= m_text.size())
            return false;
        const QChar c = m_text[m_pos];
        return c.isDigit() || c == u'-' || c == u'+' || c == u'.';
    }
    QChar takeChar() { return m_text[m_pos++]; }

    bool readNumber(double &value)
    {
        if (!nextIsNumber())
            return false;
        const qsizetype start = m_pos;
        if (m_text[m_pos] == u'-' || m_text[m_pos] == u'+')
            ++m_pos;
        bool seenDot = false;
        bool seenExponent = false;
        while (m_pos < m_text.size()) {
            const QChar c = m_text[m_pos];
            if (c.isDigit()) {
                ++m_pos;
            } else if (c == u'.' && !seenDot && !seenExponent) {
                seenDot = true;
                ++m_pos;
            } else if ((c == u'e' || c == u'E') && !seenExponent) {
                seenExponent = true;
                ++m_pos;
                if (m_pos < m_text.size() && (m_text[m_pos] == u'-' || m_text[m_pos] == u'+'))
                    ++m_pos;
            } else {
                break;
            }
        }
        bool ok = false;
        value = m_text.sliced(start, m_pos - start).toDouble(&ok);
        return ok;
    }

    bool readPoint(QPointF &point)
    {
        double x = 0;
        double y = 0;
        if (!readNumber(x) || !readNumber(y))
            return false;
        point = {x, y};
        return true;
    }

private:
    QStringView m_text;
    qsizetype m_pos = 0;
};

// SVG arcs are given by their end points; QPainterPath wants the bounding rectangle and angles. Only
// circular, unrotated arcs are needed by our icons; anything else degrades to a straight line.
void arcTo(QPainterPath &path, QPointF to, double radius, bool largeArc, bool sweep)
{
    const QPointF from = path.currentPosition();
    const QLineF chord(from, to);
    const double half = chord.length() / 2.0;
    if (radius <= 0 || half == 0) {
        path.lineTo(to);
        return;
    }
    radius = std::max(radius, half);
    const double offset = std::sqrt(std::max(0.0, radius * radius - half * half));
    const QPointF middle = (from + to) / 2.0;
    const QPointF unit = (to - from) / chord.length();
    const QPointF normal(-unit.y(), unit.x());
    // The centre sits on the side that gives the requested arc size and direction.
    const double side = (largeArc == sweep) ? -1.0 : 1.0;
    const QPointF centre = middle + normal * (offset * side);
    const auto angleOf = [&](QPointF p) {
        return qRadiansToDegrees(std::atan2(-(p.y() - centre.y()), p.x() - centre.x()));
    };
    const double start = angleOf(from);
    double span = angleOf(to) - start;
    // QPainterPath angles run counter-clockwise on screen; an SVG sweep flag of 1 runs clockwise.
    if (sweep && span > 0)
        span -= 360.0;
    if (!sweep && span < 0)
        span += 360.0;
    path.arcTo(QRectF(centre.x() - radius, centre.y() - radius, 2 * radius, 2 * radius), start, span);
}

double number(const QXmlStreamAttributes &attributes, QLatin1StringView name)
{
    return attributes.value(name).toDouble();
}

QPainterPath pointsPath(QStringView points, bool close)
{
    QPainterPath path;
    NumberReader reader(points);
    QPointF point;
    if (!reader.readPoint(point))
        return path;
    path.moveTo(point);
    while (reader.readPoint(point))
        path.lineTo(point);
    if (close)
        path.closeSubpath();
    return path;
}

} // namespace

QPainterPath SvgIconDocument::parsePathData(QStringView data)
{
    QPainterPath path;
    NumberReader reader(data);
    QChar command;
    QPointF current;
    QPointF subpathStart;
    while (!reader.atEnd()) {
        if (!reader.nextIsNumber()) {
            command = reader.takeChar();
        } else if (command.isNull()) {
            return path;
        }
        const bool relative = command.isLower();
        const QPointF base = relative ? current : QPointF();
        QPointF p;
        double value = 0;
        switch (command.toUpper().unicode()) {
        case 'M':
            if (!reader.readPoint(p))
                return path;
            current = subpathStart = base + p;
            path.moveTo(current);
            command = relative ? u'l' : u'L'; // further pairs are line segments
            break;
        case 'L':
            if (!reader.readPoint(p))
                return path;
            current = base + p;
            path.lineTo(current);
            break;
        case 'H':
            if (!reader.readNumber(value))
                return path;
            current.setX(relative ? current.x() + value : value);
            path.lineTo(current);
            break;
        case 'V':
            if (!reader.readNumber(value))
                return path;
            current.setY(relative ? current.y() + value : value);
            path.lineTo(current);
            break;
        case 'C': {
            QPointF c1, c2;
            if (!reader.readPoint(c1) || !reader.readPoint(c2) || !reader.readPoint(p))
                return path;
            path.cubicTo(base + c1, base + c2, base + p);
            current = base + p;
            break;
        }
        case 'Q': {
            QPointF c1;
            if (!reader.readPoint(c1) || !reader.readPoint(p))
                return path;
            path.quadTo(base + c1, base + p);
            current = base + p;
            break;
        }
        case 'A': {
            double rx = 0, ry = 0, rotation = 0, large = 0, sweep = 0;
            if (!reader.readNumber(rx) || !reader.readNumber(ry) || !reader.readNumber(rotation) ||
                !reader.readNumber(large) || !reader.readNumber(sweep) || !reader.readPoint(p))
                return path;
            arcTo(path, base + p, (rx + ry) / 2.0, large != 0, sweep != 0);
            current = base + p;
            break;
        }
        case 'Z':
            path.closeSubpath();
            current = subpathStart;
            command = QChar();
            break;
        default:
            return path;
        }
    }
    return path;
}

SvgIconDocument SvgIconDocument::fromFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return fromData(file.readAll());
}

SvgIconDocument SvgIconDocument::fromData(const QByteArray &svg)
{
    struct Style
    {
        bool filled = false;
        bool stroked = true;
        double strokeWidth = 1.0;
    };
    SvgIconDocument document;
    QStack<Style> styles;
    styles.push(Style{});
    QXmlStreamReader xml(svg);
    while (!xml.atEnd()) {
        const auto token = xml.readNext();
        if (token == QXmlStreamReader::EndElement) {
            styles.pop();
            continue;
        }
        if (token != QXmlStreamReader::StartElement)
            continue;
        const QXmlStreamAttributes attributes = xml.attributes();
        Style style = styles.top();
        if (attributes.hasAttribute("fill"_L1))
            style.filled = attributes.value("fill"_L1) != "none"_L1;
        if (attributes.hasAttribute("stroke"_L1))
            style.stroked = attributes.value("stroke"_L1) != "none"_L1;
        if (attributes.hasAttribute("stroke-width"_L1))
            style.strokeWidth = number(attributes, "stroke-width"_L1);
        styles.push(style);

        const QStringView name = xml.name();
        QPainterPath path;
        if (name == "svg"_L1) {
            NumberReader reader(attributes.value("viewBox"_L1));
            double x = 0, y = 0, w = 0, h = 0;
            if (reader.readNumber(x) && reader.readNumber(y) && reader.readNumber(w) && reader.readNumber(h))
                document.m_viewBox = QRectF(x, y, w, h);
            continue;
        } else if (name == "path"_L1) {
            path = parsePathData(attributes.value("d"_L1));
        } else if (name == "circle"_L1) {
            const double r = number(attributes, "r"_L1);
            path.addEllipse(QPointF(number(attributes, "cx"_L1), number(attributes, "cy"_L1)), r, r);
        } else if (name == "rect"_L1) {
            const QRectF rect(number(attributes, "x"_L1), number(attributes, "y"_L1),
                              number(attributes, "width"_L1), number(attributes, "height"_L1));
            const double rx = number(attributes, "rx"_L1);
            path.addRoundedRect(rect, rx,
                                attributes.hasAttribute("ry"_L1) ? number(attributes, "ry"_L1) : rx);
        } else if (name == "line"_L1) {
            path.moveTo(number(attributes, "x1"_L1), number(attributes, "y1"_L1));
            path.lineTo(number(attributes, "x2"_L1), number(attributes, "y2"_L1));
        } else if (name == "polyline"_L1 || name == "polygon"_L1) {
            path = pointsPath(attributes.value("points"_L1), name == "polygon"_L1);
        } else {
            continue;
        }
        if (!path.isEmpty())
            document.m_shapes.append({path, style.filled, style.stroked, style.strokeWidth});
    }
    if (xml.hasError())
        return {};
    return document;
}

void SvgIconDocument::paint(QPainter *painter, const QRectF &target, const QColor &colour) const
{
    if (!isValid() || target.isEmpty())
        return;
    const double scale = std::min(target.width() / m_viewBox.width(), target.height() / m_viewBox.height());
    const QSizeF drawn = m_viewBox.size() * scale;
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->translate(target.x() + (target.width() - drawn.width()) / 2.0,
                       target.y() + (target.height() - drawn.height()) / 2.0);
    painter->scale(scale, scale);
    painter->translate(-m_viewBox.topLeft());
    for (const Shape &shape : m_shapes) {
        painter->setBrush(shape.filled ? QBrush(colour) : QBrush(Qt::NoBrush));
        if (shape.stroked)
            painter->setPen(QPen(colour, shape.strokeWidth, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        else
            painter->setPen(Qt::NoPen);
        painter->drawPath(shape.path);
    }
    painter->restore();
}

} // namespace otter::ui
