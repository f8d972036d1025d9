// FilterParser: turns filter-expression text into a type-checked FilterNode tree, or a positioned error.
#pragma once

#include "core/filter_ast.h"
#include "core/filter_error.h"

#include <QStringView>

#include <memory>
#include <variant>

namespace otter {

class FilterParser
{
public:
    // Longer input is refused before it is read, so a pasted blob cannot make the parser slow.
    static constexpr int MaxLength = 4096;
    // Parentheses and 'not' each add a level; bounded so recursion stays shallow on hostile input.
    static constexpr int MaxDepth = 64;

    // A null tree (and no error) for an empty or whitespace-only expression, which matches every device.
    static std::variant<std::unique_ptr<FilterNode>, FilterError> parse(QStringView text);
};

} // namespace otter
