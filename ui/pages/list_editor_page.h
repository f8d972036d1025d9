// ListEditorPage: a list of records on the left and their editor on the right; the list's selection drives
// the editor. GroupsPage and WindowsPage are this with their own editor.
#pragma once

#include <QWidget>

class QAbstractItemModel;
class QTableView;

namespace otter::ui {

class ListEditorPage : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ListEditorPage)

public:
    void setModel(QAbstractItemModel *model);
    QTableView *listView() const { return m_list; }

protected:
    // `editor` becomes the right-hand side; the page owns it.
    ListEditorPage(QWidget *editor, QWidget *parent);
    // The selected row's RecordRole value (invalid when the model has none) and its column-0 text.
    virtual void showSelection(const QVariant &record, const QString &firstColumn) = 0;
    QWidget *editorWidget() const { return m_editor; }

private:
    void onSelectionChanged();

    QTableView *m_list = nullptr;
    QWidget *m_editor = nullptr;
};

} // namespace otter::ui
