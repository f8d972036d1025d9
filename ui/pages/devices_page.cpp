// DevicesPage: a table kept cheap for very large models — fixed row height, widths from a small sample,
// sorting delegated to the model — next to the device detail pane.
#include "ui/pages/devices_page.h"

#include "ui/pages/device_detail_pane.h"
#include "ui/pages/error_line_edit.h"
#include "ui/pages/inline_error_edit.h"
#include "ui/pages/record_table.h"

#include <QAbstractItemModel>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QShortcut>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace otter::ui {

DevicesPage::DevicesPage(QWidget *parent)
    : QWidget(parent)
    , m_filter(new InlineErrorEdit(this))
    , m_counts(new QLabel(this))
    , m_table(new QTableView(this))
    , m_detail(new DeviceDetailPane(this))
{
    m_filter->setChecker(checkFilterExpression);
    m_filter->setPlaceholderText(
        tr("Filter, e.g. class == \"gw-200\" and region in [\"eu-west\"] and version < \"2.4.0\""));
    m_filter->setToolTip(tr("Filter expression: fields id, class, region, version, svn, bank, state, busy, "
                            "label.<key>; operators == != < <= > >= in ~ and or not has"));
    m_counts->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setWordWrap(false);
    m_table->setAlternatingRowColors(true);
    m_table->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_table->setVerticalScrollMode(QAbstractItemView::ScrollPerItem);
    QHeaderView *rows = m_table->verticalHeader();
    rows->setSectionResizeMode(QHeaderView::Fixed);
    rows->setDefaultSectionSize(fontMetrics().height() + 8);
    rows->hide();
    QHeaderView *columns = m_table->horizontalHeader();
    columns->setSectionResizeMode(QHeaderView::Interactive);
    columns->setStretchLastSection(true);
    columns->setHighlightSections(false);
    sortThroughModel(m_table);

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    auto *filterRow = new QHBoxLayout();
    filterRow->addWidget(m_filter, 1);
    filterRow->addWidget(m_counts, 0, Qt::AlignTop);
    leftLayout->addLayout(filterRow);
    leftLayout->addWidget(m_table, 1);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(left);
    splitter->addWidget(m_detail);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({840, 440});
    splitter->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter);

    connect(m_filter, &InlineErrorEdit::textSettled, this, &DevicesPage::filterRequested);
    connect(m_filter, &InlineErrorEdit::submitted, this, &DevicesPage::filterRequested);
    auto *find = new QShortcut(QKeySequence::Find, this);
    find->setContext(Qt::WidgetWithChildrenShortcut);
    connect(find, &QShortcut::activated, this, &DevicesPage::focusFilter);
    setCounts(0, 0);
}

void DevicesPage::setModel(QAbstractItemModel *model)
{
    if (QItemSelectionModel *old = m_table->selectionModel())
        disconnect(old, nullptr, this, nullptr);
    m_table->setModel(model);
    m_selectedId.clear();
    if (!model)
        return;
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &DevicesPage::onCurrentRowChanged);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &DevicesPage::onCurrentRowChanged);
    fitColumnsToSample(m_table);
}

QAbstractItemModel *DevicesPage::model() const
{
    return m_table->model();
}

void DevicesPage::onCurrentRowChanged()
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows(0);
    if (rows.isEmpty())
        return;
    const QString id = rows.first().data(Qt::DisplayRole).toString();
    if (id.isEmpty() || id == m_selectedId)
        return;
    m_selectedId = id;
    emit deviceSelected(id);
}

void DevicesPage::setFilterText(const QString &text)
{
    m_filter->setText(text);
}

QString DevicesPage::filterText() const
{
    return m_filter->text();
}

void DevicesPage::showFilterError(int column, const QString &message)
{
    m_filter->showError(InlineError{column, 1, message});
}

void DevicesPage::clearFilterError()
{
    m_filter->clearError();
}

void DevicesPage::setCounts(qint64 matching, qint64 total)
{
    const QLocale locale;
    if (matching == total)
        m_counts->setText(tr("%1 devices").arg(locale.toString(total)));
    else
        m_counts->setText(tr("%1 of %2 devices").arg(locale.toString(matching), locale.toString(total)));
}

QString DevicesPage::countsText() const
{
    return m_counts->text();
}

void DevicesPage::showDevice(const models::DeviceRecord &device)
{
    m_detail->showDevice(device);
}

void DevicesPage::showDeploymentHistory(const QList<DeploymentHistoryEntry> &history)
{
    m_detail->showDeploymentHistory(history);
}

void DevicesPage::focusFilter()
{
    m_filter->lineEdit()->setFocus(Qt::ShortcutFocusReason);
    m_filter->lineEdit()->selectAll();
}

} // namespace otter::ui
