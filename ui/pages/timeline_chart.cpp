// TimelineChart: palette-following line chart with a time axis.
#include "ui/pages/timeline_chart.h"

#include "ui/pages/chart_palette.h"
#include "ui/pages/semantic_colors.h"

#include <QDateTime>
#include <QEvent>
#include <QFontMetrics>
#include <QtCharts/QDateTimeAxis>
#include <QtCharts/QLineSeries>
#include <QtCharts/QValueAxis>

#include <cmath>

namespace otter::ui {

namespace {

// 1, 2 or 5 × 10^n at or above value (at least 1).
double niceCeiling(double value)
{
    double top = 1;
    while (top < value) {
        if (top * 2 >= value)
            return top * 2;
        if (top * 5 >= value)
            return top * 5;
        top *= 10;
    }
    return top;
}

// Tick count for a scale 0..top where top is 1, 2 or 5 × 10^n: steps of 2, 5 or 1 × 10^(n-1).
int valueTicks(double top)
{
    const double leading = top / std::pow(10.0, std::floor(std::log10(top) + 1e-9));
    return leading < 1.5 ? 6 : leading < 3 ? 5 : 6;
}

// The smallest round clock step that covers from..to, widened to whole steps, in at most maxIntervals.
qint64 tickStepMs(qint64 fromMs, qint64 toMs, qint64 offsetMs, int maxIntervals)
{
    constexpr qint64 Second = 1000, Minute = 60 * Second, Hour = 60 * Minute, Day = 24 * Hour;
    for (qint64 step : {10 * Second, 15 * Second, 30 * Second, Minute, 2 * Minute, 5 * Minute, 10 * Minute,
                        15 * Minute, 30 * Minute, Hour, 2 * Hour, 3 * Hour, 6 * Hour, 12 * Hour, Day}) {
        const qint64 from = (fromMs + offsetMs) / step * step;
        const qint64 to = (toMs + offsetMs + step - 1) / step * step;
        if ((to - from) / step <= maxIntervals)
            return step;
    }
    return ((toMs - fromMs) / (qint64(maxIntervals) * Day) + 1) * Day;
}

} // namespace

TimelineChart::TimelineChart(const QString &title, const QString &valueTitle, QWidget *parent)
    : QChartView(parent)
    , m_time(new QDateTimeAxis())
    , m_values(new QValueAxis())
{
    auto *chart = new QChart();
    chart->setTitle(title);
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setMargins(QMargins(4, 4, 8, 4));
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->addAxis(m_time, Qt::AlignBottom);
    chart->addAxis(m_values, Qt::AlignLeft);
    m_time->setFormat(QStringLiteral("HH:mm"));
    m_time->setTickCount(6);
    m_values->setTitleText(valueTitle);
    m_values->setLabelFormat(QStringLiteral("%d"));
    m_values->setTickCount(5);
    m_values->setRange(0, 1);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    m_time->setRange(QDateTime::fromMSecsSinceEpoch(now - 60000), QDateTime::fromMSecsSinceEpoch(now));
    setChart(chart);
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(200);
    applyPalette();
}

int TimelineChart::addLine(const QString &name, LineTone tone, bool dashed, Scale scale)
{
    auto *series = new QLineSeries();
    series->setName(name);
    chart()->addSeries(series);
    series->attachAxis(m_time);
    if (scale == Scale::Right && !m_right) {
        m_right = new QValueAxis();
        m_right->setLabelFormat(QStringLiteral("%d"));
        m_right->setTickCount(5);
        m_right->setRange(0, 1);
        m_right->setGridLineVisible(false);
        chart()->addAxis(m_right, Qt::AlignRight);
    }
    series->attachAxis(scale == Scale::Right ? m_right : m_values);
    m_lines.append({series, tone, dashed});
    applyPalette();
    return int(m_lines.size()) - 1;
}

void TimelineChart::setPoints(int line, const QList<QPointF> &points)
{
    m_lines.at(line).series->replace(points);
}

void TimelineChart::setRightTitle(const QString &title)
{
    if (m_right)
        m_right->setTitleText(title);
}

void TimelineChart::setRanges(qint64 fromMs, qint64 toMs, double leftMax, double rightMax)
{
    // Ticks on round times of the local clock: the window is widened to whole steps.
    const qint64 offset = qint64(QDateTime::fromMSecsSinceEpoch(fromMs).offsetFromUtc()) * 1000;
    const int intervals = maxTimeIntervals();
    const qint64 step = tickStepMs(fromMs, qMax(toMs, fromMs + 1), offset, intervals);
    const qint64 from = (fromMs + offset) / step * step - offset;
    const qint64 to = qMax(from + step, (toMs + offset + step - 1) / step * step - offset);
    if (from != m_fromMs || to != m_toMs) {
        m_fromMs = from;
        m_toMs = to;
        m_time->setRange(QDateTime::fromMSecsSinceEpoch(from), QDateTime::fromMSecsSinceEpoch(to));
        m_time->setTickCount(int((to - from) / step) + 1);
        // Seconds matter in the first minutes of a rollout, dates once it spans days.
        m_time->setFormat(step < 60 * 1000          ? QStringLiteral("HH:mm:ss")
                          : step < 24 * 3600 * 1000 ? QStringLiteral("HH:mm")
                                                    : QStringLiteral("d MMM"));
    }
    double top = niceCeiling(leftMax * 1.05);
    if (m_leftCeiling > 0)
        top = qMin(top, m_leftCeiling);
    if (top != m_leftMax) {
        m_leftMax = top;
        m_values->setRange(0, top);
        m_values->setTickCount(valueTicks(top));
    }
    if (const double right = niceCeiling(rightMax * 1.05); m_right && right != m_rightMax) {
        m_rightMax = right;
        m_right->setRange(0, right);
        m_right->setTickCount(valueTicks(right));
    }
}

int TimelineChart::maxTimeIntervals() const
{
    const double plot = chart()->plotArea().width();
    const int available = plot > 0 ? int(plot) : width() - 120;
    const int label = QFontMetrics(m_time->labelsFont()).horizontalAdvance(QStringLiteral("00:00:00")) + 24;
    return qBound(2, available / qMax(1, label), 6);
}

void TimelineChart::setLeftCeiling(double ceiling)
{
    m_leftCeiling = ceiling;
}

void TimelineChart::setValueFormat(const QString &format)
{
    m_values->setLabelFormat(format);
}

int TimelineChart::pointCount(int line) const
{
    return int(m_lines.at(line).series->count());
}

void TimelineChart::changeEvent(QEvent *event)
{
    QChartView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
}

void TimelineChart::applyPalette()
{
    QList<QAbstractAxis *> axes = {m_time, m_values};
    if (m_right)
        axes.append(m_right);
    applyChartPalette(this, axes);
    const QPalette palette = this->palette();
    const QColor text = palette.color(QPalette::Text);
    QFont titleFont = chart()->titleFont();
    titleFont.setBold(true);
    chart()->setTitleFont(titleFont);
    chart()->legend()->setLabelColor(text);
    for (const Line &line : std::as_const(m_lines)) {
        QColor colour;
        switch (line.tone) {
        case LineTone::Success:
            colour = semanticColor(Semantic::Success, palette);
            break;
        case LineTone::Error:
            colour = semanticColor(Semantic::Error, palette);
            break;
        case LineTone::Warning:
            colour = semanticColor(Semantic::Warning, palette);
            break;
        case LineTone::Muted:
            colour = text;
            colour.setAlphaF(0.6f);
            break;
        }
        QPen pen(colour, line.dashed ? 1.5 : 2.5);
        pen.setStyle(line.dashed ? Qt::DashLine : Qt::SolidLine);
        pen.setCapStyle(Qt::RoundCap);
        line.series->setPen(pen);
    }
}

} // namespace otter::ui
