// The device fields a filter expression can name, their types, and the names operators type for them.
#pragma once

#include <QString>
#include <QStringView>

#include <optional>

namespace otter {

enum class FilterField : quint8 {
    Id,
    HardwareClass,
    Region,
    Version,
    SecurityVersion,
    Bank,
    State,
    Busy,
    Label, // label.<key>; the key is stored next to the field
};

// What kind of literal a field compares with; decides which operators are allowed.
enum class FilterValueType : quint8 {
    Text,    // double-quoted string; ==, !=, in, ~
    Version, // double-quoted version; ordering by semver precedence, ~ on the raw text
    Integer, // whole number; all comparisons
    Boolean, // true / false; ==, != and in, or the bare field name meaning "== true"
};

FilterValueType filterFieldType(FilterField field);

// The canonical name: "class", "security_version", "label" (without the key), ...
QString filterFieldName(FilterField field);

// Exact, lower-case names plus the alias "svn"; "label.<key>" is recognised by the parser, not here.
std::optional<FilterField> filterFieldFromName(QStringView name);

// For error messages: "id, class, region, version, security_version (or svn), bank, state, busy, label.<key>"
QString filterFieldList();

// Label keys: one or more of [A-Za-z0-9_.-].
bool isValidLabelKey(QStringView key);

} // namespace otter
