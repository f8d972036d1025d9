// showCompactPage: switch a QStackedWidget so that it is only as tall as the page it shows (by default a
// stack is as large as its largest page, which leaves gaps around a one-line page).
#pragma once

class QStackedWidget;

namespace otter::ui {

void showCompactPage(QStackedWidget *stack, int index);

} // namespace otter::ui
