// WindowsPage: list on the left, editor on the right; the list selection drives the editor.
#include "ui/pages/windows_page.h"

#include "models/records.h"
#include "ui/pages/record_table.h"
#include "ui/pages/window_editor.h"

#include <QAbstractItemModel>
#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QSplitter>
#include <QTableView>

namespace otter::ui {

WindowsPage::WindowsPage(QWidget *parent)
    : QWidget(parent)
    , m_list(new QTableView(this))
    , m_editor(new WindowEditor(this))
{
    setUpRecordTable(m_list);
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_list);
    splitter->addWidget(m_editor);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    splitter->setChildrenCollapsible(false);
    splitter->setSizes({380, 900});
    auto *layout = new QHBoxLayout(this);
    layout->addWidget(splitter);
    connect(m_editor, &WindowEditor::newWindowStarted, m_list, &QAbstractItemView::clearSelection);
}

void WindowsPage::setModel(QAbstractItemModel *model)
{
    if (QItemSelectionModel *old = m_list->selectionModel())
        disconnect(old, nullptr, this, nullptr);
    m_list->setModel(model);
    if (!model)
        return;
    connect(m_list->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &WindowsPage::onSelectionChanged);
    fitColumnsToSample(m_list);
}

void WindowsPage::onSelectionChanged()
{
    const QVariant record = selectedRecord(m_list);
    if (record.canConvert<models::WindowRecord>()) {
        const auto window = record.value<models::WindowRecord>();
        m_editor->setWindow(window);
        emit windowSelected(window.id);
        return;
    }
    const QString id = selectedFirstColumn(m_list);
    if (!id.isEmpty())
        emit windowSelected(id);
}

} // namespace otter::ui
