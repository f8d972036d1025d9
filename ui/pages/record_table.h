// Helpers shared by the list pages: one look for their record tables and one way to read a selected row.
#pragma once

#include <QModelIndex>
#include <QVariant>

class QTableView;

namespace otter::ui {

// Row selection, fixed row height, no row header, draft rows in italics, sorting through the model.
void setUpRecordTable(QTableView *view);
// Header clicks call the view's model's sort() (the models layer sorts in SQL). Unlike
// QTableView::setSortingEnabled this does not sort when a model is set: the model's own order stands
// until the operator asks for another.
void sortThroughModel(QTableView *view);
// Column widths from the header and the first rows only (never the whole model), through the view's
// delegate so markers such as "(draft)" fit; call after setting a model.
void fitColumnsToSample(QTableView *view);
// The current row's RecordRole value (invalid when none is selected or the model has no records).
QVariant selectedRecord(const QTableView *view);
// The current row's column-0 display text.
QString selectedFirstColumn(const QTableView *view);

} // namespace otter::ui
