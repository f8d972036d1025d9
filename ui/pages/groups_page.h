// GroupsPage: the list of device groups (drafts in italics) beside the GroupEditor.
#pragma once

#include <QWidget>

class QAbstractItemModel;
class QTableView;

namespace otter::ui {

class GroupEditor;

// Selecting a row loads its RecordRole record (models::GroupRecord) into the editor and emits
// groupSelected; connect to editor() for preview, save and delete requests.
class GroupsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GroupsPage)

public:
    explicit GroupsPage(QWidget *parent = nullptr);

    void setModel(QAbstractItemModel *model);
    QTableView *listView() const { return m_list; }
    GroupEditor *editor() const { return m_editor; }

signals:
    void groupSelected(const QString &id);

private:
    void onSelectionChanged();

    QTableView *m_list = nullptr;
    GroupEditor *m_editor = nullptr;
};

} // namespace otter::ui
