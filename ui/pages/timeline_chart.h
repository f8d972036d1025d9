// TimelineChart: a live line chart over time for the rollout detail. Each line's points are swapped in
// one replace() per refresh (never one append() per update), so redraw cost does not grow with the event
// rate. Colours come from the palette and the semantic colours, following light and dark themes.
#pragma once

#include <QList>
#include <QPointF>
#include <QtCharts/QChartView>

class QDateTimeAxis;
class QLineSeries;
class QValueAxis;

namespace otter::ui {

class TimelineChart final : public QChartView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimelineChart)

public:
    enum class LineTone { Success, Error, Warning, Muted };
    // Small counts beside large ones get a scale of their own, on the right.
    enum class Scale { Left, Right };

    TimelineChart(const QString &title, const QString &valueTitle, QWidget *parent = nullptr);

    // Returns the line's index. A dashed line is a reference (a threshold), drawn thinner.
    int addLine(const QString &name, LineTone tone, bool dashed = false, Scale scale = Scale::Left);
    // Titles the right-hand scale (made by the first line on it).
    void setRightTitle(const QString &title);
    // x: milliseconds since the epoch.
    void setPoints(int line, const QList<QPointF> &points);
    // The visible window: time from..to (ms since the epoch, widened to whole ticks), values 0..leftMax and
    // 0..rightMax (rounded up to 1, 2 or 5 × 10^n so the scales do not creep with every update).
    void setRanges(qint64 fromMs, qint64 toMs, double leftMax, double rightMax = 0);
    void setValueFormat(const QString &format);
    // The left scale never goes above this (100 for percentages).
    void setLeftCeiling(double ceiling);
    // The time window after setRanges() widened it to whole ticks.
    qint64 rangeStartMs() const { return m_fromMs; }
    qint64 rangeEndMs() const { return m_toMs; }

    int lineCount() const { return int(m_lines.size()); }
    QLineSeries *line(int index) const { return m_lines.at(index).series; }
    int pointCount(int line) const;

protected:
    void changeEvent(QEvent *event) override;

private:
    struct Line
    {
        QLineSeries *series = nullptr;
        LineTone tone = LineTone::Muted;
        bool dashed = false;
    };

    void applyPalette();
    // As many time ticks as fit the plot's width with their labels, at most six intervals.
    int maxTimeIntervals() const;

    QDateTimeAxis *m_time = nullptr;
    QValueAxis *m_values = nullptr;
    QValueAxis *m_right = nullptr;
    QList<Line> m_lines;
    qint64 m_fromMs = -1;
    qint64 m_toMs = -1;
    double m_leftMax = -1;
    double m_leftCeiling = 0; // 0: none
    double m_rightMax = -1;
};

} // namespace otter::ui
