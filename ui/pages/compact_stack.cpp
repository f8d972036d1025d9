// showCompactPage: hidden pages get an Ignored size policy so the stack's size hint follows the current one.
#include "ui/pages/compact_stack.h"

#include <QStackedWidget>

namespace otter::ui {

void showCompactPage(QStackedWidget *stack, int index)
{
    for (int page = 0; page < stack->count(); ++page) {
        const QSizePolicy::Policy policy = page == index ? QSizePolicy::Preferred : QSizePolicy::Ignored;
        stack->widget(page)->setSizePolicy(policy, policy);
    }
    stack->setCurrentIndex(index);
    stack->updateGeometry();
}

} // namespace otter::ui
