// CronExpression: the five-field cron schedules of maintenance windows, parsed once and matched cheaply.
//
// Grammar: "minute hour day-of-month month day-of-week", fields separated by blanks. Each field is a
// comma-separated list of items; an item is "*", a number N, a range "N-M", or any of those followed by a
// step "/S" ("*/15", "1-30/5"; "N/S" means "N-max/S"). Ranges: minute 0-59, hour 0-23, day-of-month 1-31,
// month 1-12, day-of-week 0-7 where both 0 and 7 are Sunday.
//
// Day matching follows the classic cron rule: when both day-of-month and day-of-week are restricted (their
// text does not start with '*'), a day matches if EITHER matches ("0 2 1 * 1" is the 1st of each month and
// every Monday); otherwise both must match. Expressions that can never fire ("0 0 30 2 *") are refused.
#pragma once

#include "core/result.h"

#include <QDate>
#include <QString>
#include <QStringView>

#include <bitset>

namespace otter {

struct CronError
{
    int column = 0;  // 1-based position in the expression text
    QString field;   // "minute", "hour", "day-of-month", "month", "day-of-week", or empty for the whole text
    QString message; // e.g. "24 is out of range 0-23"

    // "hour field at column 3: 24 is out of range 0-23"
    QString toString() const;
};

class CronExpression
{
public:
    // On failure the message is CronError::toString(); pass error to get the parts apart.
    static Result<CronExpression> parse(QStringView text, CronError *error = nullptr);

    bool matchesDate(QDate localDate) const;
    bool matchesMinute(int minute) const { return m_minutes.test(size_t(minute)); }
    bool matchesHour(int hour) const { return m_hours.test(size_t(hour)); }

    QString text() const { return m_text; }

private:
    std::bitset<60> m_minutes;
    std::bitset<24> m_hours;
    std::bitset<32> m_daysOfMonth; // 1..31
    std::bitset<13> m_months;      // 1..12
    std::bitset<7> m_daysOfWeek;   // 0 = Sunday .. 6 = Saturday
    bool m_dayOfMonthStar = true;
    bool m_dayOfWeekStar = true;
    QString m_text;
};

} // namespace otter
