// Chart colours from the widget palette (background, title, axes, grid), so charts follow light and dark
// themes like the widgets around them.
#pragma once

#include <QList>

class QAbstractAxis;
class QChartView;

namespace otter::ui {

// The chart's plot area on the palette's Base, the view around it on Window, labels and titles in Text,
// axis lines and grid a faint Text.
void applyChartPalette(QChartView *view, const QList<QAbstractAxis *> &axes);

} // namespace otter::ui
