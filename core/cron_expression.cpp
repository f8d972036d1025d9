// Five-field cron expressions: a small hand-written parser whose errors point at the offending column.
#include "core/cron_expression.h"

#include <array>

namespace otter {
namespace {

struct FieldSpec
{
    const char *name;
    int min;
    int max;
};

constexpr std::array<FieldSpec, 5> Fields{
    {{"minute", 0, 59}, {"hour", 0, 23}, {"day-of-month", 1, 31}, {"month", 1, 12}, {"day-of-week", 0, 7}}};

struct Token
{
    QStringView text;
    int column; // 1-based
};

// Parses one field into bits min..max; the error carries the column within the whole expression.
class FieldParser
{
public:
    FieldParser(const FieldSpec &spec, Token token)
        : m_spec(spec)
        , m_token(token)
    {}

    bool parse(quint64 *bits, CronError *error)
    {
        qsizetype start = 0;
        const QStringView text = m_token.text;
        while (start <= text.size()) {
            qsizetype end = text.indexOf(u',', start);
            if (end < 0)
                end = text.size();
            if (!item(text.mid(start, end - start), m_token.column + int(start), bits, error))
                return false;
            start = end + 1;
        }
        return true;
    }

private:
    bool fail(CronError *error, int column, const QString &message) const
    {
        error->column = column;
        error->field = QString::fromLatin1(m_spec.name);
        error->message = message;
        return false;
    }

    QString range() const { return QStringLiteral("%1-%2").arg(m_spec.min).arg(m_spec.max); }

    // Reads digits at `pos`; -1 when there are none. Values beyond 9999 are clamped (and then refused as
    // out of range), so an overlong number cannot overflow.
    static int number(QStringView text, qsizetype &pos)
    {
        const qsizetype begin = pos;
        int value = 0;
        while (pos < text.size() && text[pos].isDigit() && text[pos].unicode() < 128) {
            value = qMin(value * 10 + (text[pos].unicode() - u'0'), 99999);
            ++pos;
        }
        return pos == begin ? -1 : value;
    }

    bool checkRange(int value, int column, CronError *error) const
    {
        if (value < m_spec.min || value > m_spec.max)
            return fail(error, column, QStringLiteral("%1 is out of range %2").arg(value).arg(range()));
        return true;
    }

    bool item(QStringView text, int column, quint64 *bits, CronError *error) const
    {
        if (text.isEmpty())
            return fail(error, column,
                        QStringLiteral("empty list item (two commas in a row, or a trailing comma)"));
        qsizetype pos = 0;
        int low = 0;
        int high = 0;
        bool star = false;
        if (text[0] == u'*') {
            star = true;
            low = m_spec.min;
            high = m_spec.max;
            pos = 1;
        } else {
            low = number(text, pos);
            if (low < 0)
                return fail(error, column,
                            QStringLiteral("expected a number, '*' or a range, found '%1'").arg(text[0]));
            if (!checkRange(low, column, error))
                return false;
            high = low;
            if (pos < text.size() && text[pos] == u'-') {
                const int highColumn = column + int(pos) + 1;
                ++pos;
                high = number(text, pos);
                if (high < 0)
                    return fail(error, highColumn, QStringLiteral("expected a number after '-'"));
                if (!checkRange(high, highColumn, error))
                    return false;
                if (high < low)
                    return fail(
                        error, column,
                        QStringLiteral("range %1-%2 runs backwards (write %2-%1)").arg(low).arg(high));
            }
        }
        int step = 1;
        if (pos < text.size() && text[pos] == u'/') {
            const int stepColumn = column + int(pos) + 1;
            ++pos;
            step = number(text, pos);
            if (step < 0)
                return fail(error, stepColumn, QStringLiteral("expected a step number after '/'"));
            if (step < 1 || step > m_spec.max)
                return fail(error, stepColumn,
                            QStringLiteral("step %1 is out of range 1-%2").arg(step).arg(m_spec.max));
            if (!star && high == low)
                high = m_spec.max; // "N/S": from N to the end of the range
        }
        if (pos < text.size())
            return fail(error, column + int(pos),
                        QStringLiteral("unexpected '%1' (items are *, N, N-M, optionally followed by /S)")
                            .arg(text[pos]));
        for (int value = low; value <= high; value += step)
            *bits |= quint64(1) << value;
        return true;
    }

