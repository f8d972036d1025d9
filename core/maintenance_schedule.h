// MaintenanceSchedule: when a maintenance window is open — recurring local start times in an IANA time zone
// (weekly or cron) plus an elapsed duration — computed exactly across daylight-saving changes.
//
// Wall-clock rules (windows.proto): start times are local times in the zone. A start that falls into a
// skipped hour (clocks going forward) opens at the first valid instant after the gap, i.e. at the instant
// of the change; a start in a repeated hour (clocks going back) opens at its first occurrence only. The
// duration is elapsed time, so an opening spanning a change lasts exactly the duration. Several local
// starts that land on the same instant (a cron schedule inside a gap) give one opening. Openings are listed
// as scheduled: when the duration is longer than the gap between starts they overlap.
#pragma once

#include "core/cron_expression.h"
#include "core/result.h"

#include <QDateTime>
#include <QList>
#include <QTimeZone>

#include <limits>

#include <optional>

namespace otter {

struct WindowOpening
{
    QDateTime start; // UTC
    QDateTime end;   // UTC, start + duration
    friend bool operator==(const WindowOpening &, const WindowOpening &) = default;
};

struct WeeklyStart
{
    QList<int> weekdays; // 1 = Monday … 7 = Sunday (Qt::DayOfWeek); duplicates are ignored
    int hour = 0;
    int minute = 0;
};

class MaintenanceSchedule
{
public:
    static constexpr qint64 MinDurationMs = 60 * 1000;
    static constexpr qint64 MaxDurationMs = 7 * 24 * 3600 * 1000LL;

    // Errors name the part that is wrong ("time zone", "weekdays", "start hour", "cron expression",
    // "duration") so a caller can prefix its own field path; every error is ErrorKind::InvalidInput.
    static Result<MaintenanceSchedule> weekly(const QString &timeZoneId, const WeeklyStart &start,
                                              qint64 durationMs);
    static Result<MaintenanceSchedule> cron(const QString &timeZoneId, const QString &expression,
                                            qint64 durationMs, CronError *cronError = nullptr);
    static Result<void> checkTimeZone(const QString &timeZoneId);
    static Result<void> checkDuration(qint64 durationMs);

    // The first `count` openings that end after `fromUtc`, in chronological order; an opening in progress
    // at `fromUtc` comes first with its real start.
    QList<WindowOpening> nextOpenings(const QDateTime &fromUtc, int count) const;
    // The opening in progress at `utc`, or else the next one (nullopt only for an empty schedule).
    std::optional<WindowOpening> currentOrNextOpening(const QDateTime &utc) const;
    bool isOpen(const QDateTime &utc) const;

    QTimeZone timeZone() const { return m_zone; }
    qint64 durationMs() const { return m_durationMs; }

    // The UTC instant (ms since the epoch) a local wall-clock time starts at, by the rules above.
    qint64 localToUtcMs(QDate date, int hour, int minute) const;

private:
    MaintenanceSchedule() = default;
    bool dateMatches(QDate date) const;
    qint64 offsetAtMs(qint64 utcMs) const;

    QTimeZone m_zone;
    qint64 m_durationMs = 0;
    bool m_isCron = false;
    WeeklyStart m_weekly;
    quint8 m_weekdayBits = 0; // bit d for Qt day d
    std::optional<CronExpression> m_cron;
};

} // namespace otter
