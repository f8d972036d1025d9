// The neutral stand-in shown for a page until its real widget is installed.
#pragma once

#include <QWidget>

namespace otter::ui {

class PagePlaceholder final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PagePlaceholder)

public:
    PagePlaceholder(const QIcon &icon, const QString &title, QWidget *parent = nullptr);
};

} // namespace otter::ui