    const FieldSpec &m_spec;
    Token m_token;
};

QList<Token> splitFields(QStringView text)
{
    QList<Token> tokens;
    qsizetype pos = 0;
    while (pos < text.size()) {
        while (pos < text.size() && text[pos].isSpace())
            ++pos;
        if (pos == text.size())
            break;
        const qsizetype begin = pos;
        while (pos < text.size() && !text[pos].isSpace())
            ++pos;
        tokens.append({text.mid(begin, pos - begin), int(begin) + 1});
    }
    return tokens;
}

// Whether some listed day of the month exists in some listed month (February counted with 29 days).
template<typename Days, typename Months>
bool someDayExists(const Days &days, const Months &months)
{
    static constexpr std::array<int, 13> Longest{0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    for (int month = 1; month <= 12; ++month) {
        if (!months.test(size_t(month)))
            continue;
        for (int day = 1; day <= Longest[size_t(month)]; ++day) {
            if (days.test(size_t(day)))
                return true;
        }
    }
    return false;
}

} // namespace

QString CronError::toString() const
{
    if (field.isEmpty())
        return QStringLiteral("column %1: %2").arg(column).arg(message);
    return QStringLiteral("%1 field at column %2: %3").arg(field).arg(column).arg(message);
}

Result<CronExpression> CronExpression::parse(QStringView text, CronError *error)
{
    CronError local;
    CronError &failure = error ? *error : local;
    const auto refuse = [&]() -> Result<CronExpression> {
        return makeError(ErrorKind::InvalidInput, failure.toString());
    };
    if (text.size() > 256) {
        failure = {257, QString(), QStringLiteral("the expression is longer than 256 characters")};
        return refuse();
    }
    const QList<Token> tokens = splitFields(text);
    if (tokens.size() != 5) {
        failure = {tokens.size() > 5 ? tokens[5].column : int(text.size()) + 1, QString(),
                   QStringLiteral("expected 5 fields (minute hour day-of-month month day-of-week), found %1")
                       .arg(tokens.size())};
        return refuse();
    }
    std::array<quint64, 5> bits{};
    for (size_t i = 0; i < Fields.size(); ++i) {
        if (!FieldParser(Fields[i], tokens[qsizetype(i)]).parse(&bits[i], &failure))
            return refuse();
    }
    CronExpression cron;
    cron.m_text = text.toString();
    cron.m_minutes = std::bitset<60>(bits[0]);
    cron.m_hours = std::bitset<24>(bits[1]);
    cron.m_daysOfMonth = std::bitset<32>(bits[2]);
    cron.m_months = std::bitset<13>(bits[3]);
    // 7 is another name for Sunday (0).
    cron.m_daysOfWeek = std::bitset<7>(bits[4] & 0x7f);
    if (bits[4] & (quint64(1) << 7))
        cron.m_daysOfWeek.set(0);
    cron.m_dayOfMonthStar = tokens[2].text.startsWith(u'*');
    cron.m_dayOfWeekStar = tokens[4].text.startsWith(u'*');
    const bool onlyDayOfMonth = !cron.m_dayOfMonthStar && cron.m_dayOfWeekStar;
    if (onlyDayOfMonth && !someDayExists(cron.m_daysOfMonth, cron.m_months)) {
        failure = {
            tokens[2].column, QString::fromLatin1(Fields[2].name),
            QStringLiteral("no listed day occurs in the listed months, so the window would never open")};
        return refuse();
    }
    return cron;
}

bool CronExpression::matchesDate(QDate localDate) const
{
    if (!m_months.test(size_t(localDate.month())))
        return false;
    const bool dayOfMonth = m_daysOfMonth.test(size_t(localDate.day()));
    const bool dayOfWeek = m_daysOfWeek.test(size_t(localDate.dayOfWeek() % 7)); // Qt: 7 = Sunday
    if (m_dayOfMonthStar || m_dayOfWeekStar)
        return dayOfMonth && dayOfWeek;
    return dayOfMonth || dayOfWeek;
}

} // namespace otter
