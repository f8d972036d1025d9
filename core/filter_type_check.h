// FilterTypeCheck: which operators and literals each field accepts, and what to tell the operator if not.
#pragma once

#include "core/filter_ast.h"
#include "core/filter_lexer.h"

#include <QString>

namespace otter {

class FilterTypeCheck
{
public:
    // Empty when the condition's operator suits its field; otherwise the message for the operator token.
    static QString operatorProblem(const FilterNode &condition, const FilterToken &opToken);

    // Empty when value (a string, integer or true/false token) suits the condition's field and operator.
    static QString valueProblem(const FilterNode &condition, const FilterToken &value);

    // How messages name a field: "class", "security_version", "label.ring".
    static QString fieldDisplayName(const FilterNode &condition);

    // "text", "a version", "a whole number", "true or false"
    static QString typeDescription(FilterField field);
};

} // namespace otter
