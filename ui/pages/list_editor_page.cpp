// ListEditorPage: splitter with the record list and the editor; selection → showSelection().
#include "ui/pages/list_editor_page.h"

#include "ui/pages/record_table.h"

#include <QAbstractItemModel>
#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QSplitter>
#include <QTableView>

namespace otter::ui {

ListEditorPage::ListEditorPage(QWidget *editor, QWidget *parent)
    : QWidget(parent)
    , m_list(new QTableView(this))
    , m_editor(editor)
{
    setUpRecordTable(m_list);
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_list);
    splitter->addWidget(editor);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    splitter->setChildrenCollapsible(false);
    splitter->setSizes({380, 900});
    auto *layout = new QHBoxLayout(this);
    layout->addWidget(splitter);
}

void ListEditorPage::setModel(QAbstractItemModel *model)
{
    if (QItemSelectionModel *old = m_list->selectionModel())
        disconnect(old, nullptr, this, nullptr);
    m_list->setModel(model);
    if (!model)
        return;
    connect(m_list->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ListEditorPage::onSelectionChanged);
    fitColumnsToSample(m_list);
}

void ListEditorPage::onSelectionChanged()
{
    showSelection(selectedRecord(m_list), selectedFirstColumn(m_list));
}

} // namespace otter::ui
