// VersionChart: the chart's colours come from the widget palette, so it follows light and dark themes.
#include "ui/pages/version_chart.h"

#include "core/semver.h"
#include "ui/pages/chart_palette.h"

#include <QEvent>
#include <QtCharts/QBarCategoryAxis>
#include <QtCharts/QBarSeries>
#include <QtCharts/QBarSet>
#include <QtCharts/QValueAxis>

#include <algorithm>

namespace otter::ui {

VersionChart::VersionChart(QWidget *parent)
    : QChartView(parent)
    , m_series(new QBarSeries())
    , m_versions(new QBarCategoryAxis())
    , m_counts(new QValueAxis())
{
    auto *chart = new QChart();
    chart->legend()->hide();
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->addSeries(m_series);
    chart->addAxis(m_versions, Qt::AlignBottom);
    chart->addAxis(m_counts, Qt::AlignLeft);
    m_series->attachAxis(m_versions);
    m_series->attachAxis(m_counts);
    m_series->setLabelsVisible(true);
    m_series->setLabelsPosition(QAbstractBarSeries::LabelsOutsideEnd);
    m_counts->setLabelFormat(QStringLiteral("%d"));
    m_counts->setTitleText(tr("Devices"));
    m_versions->setTitleText(tr("Firmware version"));
    setChart(chart);
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(220);
    applyPalette();
}

void VersionChart::setVersions(const QList<QPair<QString, qint64>> &devicesByVersion)
{
    QList<QPair<QString, qint64>> shown = devicesByVersion;
    qint64 other = 0;
    if (shown.size() > MaxBars) {
        // Keep the most common versions; the long tail becomes one bar.
        std::sort(shown.begin(), shown.end(),
                  [](const auto &a, const auto &b) { return a.second > b.second; });
        for (qsizetype i = MaxBars - 1; i < shown.size(); ++i)
            other += shown[i].second;
        shown.resize(MaxBars - 1);
    }
    std::sort(shown.begin(), shown.end(),
              [](const auto &a, const auto &b) { return compareVersions(a.first, b.first) < 0; });

    QStringList categories;
    auto *set = new QBarSet(tr("Devices"));
    qint64 highest = 0;
    for (const auto &[version, count] : std::as_const(shown)) {
        categories.append(version.isEmpty() ? tr("unknown") : version);
        set->append(double(count));
        highest = qMax(highest, count);
    }
    if (other > 0) {
        categories.append(tr("other"));
        set->append(double(other));
        highest = qMax(highest, other);
    }
    m_series->clear();
    m_versions->setCategories(categories);
    m_series->append(set);
    // Headroom above the tallest bar for its label.
    m_counts->setRange(0, double(qMax<qint64>(highest, 1)) * 1.15);
    m_counts->applyNiceNumbers();
    applyPalette();
}

QStringList VersionChart::categories() const
{
    return m_versions->categories();
}

QList<qint64> VersionChart::values() const
{
    QList<qint64> result;
    const QList<QBarSet *> sets = m_series->barSets();
    if (sets.isEmpty())
        return result;
    for (int i = 0; i < sets.first()->count(); ++i)
        result.append(qint64(sets.first()->at(i)));
    return result;
}

void VersionChart::changeEvent(QEvent *event)
{
    QChartView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
}

void VersionChart::applyPalette()
{
    applyChartPalette(this, {m_versions, m_counts});
    const QPalette palette = this->palette();
    const QColor text = palette.color(QPalette::Text);
    for (QBarSet *set : m_series->barSets()) {
        set->setColor(palette.color(QPalette::Highlight));
        set->setBorderColor(palette.color(QPalette::Highlight));
        set->setLabelColor(text);
    }
}

} // namespace otter::ui
