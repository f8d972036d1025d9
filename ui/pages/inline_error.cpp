// Local checks behind the expression fields: the same parsers the server runs, for instant feedback.
#include "ui/pages/inline_error.h"

#include "core/cron_expression.h"
#include "core/filter_expression.h"

#include <QCoreApplication>

namespace otter::ui {

std::optional<InlineError> checkFilterExpression(const QString &text)
{
    FilterError error;
    if (FilterExpression::parse(text, &error))
        return std::nullopt;
    return InlineError{error.column, qMax(1, error.length), error.message};
}

std::optional<InlineError> checkCronExpression(const QString &text)
{
    if (text.trimmed().isEmpty())
        return InlineError{0, 1,
                           QCoreApplication::translate("otter::ui::InlineError",
                                                       "a cron expression is needed, e.g. \"0 2 * * 1-5\"")};
    CronError error;
    if (CronExpression::parse(text, &error))
        return std::nullopt;
    QString message = error.message;
    if (!error.field.isEmpty())
        message =
            QCoreApplication::translate("otter::ui::InlineError", "%1 field: %2").arg(error.field, message);
    return InlineError{error.column, 1, message};
}

} // namespace otter::ui
