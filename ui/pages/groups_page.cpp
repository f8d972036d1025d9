// GroupsPage: list on the left, editor on the right; the list selection drives the editor.
#include "ui/pages/groups_page.h"

#include "models/records.h"
#include "ui/pages/group_editor.h"

#include <QTableView>

namespace otter::ui {

GroupsPage::GroupsPage(QWidget *parent)
    : ListEditorPage(new GroupEditor, parent)
    , m_editor(static_cast<GroupEditor *>(editorWidget()))
{
    connect(m_editor, &GroupEditor::newGroupStarted, listView(), &QAbstractItemView::clearSelection);
}

void GroupsPage::showSelection(const QVariant &record, const QString &firstColumn)
{
    if (record.canConvert<models::GroupRecord>()) {
        const auto selected = record.value<models::GroupRecord>();
        m_editor->setGroup(selected);
        emit groupSelected(selected.id);
        return;
    }
    if (!firstColumn.isEmpty())
        emit groupSelected(firstColumn);
}

} // namespace otter::ui
