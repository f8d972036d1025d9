// DraftItemDelegate: shows rows the model flags with DraftRole (local drafts waiting in the outbox) in
// italics, with a "draft" marker after the text of the first column.
#pragma once

#include <QStyledItemDelegate>

namespace otter::ui {

class DraftItemDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DraftItemDelegate)

public:
    explicit DraftItemDelegate(QObject *parent = nullptr);

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

} // namespace otter::ui
