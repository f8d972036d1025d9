// FilterGlob: the '~' pattern match of filter expressions, and its translation to SQLite GLOB.
#pragma once

#include <QString>
#include <QStringView>

namespace otter {

class FilterGlob
{
public:
    // '*' matches any run of characters (also none), '?' exactly one character (a Unicode code point, as
    // SQLite counts them); every other character matches itself, case-sensitively. The whole text must
    // match. Linear memory, O(text × pattern) time at worst.
    static bool matches(QStringView text, QStringView pattern);

    // The same pattern for SQLite's GLOB operator, which also treats '[' as special: it becomes "[[]".
    static QString toSqliteGlob(QStringView pattern);
};

} // namespace otter
