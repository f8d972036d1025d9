// Tests for five-field cron expressions: what each field accepts, the day-of-month/day-of-week rule, and
// errors that point at the right field and column.
#include "core/cron_expression.h"

#include <QTest>

using namespace otter;

class TestCronExpression : public QObject
{
    Q_OBJECT

private slots:
    void minutesAndHours_data()
    {
        QTest::addColumn<QString>("expression");
        QTest::addColumn<QList<int>>("minutes");
        QTest::addColumn<QList<int>>("hours");
        QTest::newRow("single") << QStringLiteral("5 2 * * *") << QList<int>{5} << QList<int>{2};
        QTest::newRow("list") << QStringLiteral("0,30 1,13 * * *") << QList<int>{0, 30} << QList<int>{1, 13};
        QTest::newRow("step") << QStringLiteral("*/15 */8 * * *") << QList<int>{0, 15, 30, 45}
                              << QList<int>{0, 8, 16};
        QTest::newRow("range step") << QStringLiteral("10-30/10 22-23 * * *") << QList<int>{10, 20, 30}
                                    << QList<int>{22, 23};
        QTest::newRow("start step") << QStringLiteral("50/5 20/2 * * *") << QList<int>{50, 55}
                                    << QList<int>{20, 22};
        QTest::newRow("bounds") << QStringLiteral("0,59 0,23 * * *") << QList<int>{0, 59}
                                << QList<int>{0, 23};
        QTest::newRow("blanks") << QStringLiteral("  7 \t 3  * *   * ") << QList<int>{7} << QList<int>{3};
    }

    void minutesAndHours()
    {
        QFETCH(QString, expression);
        QFETCH(QList<int>, minutes);
        QFETCH(QList<int>, hours);
        auto cron = CronExpression::parse(expression);
        QVERIFY2(cron.ok(), qPrintable(cron.errorMessage()));
        for (int minute = 0; minute < 60; ++minute)
            QCOMPARE(cron->matchesMinute(minute), minutes.contains(minute));
        for (int hour = 0; hour < 24; ++hour)
            QCOMPARE(cron->matchesHour(hour), hours.contains(hour));
    }

    void dates_data()
    {
        QTest::addColumn<QString>("expression");
        QTest::addColumn<QDate>("date");
        QTest::addColumn<bool>("matches");
        // 2024-07-01 is a Monday; 2024-07-07 a Sunday.
        QTest::newRow("every day") << QStringLiteral("0 0 * * *") << QDate(2024, 7, 3) << true;
        QTest::newRow("weekday range, Monday") << QStringLiteral("0 2 * * 1-5") << QDate(2024, 7, 1) << true;
        QTest::newRow("weekday range, Saturday")
            << QStringLiteral("0 2 * * 1-5") << QDate(2024, 7, 6) << false;
        QTest::newRow("Sunday as 0") << QStringLiteral("0 0 * * 0") << QDate(2024, 7, 7) << true;
        QTest::newRow("Sunday as 7") << QStringLiteral("0 0 * * 7") << QDate(2024, 7, 7) << true;
        QTest::newRow("5-7 covers Sunday") << QStringLiteral("0 0 * * 5-7") << QDate(2024, 7, 7) << true;
        QTest::newRow("7 is not Monday") << QStringLiteral("0 0 * * 7") << QDate(2024, 7, 1) << false;
        QTest::newRow("day of month") << QStringLiteral("0 0 15 * *") << QDate(2024, 7, 15) << true;
        QTest::newRow("other day of month") << QStringLiteral("0 0 15 * *") << QDate(2024, 7, 16) << false;
        QTest::newRow("month") << QStringLiteral("0 0 * 2 *") << QDate(2024, 2, 29) << true;
        QTest::newRow("other month") << QStringLiteral("0 0 * 2 *") << QDate(2024, 3, 1) << false;
        // Both day fields restricted: either one suffices (the 1st, or any Monday).
        QTest::newRow("or: Monday") << QStringLiteral("0 12 1 * 1") << QDate(2024, 7, 8) << true;
        QTest::newRow("or: the 1st") << QStringLiteral("0 12 1 * 1") << QDate(2024, 8, 1) << true;
        QTest::newRow("or: neither") << QStringLiteral("0 12 1 * 1") << QDate(2024, 8, 2) << false;
        // A day-of-month written with '*' counts as unrestricted: both must match.
        QTest::newRow("and: */10 and Monday")
            << QStringLiteral("0 12 */10 * 1") << QDate(2024, 10, 21) << true;
        QTest::newRow("and: Monday only") << QStringLiteral("0 12 */10 * 1") << QDate(2024, 10, 14) << false;
        QTest::newRow("and: 11th only") << QStringLiteral("0 12 */10 * 1") << QDate(2024, 10, 11) << false;
    }

    void dates()
    {
        QFETCH(QString, expression);
        QFETCH(QDate, date);
        QFETCH(bool, matches);
        auto cron = CronExpression::parse(expression);
        QVERIFY2(cron.ok(), qPrintable(cron.errorMessage()));
        QCOMPARE(cron->matchesDate(date), matches);
    }

