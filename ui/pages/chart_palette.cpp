// Chart colours from the widget palette.
#include "ui/pages/chart_palette.h"

#include <QtCharts/QAbstractAxis>
#include <QtCharts/QChartView>

namespace otter::ui {

void applyChartPalette(QChartView *view, const QList<QAbstractAxis *> &axes)
{
    const QPalette palette = view->palette();
    QChart *chart = view->chart();
    chart->setBackgroundBrush(palette.brush(QPalette::Base));
    chart->setBackgroundPen(Qt::NoPen);
    view->setBackgroundBrush(palette.brush(QPalette::Window));
    const QColor text = palette.color(QPalette::Text);
    chart->setTitleBrush(text);
    QColor grid = text;
    grid.setAlphaF(0.15f);
    for (QAbstractAxis *axis : axes) {
        axis->setLabelsColor(text);
        axis->setTitleBrush(text);
        axis->setLinePenColor(grid);
        axis->setGridLineColor(grid);
    }
}

} // namespace otter::ui
