// WindowsPage: the list of maintenance windows (drafts in italics) beside the WindowEditor.
#pragma once

#include <QWidget>

class QAbstractItemModel;
class QTableView;

namespace otter::ui {

class WindowEditor;

// Selecting a row loads its RecordRole record (models::WindowRecord) into the editor and emits
// windowSelected; connect to editor() for save and delete requests.
class WindowsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WindowsPage)

public:
    explicit WindowsPage(QWidget *parent = nullptr);

    void setModel(QAbstractItemModel *model);
    QTableView *listView() const { return m_list; }
    WindowEditor *editor() const { return m_editor; }

signals:
    void windowSelected(const QString &id);

private:
    void onSelectionChanged();

    QTableView *m_list = nullptr;
    WindowEditor *m_editor = nullptr;
};

} // namespace otter::ui
