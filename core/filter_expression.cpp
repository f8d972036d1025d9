// FilterExpression: ties the parser, evaluator and SQL compiler together behind one value type.
#include "core/filter_expression.h"

#include "core/filter_ast.h"
#include "core/filter_evaluator.h"
#include "core/filter_parser.h"

namespace otter {

FilterExpression::FilterExpression() = default;

Result<FilterExpression> FilterExpression::parse(QStringView text, FilterError *error)
{
    std::variant<std::unique_ptr<FilterNode>, FilterError> parsed = FilterParser::parse(text);
    if (const FilterError *failure = std::get_if<FilterError>(&parsed)) {
        if (error)
            *error = *failure;
        return makeError(ErrorKind::InvalidInput, failure->toString());
    }
    if (error)
        *error = FilterError{0, 0, QString()};
    FilterExpression expression;
    expression.m_root = std::get<std::unique_ptr<FilterNode>>(std::move(parsed));
    expression.m_text = text.toString();
    return expression;
}

bool FilterExpression::matches(const DeviceRecord &device) const
{
    return !m_root || FilterEvaluator::matches(*m_root, device);
}

SqlFragment FilterExpression::toSql(const FilterSqlColumns &columns) const
{
    return FilterSqlCompiler::compile(m_root.get(), columns);
}

QString FilterExpression::canonicalText() const
{
    return canonicalFilterText(m_root.get());
}

} // namespace otter
