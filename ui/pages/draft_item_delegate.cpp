// DraftItemDelegate: the draft look is applied in initStyleOption so size hints account for the marker.
#include "ui/pages/draft_item_delegate.h"

#include "ui/pages/page_roles.h"

namespace otter::ui {

DraftItemDelegate::DraftItemDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{}

void DraftItemDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    if (!index.data(DraftRole).toBool())
        return;
    option->font.setItalic(true);
    option->fontMetrics = QFontMetrics(option->font);
    if (index.column() == 0)
        option->text = tr("%1 (draft)").arg(option->text);
}

} // namespace otter::ui