    void errors_data()
    {
        QTest::addColumn<QString>("expression");
        QTest::addColumn<QString>("field");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("message");
        QTest::newRow("too few") << QStringLiteral("0 2 * *") << QString() << 8
                                 << QStringLiteral("expected 5 fields (minute hour day-of-month month "
                                                   "day-of-week), found 4");
        QTest::newRow("too many") << QStringLiteral("0 2 * * * 2024") << QString() << 11
                                  << QStringLiteral("found 6");
        QTest::newRow("empty") << QString() << QString() << 1 << QStringLiteral("found 0");
        QTest::newRow("hour 24") << QStringLiteral("0 24 * * *") << QStringLiteral("hour") << 3
                                 << QStringLiteral("24 is out of range 0-23");
        QTest::newRow("minute 60") << QStringLiteral("60 0 * * *") << QStringLiteral("minute") << 1
                                   << QStringLiteral("60 is out of range 0-59");
        QTest::newRow("day 0") << QStringLiteral("0 0 0 * *") << QStringLiteral("day-of-month") << 5
                               << QStringLiteral("0 is out of range 1-31");
        QTest::newRow("month 13") << QStringLiteral("0 0 * 13 *") << QStringLiteral("month") << 7
                                  << QStringLiteral("13 is out of range 1-12");
        QTest::newRow("weekday 8") << QStringLiteral("0 0 * * 8") << QStringLiteral("day-of-week") << 9
                                   << QStringLiteral("8 is out of range 0-7");
        QTest::newRow("range end") << QStringLiteral("0 1-25 * * *") << QStringLiteral("hour") << 5
                                   << QStringLiteral("25 is out of range 0-23");
        QTest::newRow("backwards") << QStringLiteral("0 0 * * 5-1") << QStringLiteral("day-of-week") << 9
                                   << QStringLiteral("range 5-1 runs backwards");
        QTest::newRow("step 0") << QStringLiteral("*/0 * * * *") << QStringLiteral("minute") << 3
                                << QStringLiteral("step 0 is out of range 1-59");
        QTest::newRow("missing step") << QStringLiteral("0 */ * * *") << QStringLiteral("hour") << 5
                                      << QStringLiteral("expected a step number after '/'");
        QTest::newRow("letter") << QStringLiteral("0 2 * * mon") << QStringLiteral("day-of-week") << 9
                                << QStringLiteral("expected a number, '*' or a range, found 'm'");
        QTest::newRow("empty item") << QStringLiteral("0 2 1,,2 * *") << QStringLiteral("day-of-month") << 7
                                    << QStringLiteral("empty list item");
        QTest::newRow("trailing junk") << QStringLiteral("0 2x * * *") << QStringLiteral("hour") << 4
                                       << QStringLiteral("unexpected 'x'");
        QTest::newRow("star range") << QStringLiteral("*-5 * * * *") << QStringLiteral("minute") << 2
                                    << QStringLiteral("unexpected '-'");
        QTest::newRow("30 February") << QStringLiteral("0 0 30 2 *") << QStringLiteral("day-of-month") << 5
                                     << QStringLiteral("would never open");
        QTest::newRow("31 April, June") << QStringLiteral("0 0 31 4,6 *") << QStringLiteral("day-of-month")
                                        << 5 << QStringLiteral("would never open");
        QTest::newRow("huge number") << QStringLiteral("0 99999999999 * * *") << QStringLiteral("hour") << 3
                                     << QStringLiteral("out of range 0-23");
    }

    void errors()
    {
        QFETCH(QString, expression);
        QFETCH(QString, field);
        QFETCH(int, column);
        QFETCH(QString, message);
        CronError error;
        auto cron = CronExpression::parse(expression, &error);
        QVERIFY(!cron.ok());
        QCOMPARE(cron.error().kind, ErrorKind::InvalidInput);
        QCOMPARE(error.field, field);
        QCOMPARE(error.column, column);
        QVERIFY2(error.message.contains(message), qPrintable(error.message));
        QCOMPARE(cron.errorMessage(), error.toString());
        if (!field.isEmpty())
            QVERIFY2(cron.errorMessage().startsWith(field + QStringLiteral(" field at column ")),
                     qPrintable(cron.errorMessage()));
    }

    void rareButValid_data()
    {
        QTest::addColumn<QString>("expression");
        QTest::newRow("29 February") << QStringLiteral("0 0 29 2 *");
        QTest::newRow("31st with a weekday") << QStringLiteral("0 0 31 2 1"); // fires on Mondays in February
        QTest::newRow("31st of some months") << QStringLiteral("0 0 31 1-12 *");
    }

    void rareButValid()
    {
        QFETCH(QString, expression);
        auto cron = CronExpression::parse(expression);
        QVERIFY2(cron.ok(), qPrintable(cron.errorMessage()));
        QCOMPARE(cron->text(), expression);
    }
};

QTEST_GUILESS_MAIN(TestCronExpression)
#include "tst_cron_expression.moc"
