// The devices table row of the cache: one place that turns a DeviceRecord into bound values and back.
#pragma once

#include "models/records.h"

#include <QSqlQuery>

namespace otter::models {

namespace DeviceRow {

// The columns read and written, in bind order; select them with this text to read a record back.
QString columnList();
int columnCount();
// Binds every column of columnList() in order.
void bind(QSqlQuery &query, const DeviceRecord &device);
// Reads the columns of columnList() starting at result column first.
DeviceRecord read(const QSqlQuery &query, int first = 0);

// The cache stores states in lower case, as filter expressions name them ("idle"); records carry API names.
QString stateForCache(const QString &apiState);
QString stateFromCache(const QString &cached);

// Labels as the text of a JSON object (string values), or a null QString for none; filters read it with
// json_extract.
QString labelsText(const QMap<QString, QString> &labels);
QMap<QString, QString> labelsFromText(const QString &text);

} // namespace DeviceRow

} // namespace otter::models
