// WindowsPage: list on the left, editor on the right; the list selection drives the editor.
#include "ui/pages/windows_page.h"

#include "models/records.h"
#include "ui/pages/window_editor.h"

#include <QTableView>

namespace otter::ui {

WindowsPage::WindowsPage(QWidget *parent)
    : ListEditorPage(new WindowEditor, parent)
    , m_editor(static_cast<WindowEditor *>(editorWidget()))
{
    connect(m_editor, &WindowEditor::newWindowStarted, listView(), &QAbstractItemView::clearSelection);
}

void WindowsPage::showSelection(const QVariant &record, const QString &firstColumn)
{
    if (record.canConvert<models::WindowRecord>()) {
        const auto selected = record.value<models::WindowRecord>();
        m_editor->setWindow(selected);
        emit windowSelected(selected.id);
        return;
    }
    if (!firstColumn.isEmpty())
        emit windowSelected(firstColumn);
}

} // namespace otter::ui
