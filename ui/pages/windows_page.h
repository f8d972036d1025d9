// WindowsPage: the list of maintenance windows (drafts in italics) beside the WindowEditor.
#pragma once

#include "ui/pages/list_editor_page.h"

namespace otter::ui {

class WindowEditor;

// Selecting a row loads its RecordRole record (models::WindowRecord) into the editor and emits
// windowSelected; connect to editor() for save and delete requests.
class WindowsPage final : public ListEditorPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WindowsPage)

public:
    explicit WindowsPage(QWidget *parent = nullptr);

    WindowEditor *editor() const { return m_editor; }

signals:
    void windowSelected(const QString &id);

private:
    void showSelection(const QVariant &record, const QString &firstColumn) override;

    WindowEditor *m_editor = nullptr;
};

} // namespace otter::ui
