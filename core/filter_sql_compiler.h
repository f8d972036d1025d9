// FilterSqlCompiler: turns a filter tree into a parameterised SQLite WHERE fragment with the evaluator's
// meaning.
#pragma once

#include "core/filter_ast.h"

#include <QString>
#include <QVariantList>

namespace otter {

// Where each field lives. Names are written into the SQL as given (they come from code, never from the
// user), so they may be qualified, e.g. "d.region"; they must be plain [A-Za-z0-9_.] identifiers.
// For the SQL to agree with FilterEvaluator the table must store:
//  - every column except labels NOT NULL ('' for unknown text), text with the default BINARY collation;
//  - versionKey = semverSortKey(firmware version);
//  - busy as 0 or 1;
//  - labels as the text of a JSON object whose values are strings, or NULL for no labels.
struct FilterSqlColumns
{
    QString id = QStringLiteral("id");
    QString hardwareClass = QStringLiteral("hardware_class");
    QString region = QStringLiteral("region");
    QString version = QStringLiteral("firmware_version");
    QString versionKey = QStringLiteral("version_key");
    QString securityVersion = QStringLiteral("security_version");
    QString bank = QStringLiteral("bank");
    QString state = QStringLiteral("state");
    QString busy = QStringLiteral("busy");
    QString labels = QStringLiteral("labels");
};

// A condition for "WHERE (" + sql + ")" with positional '?' placeholders, bound in order from params.
// Every value the user typed is in params; sql only contains column names, operators and placeholders.
struct SqlFragment
{
    QString sql;
    QVariantList params;
};

class FilterSqlCompiler
{
public:
    // A null root (the empty filter) gives "1 = 1", which keeps every row.
    static SqlFragment compile(const FilterNode *root, const FilterSqlColumns &columns);
};

} // namespace otter
