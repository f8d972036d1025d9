// Checking a maintenance window sent by a client.
#include "backend/services/window_validation.h"

#include "backend/services/stored_object_refusals.h"
#include "backend/storage/operator_accounts.h"

#include <google/protobuf/util/time_util.h>

#include <algorithm>

namespace otter::backend {
namespace {

constexpr int MaxNameLength = 100;
constexpr int MaxDescriptionLength = 2000;

ApiError invalid(const QString &message)
{
    return apiError(grpc::StatusCode::INVALID_ARGUMENT, message);
}

} // namespace

std::variant<MaintenanceSchedule, ApiError> windowSchedule(const v1::MaintenanceWindow &window,
                                                           const QString &field)
{
    const QString zone = QString::fromStdString(window.time_zone());
    if (auto ok = MaintenanceSchedule::checkTimeZone(zone); !ok)
        return invalid(QStringLiteral("%1.time_zone: %2").arg(field, ok.errorMessage()));
    const qint64 durationMs = google::protobuf::util::TimeUtil::DurationToMilliseconds(window.duration());
    switch (window.recurrence_case()) {
    case v1::MaintenanceWindow::RECURRENCE_NOT_SET:
        return invalid(
            QStringLiteral("%1 has no recurrence: set weekly (weekdays and a start time) or cron (an "
                           "expression such as \"0 2 * * 1-5\")")
                .arg(field));
    case v1::MaintenanceWindow::kWeekly: {
        const v1::WeeklyRecurrence &weekly = window.weekly();
        WeeklyStart start;
        for (int i = 0; i < weekly.weekdays_size(); ++i) {
            const int day = weekly.weekdays(i);
            if (day < v1::WEEKDAY_MONDAY || day > v1::WEEKDAY_SUNDAY)
                return invalid(QStringLiteral("%1.weekly.weekdays[%2] is %3, not a weekday (WEEKDAY_MONDAY … "
                                              "WEEKDAY_SUNDAY)")
                                   .arg(field)
                                   .arg(i)
                                   .arg(day));
            start.weekdays.append(day); // Weekday numbers are Qt's: 1 = Monday … 7 = Sunday
        }
        if (start.weekdays.isEmpty())
            return invalid(QStringLiteral("%1.weekly.weekdays is empty: name at least one day").arg(field));
        if (weekly.start().hour() > 23)
            return invalid(QStringLiteral("%1.weekly.start.hour is %2; it must be 0 to 23")
                               .arg(field)
                               .arg(weekly.start().hour()));
        if (weekly.start().minute() > 59)
            return invalid(QStringLiteral("%1.weekly.start.minute is %2; it must be 0 to 59")
                               .arg(field)
                               .arg(weekly.start().minute()));
        start.hour = int(weekly.start().hour());
        start.minute = int(weekly.start().minute());
        if (auto ok = MaintenanceSchedule::checkDuration(durationMs); !ok)
            return invalid(QStringLiteral("%1.duration: %2").arg(field, ok.errorMessage()));
        auto schedule = MaintenanceSchedule::weekly(zone, start, durationMs);
        if (!schedule)
            return invalid(QStringLiteral("%1: %2").arg(field, schedule.errorMessage()));
        return std::move(schedule).value();
    }
    case v1::MaintenanceWindow::kCron: {
        const QString expression = QString::fromStdString(window.cron().expression());
        CronError error;
        if (auto parsed = CronExpression::parse(expression, &error); !parsed)
            return invalid(
                QStringLiteral("%1.cron.expression \"%2\": %3").arg(field, expression, error.toString()));
        if (auto ok = MaintenanceSchedule::checkDuration(durationMs); !ok)
            return invalid(QStringLiteral("%1.duration: %2").arg(field, ok.errorMessage()));
        auto schedule = MaintenanceSchedule::cron(zone, expression, durationMs);
        if (!schedule)
            return invalid(QStringLiteral("%1: %2").arg(field, schedule.errorMessage()));
        return std::move(schedule).value();
    }
    }
    return invalid(QStringLiteral("%1 has an unknown recurrence").arg(field));
}

std::variant<v1::MaintenanceWindow, ApiError> validatedWindow(const v1::MaintenanceWindow &input)
{
    const QString id = QString::fromStdString(input.id());
    if (!id.isEmpty() && !isValidObjectId(id))
        return invalid(QStringLiteral("window.id \"%1\" must be 1 to 64 characters from a-z, 0-9, '.', '_' "
                                      "and '-', starting with a letter or digit (or empty: the server "
                                      "assigns one)")
                           .arg(id));
    const QString name = QString::fromStdString(input.name()).trimmed();
    if (name.isEmpty() || name.size() > MaxNameLength)
        return invalid(QStringLiteral("window.name is required: 1 to %1 characters, e.g. \"EU nights\"")
                           .arg(MaxNameLength));
    if (QString::fromStdString(input.description()).size() > MaxDescriptionLength)
        return invalid(
            QStringLiteral("window.description is longer than %1 characters").arg(MaxDescriptionLength));
    auto schedule = windowSchedule(input);
    if (auto *error = std::get_if<ApiError>(&schedule))
        return *error;

    v1::MaintenanceWindow window;
    window.set_id(input.id());
    window.set_name(name.toStdString());
    window.set_description(input.description());
    window.set_time_zone(input.time_zone());
    if (input.has_weekly()) {
        v1::WeeklyRecurrence *weekly = window.mutable_weekly();
        for (int day : input.weekly().weekdays()) {
            if (std::find(weekly->weekdays().begin(), weekly->weekdays().end(), day) !=
                weekly->weekdays().end())
                continue; // duplicates are ignored (windows.proto)
            weekly->add_weekdays(v1::Weekday(day));
        }
        *weekly->mutable_start() = input.weekly().start();
    } else {
        window.mutable_cron()->set_expression(input.cron().expression());
    }
    *window.mutable_duration() = input.duration();
    return window;
}

ApiError windowConflict(grpc::StatusCode code, const QString &message, v1::ErrorReason reason,
                        const v1::MaintenanceWindow &stored)
{
    return conflictError(code, message, reason, v1::OBJECT_KIND_MAINTENANCE_WINDOW, stored,
                         &v1::CurrentObject::mutable_maintenance_window);
}

ApiError staleWindow(const v1::MaintenanceWindow &stored, qint64 expectedRevision)
{
    return staleRevisionError(QStringLiteral("maintenance window"), v1::OBJECT_KIND_MAINTENANCE_WINDOW,
                              stored, &v1::CurrentObject::mutable_maintenance_window, expectedRevision);
}

} // namespace otter::backend
