// Filter expressions arriving in requests.
#include "backend/services/device_filter.h"

#include "backend/storage/device_queries.h"

namespace otter::backend {

std::variant<CompiledFilter, ApiError> compileDeviceFilter(const std::string &text, const QString &field)
{
    FilterError error;
    auto parsed = FilterExpression::parse(QString::fromStdString(text), &error);
    if (!parsed) {
        ApiError refusal =
            apiError(grpc::StatusCode::INVALID_ARGUMENT,
                     QStringLiteral("%1: %2").arg(field, error.toString()), v1::ERROR_REASON_FILTER_INVALID);
        refusal.detail->set_filter_column(quint32(qMax(1, error.column)));
        return refusal;
    }
    CompiledFilter compiled{std::move(parsed).value(), {}};
    compiled.sql = compiled.expression.toSql(deviceFilterColumns());
    return compiled;
}

} // namespace otter::backend
