// MaintenanceSchedule: recurring local start times turned into UTC openings, day by day in the window's
// zone. Local-to-UTC conversion is done here rather than by QDateTime, whose handling of skipped and
// repeated hours is not what windows.proto promises.
#include "core/maintenance_schedule.h"

namespace otter {
namespace {

constexpr qint64 MinuteMs = 60 * 1000;
constexpr qint64 HourMs = 60 * MinuteMs;
constexpr qint64 DayMs = 24 * HourMs;
// UTC offsets in the tz database lie within -12h … +14h; a little more keeps every bound safe.
constexpr qint64 OffsetMarginMs = 15 * HourMs;
constexpr qint64 UnixEpochJulianDay = 2440588;
// A valid schedule opens at least once in about eleven years (a weekday on a given date of a given month
// recurs within that; 29 February within eight); searching further means there is no next opening.
constexpr qint64 MaxDaysWithoutOpening = 12 * 366;

qint64 naiveMs(QDate date, int hour, int minute)
{
    return (date.toJulianDay() - UnixEpochJulianDay) * DayMs + hour * HourMs + minute * MinuteMs;
}

QString formatDuration(qint64 ms)
{
    if (ms % DayMs == 0)
        return QStringLiteral("%1 days").arg(ms / DayMs);
    if (ms % HourMs == 0)
        return QStringLiteral("%1 h").arg(ms / HourMs);
    if (ms % MinuteMs == 0)
        return QStringLiteral("%1 min").arg(ms / MinuteMs);
    return QStringLiteral("%1 s").arg(double(ms) / 1000.0);
}

} // namespace

Result<void> MaintenanceSchedule::checkTimeZone(const QString &timeZoneId)
{
    if (timeZoneId.isEmpty())
        return makeError(ErrorKind::InvalidInput,
                         QStringLiteral("time zone is missing: give an IANA name such as Europe/Berlin"));
    if (!QTimeZone::isTimeZoneIdAvailable(timeZoneId.toUtf8()))
        return makeError(ErrorKind::InvalidInput,
                         QStringLiteral("time zone \"%1\" is not a known IANA time zone (e.g. Europe/Berlin, "
                                        "America/New_York, UTC)")
                             .arg(timeZoneId));
    return {};
}

Result<void> MaintenanceSchedule::checkDuration(qint64 durationMs)
{
    if (durationMs < MinDurationMs)
        return makeError(ErrorKind::InvalidInput,
                         QStringLiteral("duration %1 is too short: a window must last at least 1 minute")
                             .arg(durationMs <= 0 ? QStringLiteral("0") : formatDuration(durationMs)));
    if (durationMs > MaxDurationMs)
        return makeError(ErrorKind::InvalidInput,
                         QStringLiteral("duration %1 is too long: a window lasts at most 7 days")
                             .arg(formatDuration(durationMs)));
    return {};
}

Result<MaintenanceSchedule> MaintenanceSchedule::weekly(const QString &timeZoneId, const WeeklyStart &start,
                                                        qint64 durationMs)
{
    if (auto ok = checkTimeZone(timeZoneId); !ok)
        return ok.error();
    if (start.weekdays.isEmpty())
        return makeError(ErrorKind::InvalidInput, QStringLiteral("weekdays: at least one weekday is needed"));
    quint8 bits = 0;
    for (int day : start.weekdays) {
        if (day < 1 || day > 7)
            return makeError(
                ErrorKind::InvalidInput,
                QStringLiteral("weekdays: %1 is not a weekday (1 = Monday … 7 = Sunday)").arg(day));
        bits |= quint8(1u << day);
    }
    if (start.hour < 0 || start.hour > 23)
        return makeError(ErrorKind::InvalidInput,
                         QStringLiteral("start hour %1 is out of range 0-23").arg(start.hour));
    if (start.minute < 0 || start.minute > 59)
        return makeError(ErrorKind::InvalidInput,
                         QStringLiteral("start minute %1 is out of range 0-59").arg(start.minute));
    if (auto ok = checkDuration(durationMs); !ok)
        return ok.error();
    MaintenanceSchedule schedule;
    schedule.m_zone = QTimeZone(timeZoneId.toUtf8());
    schedule.m_durationMs = durationMs;
    schedule.m_weekly = start;
    schedule.m_weekdayBits = bits;
    return schedule;
}

Result<MaintenanceSchedule> MaintenanceSchedule::cron(const QString &timeZoneId, const QString &expression,
                                                      qint64 durationMs, CronError *cronError)
{
    if (auto ok = checkTimeZone(timeZoneId); !ok)
        return ok.error();
    auto parsed = CronExpression::parse(expression, cronError);
    if (!parsed)
        return makeError(ErrorKind::InvalidInput,
                         QStringLiteral("cron expression \"%1\": %2").arg(expression, parsed.errorMessage()));
    if (auto ok = checkDuration(durationMs); !ok)
        return ok.error();
    MaintenanceSchedule schedule;
    schedule.m_zone = QTimeZone(timeZoneId.toUtf8());
    schedule.m_durationMs = durationMs;
    schedule.m_isCron = true;
    schedule.m_cron = std::move(parsed).value();
    return schedule;
}

qint64 MaintenanceSchedule::offsetAtMs(qint64 utcMs) const
{
    return qint64(m_zone.offsetFromUtc(QDateTime::fromMSecsSinceEpoch(utcMs, Qt::UTC))) * 1000;
}

qint64 MaintenanceSchedule::localToUtcMs(QDate date, int hour, int minute) const
{
    const qint64 naive = naiveMs(date, hour, minute);
    const qint64 low = naive - OffsetMarginMs;
    const qint64 high = naive + OffsetMarginMs;
    const qint64 offsetBefore = offsetAtMs(low);
    if (!m_zone.hasTransitions())
        return naive - offsetBefore;
    const QTimeZone::OffsetData next = m_zone.nextTransition(QDateTime::fromMSecsSinceEpoch(low, Qt::UTC));
    if (!next.atUtc.isValid() || next.atUtc.toMSecsSinceEpoch() > high)
        return naive - offsetBefore; // the common case: one offset all around

    const QTimeZone::OffsetDataList transitions = m_zone.transitions(
        QDateTime::fromMSecsSinceEpoch(low, Qt::UTC), QDateTime::fromMSecsSinceEpoch(high, Qt::UTC));
    // Every offset that applies near the wall time; a reading is valid when the zone agrees with it there.
    QList<qint64> offsets{offsetBefore};
    for (const QTimeZone::OffsetData &transition : transitions)
        offsets.append(qint64(transition.offsetFromUtc) * 1000);
    std::optional<qint64> earliest;
    for (qint64 offset : offsets) {
        const qint64 utc = naive - offset;
        if (offsetAtMs(utc) == offset && (!earliest || utc < *earliest))
            earliest = utc; // a repeated hour has two readings: the first occurrence wins
    }
    if (earliest)
        return *earliest;
    // No reading: the wall time was skipped. It opens when the clocks jumped over it.
    for (const QTimeZone::OffsetData &transition : transitions) {
        const qint64 at = transition.atUtc.toMSecsSinceEpoch();
        const qint64 before = offsetAtMs(at - 1);
        const qint64 after = qint64(transition.offsetFromUtc) * 1000;
        if (after > before && naive >= at + before && naive < at + after)
            return at;
    }
    return naive - offsetBefore;
}

bool MaintenanceSchedule::dateMatches(QDate date) const
{
    if (m_isCron)
        return m_cron->matchesDate(date);
    return (m_weekdayBits & (1u << date.dayOfWeek())) != 0;
}

QList<WindowOpening> MaintenanceSchedule::nextOpenings(const QDateTime &fromUtc, int count) const
{
    QList<WindowOpening> openings;
    if (count <= 0 || !fromUtc.isValid() || m_durationMs <= 0)
        return openings;
    const qint64 from = fromUtc.toMSecsSinceEpoch();
    // Start a day before the local date on which an opening still running at `from` could have begun.
    const qint64 earliestStart = from - m_durationMs;
    const qint64 localEarliest = earliestStart + offsetAtMs(earliestStart);
    QDate day = QDate::fromJulianDay(
        UnixEpochJulianDay +
        (localEarliest >= 0 ? localEarliest / DayMs : (localEarliest - DayMs + 1) / DayMs) - 1);
    QDate lastUseful = day;
    qint64 lastStart = std::numeric_limits<qint64>::min();

    const auto add = [&](qint64 start) {
        if (start + m_durationMs <= from || start <= lastStart)
            return; // over before `from`, or the same instant as the previous start (a skipped hour)
        lastStart = start;
        openings.append({QDateTime::fromMSecsSinceEpoch(start, Qt::UTC),
                         QDateTime::fromMSecsSinceEpoch(start + m_durationMs, Qt::UTC)});
    };

    for (; openings.size() < count; day = day.addDays(1)) {
        if (lastUseful.daysTo(day) > MaxDaysWithoutOpening)
            break;
        if (!dateMatches(day))
            continue;
        const qint64 dayStart = naiveMs(day, 0, 0);
        // Every start of this day is at most the end of the local day plus the largest negative offset.
        if (dayStart + DayMs + OffsetMarginMs + m_durationMs <= from)
            continue;
        lastUseful = day;
        if (!m_isCron) {
            add(localToUtcMs(day, m_weekly.hour, m_weekly.minute));
            continue;
        }
        // One offset for the whole day unless the clocks change near it: skip the per-start search.
        std::optional<qint64> dayOffset;
        if (!m_zone.hasTransitions()) {
            dayOffset = offsetAtMs(dayStart);
        } else {
            const auto next =
                m_zone.nextTransition(QDateTime::fromMSecsSinceEpoch(dayStart - OffsetMarginMs, Qt::UTC));
            if (!next.atUtc.isValid() || next.atUtc.toMSecsSinceEpoch() > dayStart + DayMs + OffsetMarginMs)
                dayOffset = offsetAtMs(dayStart - OffsetMarginMs);
        }
        for (int hour = 0; hour < 24 && openings.size() < count; ++hour) {
            if (!m_cron->matchesHour(hour))
                continue;
            for (int minute = 0; minute < 60 && openings.size() < count; ++minute) {
                if (!m_cron->matchesMinute(minute))
                    continue;
                add(dayOffset ? naiveMs(day, hour, minute) - *dayOffset : localToUtcMs(day, hour, minute));
            }
        }
    }
    return openings;
}

std::optional<WindowOpening> MaintenanceSchedule::currentOrNextOpening(const QDateTime &utc) const
{
    const QList<WindowOpening> openings = nextOpenings(utc, 1);
    if (openings.isEmpty())
        return std::nullopt;
    return openings.first();
}

bool MaintenanceSchedule::isOpen(const QDateTime &utc) const
{
    const auto opening = currentOrNextOpening(utc);
    return opening && opening->start <= utc;
}

} // namespace otter
