// InlineError: a problem with the text of an expression field, with the position an editor underlines.
#pragma once

#include <QString>

#include <functional>
#include <optional>

namespace otter::ui {

struct InlineError
{
    int column = 0; // 1-based UTF-16 position as FilterError/CronError give it; 0 = the whole text
    int length = 1; // characters to underline from column
    QString message;
};

// Checks text locally (no round trip) and returns the first problem, or nullopt when the text is valid.
using InlineChecker = std::function<std::optional<InlineError>(const QString &)>;

// The filter-expression language of groups and the devices page (core/filter_expression.h).
std::optional<InlineError> checkFilterExpression(const QString &text);
// Five-field cron schedules of maintenance windows (core/cron_expression.h).
std::optional<InlineError> checkCronExpression(const QString &text);

} // namespace otter::ui
