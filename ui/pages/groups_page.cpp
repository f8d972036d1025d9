// GroupsPage: list on the left, editor on the right; the list selection drives the editor.
#include "ui/pages/groups_page.h"

#include "models/records.h"
#include "ui/pages/group_editor.h"
#include "ui/pages/record_table.h"

#include <QAbstractItemModel>
#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QSplitter>
#include <QTableView>

namespace otter::ui {

GroupsPage::GroupsPage(QWidget *parent)
    : QWidget(parent)
    , m_list(new QTableView(this))
    , m_editor(new GroupEditor(this))
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
    connect(m_editor, &GroupEditor::newGroupStarted, m_list, &QAbstractItemView::clearSelection);
}

void GroupsPage::setModel(QAbstractItemModel *model)
{
    if (QItemSelectionModel *old = m_list->selectionModel())
        disconnect(old, nullptr, this, nullptr);
    m_list->setModel(model);
    if (!model)
        return;
    connect(m_list->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &GroupsPage::onSelectionChanged);
    fitColumnsToSample(m_list);
}

void GroupsPage::onSelectionChanged()
{
    const QVariant record = selectedRecord(m_list);
    if (record.canConvert<models::GroupRecord>()) {
        const auto group = record.value<models::GroupRecord>();
        m_editor->setGroup(group);
        emit groupSelected(group.id);
        return;
    }
    const QString id = selectedFirstColumn(m_list);
    if (!id.isEmpty())
        emit groupSelected(id);
}

} // namespace otter::ui
