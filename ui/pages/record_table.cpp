// Record table helpers: the settings every list page's table shares.
#include "ui/pages/record_table.h"

#include "ui/pages/draft_item_delegate.h"
#include "ui/pages/page_roles.h"

#include <QAbstractItemModel>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QTableView>

#include <memory>

namespace otter::ui {

void setUpRecordTable(QTableView *view)
{
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setWordWrap(false);
    view->setAlternatingRowColors(true);
    view->setItemDelegate(new DraftItemDelegate(view));
    view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 8);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(true);
    view->horizontalHeader()->setHighlightSections(false);
    sortThroughModel(view);
}

void sortThroughModel(QTableView *view)
{
    QHeaderView *header = view->horizontalHeader();
    header->setSectionsClickable(true);
    header->setSortIndicatorShown(true);
    header->setSortIndicator(-1, Qt::AscendingOrder);
    QObject::connect(header, &QHeaderView::sortIndicatorChanged, view,
                     [view](int section, Qt::SortOrder order) {
                         if (view->model() && section >= 0)
                             view->model()->sort(section, order);
                     });
}

namespace {

void fitColumnsToRows(QTableView *view)
{
    // Enough rows to see typical widths; reading more would cost time on very large models.
    constexpr int SampleRows = 64;
    constexpr int MaxInitialWidth = 320;
    const QAbstractItemModel *model = view->model();
    if (!model)
        return;
    const int padding = view->fontMetrics().averageCharWidth() * 2;
    const int rows = qMin(model->rowCount(), SampleRows);
    for (int column = 0; column < model->columnCount(); ++column) {
        int width = view->horizontalHeader()->sectionSizeHint(column);
        for (int row = 0; row < rows; ++row)
            width = qMax(width, view->sizeHintForIndex(model->index(row, column)).width() + padding);
        view->setColumnWidth(column, qMin(width, MaxInitialWidth));
    }
}

} // namespace

void fitColumnsToSample(QTableView *view)
{
    fitColumnsToRows(view);
    QAbstractItemModel *model = view->model();
    if (!model || model->rowCount() > 0)
        return;
    // An empty model (a cache still syncing) says nothing about widths: fit again when the first rows come,
    // once, so that the operator's own resizing is never undone.
    auto fitted = std::make_shared<QList<QMetaObject::Connection>>();
    const auto fitOnce = [view, model, fitted] {
        if (view->model() != model || model->rowCount() == 0)
            return;
        for (const QMetaObject::Connection &connection : std::as_const(*fitted))
            QObject::disconnect(connection);
        fitColumnsToRows(view);
    };
    fitted->append(QObject::connect(model, &QAbstractItemModel::rowsInserted, view, fitOnce));
    fitted->append(QObject::connect(model, &QAbstractItemModel::modelReset, view, fitOnce));
}

namespace {
QModelIndex selectedRow(const QTableView *view)
{
    const QItemSelectionModel *selection = view->selectionModel();
    if (!selection)
        return {};
    const QModelIndexList rows = selection->selectedRows(0);
    return rows.isEmpty() ? QModelIndex() : rows.first();
}
} // namespace

QVariant selectedRecord(const QTableView *view)
{
    const QModelIndex row = selectedRow(view);
    return row.isValid() ? row.data(RecordRole) : QVariant();
}

QString selectedFirstColumn(const QTableView *view)
{
    const QModelIndex row = selectedRow(view);
    return row.isValid() ? row.data(Qt::DisplayRole).toString() : QString();
}

} // namespace otter::ui
