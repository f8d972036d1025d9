// A centred, greyed page icon and title; tells the operator the page is not loaded rather than empty.
#include "ui/shell/page_placeholder.h"

#include <QIcon>
#include <QLabel>
#include <QVBoxLayout>

namespace otter::ui {

PagePlaceholder::PagePlaceholder(const QIcon &icon, const QString &title, QWidget *parent)
    : QWidget(parent)
{
    auto *picture = new QLabel(this);
    const int side = fontMetrics().height() * 4;
    picture->setPixmap(icon.pixmap(QSize(side, side), devicePixelRatioF(), QIcon::Disabled));
    picture->setAlignment(Qt::AlignCenter);
    auto *heading = new QLabel(title, this);
    heading->setAlignment(Qt::AlignCenter);
    QFont big = heading->font();
    big.setPointSizeF(big.pointSizeF() * 1.4);
    heading->setFont(big);
    heading->setEnabled(false);
    auto *note = new QLabel(tr("This page is not loaded yet."), this);
    note->setAlignment(Qt::AlignCenter);
    note->setEnabled(false);

    auto *layout = new QVBoxLayout(this);
    layout->addStretch(1);
    layout->addWidget(picture);
    layout->addWidget(heading);
    layout->addWidget(note);
    layout->addStretch(1);
}

} // namespace otter::ui
