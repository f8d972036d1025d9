// GroupsPage: the list of device groups (drafts in italics) beside the GroupEditor.
#pragma once

#include "ui/pages/list_editor_page.h"

namespace otter::ui {

class GroupEditor;

// Selecting a row loads its RecordRole record (models::GroupRecord) into the editor and emits
// groupSelected; connect to editor() for preview, save and delete requests.
class GroupsPage final : public ListEditorPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GroupsPage)

public:
    explicit GroupsPage(QWidget *parent = nullptr);

    GroupEditor *editor() const { return m_editor; }

signals:
    void groupSelected(const QString &id);

private:
    void showSelection(const QVariant &record, const QString &firstColumn) override;

    GroupEditor *m_editor = nullptr;
};

} // namespace otter::ui
