// Filter expressions arriving in requests (ListDevices, GetFleetSummary, dynamic groups, previews): parsed,
// refused with the column that is wrong, and compiled to SQL over the devices table.
#pragma once

#include "backend/server/api_error.h"
#include "core/filter_expression.h"

#include <variant>

namespace otter::backend {

struct CompiledFilter
{
    FilterExpression expression;
    SqlFragment sql;
};

// INVALID_ARGUMENT [FILTER_INVALID] with ErrorDetail.filter_column when the text does not parse; the
// message names the request field, e.g. "filter: column 17: expected a value after '=='".
std::variant<CompiledFilter, ApiError> compileDeviceFilter(const std::string &text, const QString &field);

} // namespace otter::backend
