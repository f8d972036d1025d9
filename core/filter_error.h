// FilterError: where and why a filter expression was rejected, in a shape an editor can underline.
#pragma once

#include <QString>

namespace otter {

struct FilterError
{
    int column = 0; // 1-based, in UTF-16 code units (QString/QLineEdit positions); text length + 1 at the end
    int length = 1; // how many characters to underline; at least 1
    QString message; // without the position, e.g. "expected a value after '==', found end of expression"

    // "column 17: expected a value after '==', found end of expression"
    QString toString() const { return QStringLiteral("column %1: %2").arg(column).arg(message); }
};

} // namespace otter
