// FilterNode: the syntax tree a filter expression compiles to, shared by the evaluator and the SQL compiler.
#pragma once

#include "core/filter_field.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

namespace otter {

enum class FilterOp : quint8 {
    Equal,
    NotEqual,
    Less,
    LessEqual,
    Greater,
    GreaterEqual,
    In,
    NotIn,
    Glob, // ~ "pattern": '*' any run of characters, '?' exactly one; everything else literal
    Has,  // has label.<key>
};

// The parser has already checked types, so a Condition's values always suit its field and operator.
struct FilterNode
{
    enum class Kind : quint8 { And, Or, Not, Condition };

    Kind kind = Kind::Condition;
    std::vector<std::unique_ptr<FilterNode>> children; // And/Or: two or more; Not: exactly one

    FilterField field = FilterField::Id;
    FilterOp op = FilterOp::Equal;
    QString labelKey;      // when field is Label
    QStringList texts;     // Text and Version values: one, or the list of in / not in; the glob pattern
    QList<qint64> numbers; // Integer values, and Boolean ones as 0 / 1
};

// "==", "not in", "~", ...
QString filterOpSpelling(FilterOp op);

// A normalised, fully parenthesised rendering that parses back to the same tree: every 'and'/'or' group in
// parentheses, canonical field names, keywords in lower case, strings re-escaped. Empty for a null root.
QString canonicalFilterText(const FilterNode *root);

} // namespace otter
