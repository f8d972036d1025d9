// Type rules of the filter language, applied while parsing so mistakes are reported where they were typed.
#include "core/filter_type_check.h"

#include "core/semver.h"

namespace otter {

namespace {

bool isOrdering(FilterOp op)
{
    return op == FilterOp::Less || op == FilterOp::LessEqual || op == FilterOp::Greater ||
           op == FilterOp::GreaterEqual;
}

} // namespace

QString FilterTypeCheck::fieldDisplayName(const FilterNode &condition)
{
    if (condition.field == FilterField::Label)
        return QStringLiteral("label.") + condition.labelKey;
    return filterFieldName(condition.field);
}

QString FilterTypeCheck::typeDescription(FilterField field)
{
    switch (filterFieldType(field)) {
    case FilterValueType::Text:
        return QStringLiteral("text");
    case FilterValueType::Version:
        return QStringLiteral("a version");
    case FilterValueType::Integer:
        return QStringLiteral("a whole number");
    case FilterValueType::Boolean:
        return QStringLiteral("true or false");
    }
    return QString();
}

QString FilterTypeCheck::operatorProblem(const FilterNode &condition, const FilterToken &opToken)
{
    const FilterValueType type = filterFieldType(condition.field);
    const QString field = fieldDisplayName(condition);
    // Text has no ordering here: SQLite and QString would order some characters differently, and
    // "region < \"m\"" is more likely a mistake than an intent.
    if (isOrdering(condition.op) && type != FilterValueType::Integer && type != FilterValueType::Version) {
        return QStringLiteral("'%1' compares numbers and versions, but %2 is %3; use %4")
            .arg(opToken.text, field, typeDescription(condition.field),
                 type == FilterValueType::Text ? QStringLiteral("==, !=, in or ~")
                                               : QStringLiteral("==, != or in"));
    }
    if (condition.op == FilterOp::Glob && type != FilterValueType::Text && type != FilterValueType::Version) {
        return QStringLiteral("'~' matches text patterns, but %1 is %2; use ==, !=%3 or in")
            .arg(field, typeDescription(condition.field),
                 type == FilterValueType::Integer ? QStringLiteral(", <, >") : QString());
    }
    return QString();
}

QString FilterTypeCheck::valueProblem(const FilterNode &condition, const FilterToken &value)
{
    const FilterValueType type = filterFieldType(condition.field);
    const QString field = fieldDisplayName(condition);
    const bool isBool = value.isKeyword(QLatin1String("true")) || value.isKeyword(QLatin1String("false"));
    switch (type) {
    case FilterValueType::Text:
    case FilterValueType::Version:
        if (value.kind != FilterToken::Kind::String) {
            const QString spelled = isBool ? value.text.toLower() : value.text;
            return QStringLiteral("%1 is %2; put the value in double quotes: \"%3\"")
                .arg(field, typeDescription(condition.field), spelled);
        }
        break;
    case FilterValueType::Integer:
        if (value.kind != FilterToken::Kind::Integer) {
            return QStringLiteral("%1 is a whole number; expected a number such as 7, found %2")
                .arg(field, value.describe());
        }
        break;
    case FilterValueType::Boolean:
        if (!isBool)
            return QStringLiteral("%1 is true or false, found %2").arg(field, value.describe());
        break;
    }

    if (type == FilterValueType::Version && isOrdering(condition.op) && !isSemVer(value.text)) {
        return QStringLiteral("%1 is not a version; expected MAJOR.MINOR.PATCH such as \"2.1.0\"")
            .arg(value.describe());
    }
    // A glob may still say "?" for either bank; a plain comparison with anything else is a typo.
    if (condition.field == FilterField::Bank && condition.op != FilterOp::Glob &&
        value.text != QLatin1String("A") && value.text != QLatin1String("B")) {
        return QStringLiteral("bank is \"A\" or \"B\", found %1").arg(value.describe());
    }
    return QString();
}

} // namespace otter
