// Answers the next modal message box a widget opens (QMessageBox::question runs its own event loop).
#pragma once

#include <QAbstractButton>
#include <QApplication>
#include <QMessageBox>
#include <QPointer>
#include <QTimer>

namespace otter::ui::testing {

// Polls from the event loop until the box is open, then presses the standard button; the timer belongs to
// context so it never outlives the test.
inline void answerNextMessageBox(QObject *context, QMessageBox::StandardButton button)
{
    auto *timer = new QTimer(context);
    timer->setInterval(5);
    QObject::connect(timer, &QTimer::timeout, context, [timer, button] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box)
            return;
        timer->stop();
        timer->deleteLater();
        box->button(button)->click();
    });
    timer->start();
}

} // namespace otter::ui::testing
