// Tests for maintenance-window schedules: openings of weekly and cron windows in real time zones, across the
// 2024 daylight-saving changes of Europe/Berlin (31 March, 27 October, at 01:00 UTC) and America/New_York
// (10 March at 07:00 UTC, 3 November at 06:00 UTC), windows open "now", and refused inputs.
#include "core/maintenance_schedule.h"

#include <QSet>
#include <QTest>

using namespace otter;

namespace {

QDateTime utc(const QString &iso)
{
    QDateTime time = QDateTime::fromString(iso, Qt::ISODate);
    time.setTimeSpec(Qt::UTC);
    return time;
}

// "1,3,5@22:30" → Monday, Wednesday, Friday at 22:30.
WeeklyStart weeklyStart(const QString &spec)
{
    WeeklyStart start;
    const QStringList parts = spec.split(u'@');
    for (const QString &day : parts[0].split(u','))
        start.weekdays.append(day.toInt());
    start.hour = parts[1].section(u':', 0, 0).toInt();
    start.minute = parts[1].section(u':', 1, 1).toInt();
    return start;
}

Result<MaintenanceSchedule> schedule(const QString &zone, const QString &kind, const QString &spec,
                                     int durationMinutes)
{
    const qint64 durationMs = qint64(durationMinutes) * 60 * 1000;
    if (kind == QLatin1StringView("cron"))
        return MaintenanceSchedule::cron(zone, spec, durationMs);
    return MaintenanceSchedule::weekly(zone, weeklyStart(spec), durationMs);
}

QStringList format(const QList<WindowOpening> &openings)
{
    QStringList out;
    for (const WindowOpening &opening : openings)
        out << opening.start.toString(Qt::ISODate) + u'/' + opening.end.toString(Qt::ISODate);
    return out;
}

} // namespace

class TestMaintenanceSchedule : public QObject
{
    Q_OBJECT

private slots:
    void openings_data()
    {
        QTest::addColumn<QString>("zone");
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("spec");
        QTest::addColumn<int>("durationMinutes");
        QTest::addColumn<QString>("from");
        QTest::addColumn<QStringList>("expected");

        QTest::newRow("Berlin weekly, spring forward: 02:30 opens at 03:00 CEST")
            << QStringLiteral("Europe/Berlin") << QStringLiteral("weekly") << QStringLiteral("7@02:30") << 120
            << QStringLiteral("2024-03-25T00:00:00Z")
            << QStringList{QStringLiteral("2024-03-31T01:00:00Z/2024-03-31T03:00:00Z"),
                           QStringLiteral("2024-04-07T00:30:00Z/2024-04-07T02:30:00Z")};
        QTest::newRow("Berlin weekly, fall back: first 02:30, elapsed duration")
            << QStringLiteral("Europe/Berlin") << QStringLiteral("weekly") << QStringLiteral("7@02:30") << 120
            << QStringLiteral("2024-10-20T03:00:00Z")
            << QStringList{QStringLiteral("2024-10-27T00:30:00Z/2024-10-27T02:30:00Z"),
                           QStringLiteral("2024-11-03T01:30:00Z/2024-11-03T03:30:00Z")};
        QTest::newRow("Berlin overnight window spanning the repeated hour")
            << QStringLiteral("Europe/Berlin") << QStringLiteral("weekly") << QStringLiteral("6@23:00") << 360
            << QStringLiteral("2024-10-26T00:00:00Z")
            << QStringList{QStringLiteral("2024-10-26T21:00:00Z/2024-10-27T03:00:00Z"),
                           QStringLiteral("2024-11-02T22:00:00Z/2024-11-03T04:00:00Z")};
        QTest::newRow("Berlin weekdays, in progress at from")
            << QStringLiteral("Europe/Berlin") << QStringLiteral("weekly")
            << QStringLiteral("1,2,3,4,5@22:00") << 60
            << QStringLiteral("2024-06-07T20:30:00Z") // Friday 22:30 CEST
            << QStringList{QStringLiteral("2024-06-07T20:00:00Z/2024-06-07T21:00:00Z"),
                           QStringLiteral("2024-06-10T20:00:00Z/2024-06-10T21:00:00Z"),
                           QStringLiteral("2024-06-11T20:00:00Z/2024-06-11T21:00:00Z")};
        QTest::newRow("duplicate weekdays count once")
            << QStringLiteral("UTC") << QStringLiteral("weekly") << QStringLiteral("1,1,1@08:00") << 30
            << QStringLiteral("2024-07-01T09:00:00Z")
            << QStringList{QStringLiteral("2024-07-08T08:00:00Z/2024-07-08T08:30:00Z"),
                           QStringLiteral("2024-07-15T08:00:00Z/2024-07-15T08:30:00Z")};
        QTest::newRow("New York weekly, spring forward: 02:30 opens at 03:00 EDT")
            << QStringLiteral("America/New_York") << QStringLiteral("weekly") << QStringLiteral("7@02:30")
            << 60 << QStringLiteral("2024-03-04T00:00:00Z")
            << QStringList{QStringLiteral("2024-03-10T07:00:00Z/2024-03-10T08:00:00Z"),
                           QStringLiteral("2024-03-17T06:30:00Z/2024-03-17T07:30:00Z")};
        QTest::newRow("New York weekly, fall back: first 01:30 (EDT)")
            << QStringLiteral("America/New_York") << QStringLiteral("weekly") << QStringLiteral("7@01:30")
            << 90 << QStringLiteral("2024-10-28T00:00:00Z")
            << QStringList{QStringLiteral("2024-11-03T05:30:00Z/2024-11-03T07:00:00Z"),
                           QStringLiteral("2024-11-10T06:30:00Z/2024-11-10T08:00:00Z")};
        QTest::newRow("cron weekdays at 02:00 in summer")
            << QStringLiteral("Europe/Berlin") << QStringLiteral("cron") << QStringLiteral("0 2 * * 1-5")
            << 60 << QStringLiteral("2024-06-07T12:00:00Z")
            << QStringList{QStringLiteral("2024-06-10T00:00:00Z/2024-06-10T01:00:00Z"),
                           QStringLiteral("2024-06-11T00:00:00Z/2024-06-11T01:00:00Z")};
        QTest::newRow("cron starts inside the gap collapse into one opening")
            << QStringLiteral("Europe/Berlin") << QStringLiteral("cron") << QStringLiteral("*/30 2 * * *")
            << 10 << QStringLiteral("2024-03-30T00:00:00Z")
            << QStringList{QStringLiteral("2024-03-30T01:00:00Z/2024-03-30T01:10:00Z"),
                           QStringLiteral("2024-03-30T01:30:00Z/2024-03-30T01:40:00Z"),
                           QStringLiteral("2024-03-31T01:00:00Z/2024-03-31T01:10:00Z"),
                           QStringLiteral("2024-04-01T00:00:00Z/2024-04-01T00:10:00Z"),
                           QStringLiteral("2024-04-01T00:30:00Z/2024-04-01T00:40:00Z")};
        QTest::newRow("cron in the repeated hour opens once")
            << QStringLiteral("America/New_York") << QStringLiteral("cron") << QStringLiteral("30 1 * * *")
            << 15 << QStringLiteral("2024-11-02T12:00:00Z")
            << QStringList{QStringLiteral("2024-11-03T05:30:00Z/2024-11-03T05:45:00Z"),
                           QStringLiteral("2024-11-04T06:30:00Z/2024-11-04T06:45:00Z")};
        QTest::newRow("cron 29 February")
            << QStringLiteral("UTC") << QStringLiteral("cron") << QStringLiteral("0 0 29 2 *") << 60
            << QStringLiteral("2024-03-01T00:00:00Z")
            << QStringList{QStringLiteral("2028-02-29T00:00:00Z/2028-02-29T01:00:00Z"),
                           QStringLiteral("2032-02-29T00:00:00Z/2032-02-29T01:00:00Z")};
        QTest::newRow("cron day-of-month or day-of-week")
            << QStringLiteral("UTC") << QStringLiteral("cron") << QStringLiteral("0 12 1 * 1") << 60
            << QStringLiteral("2024-07-25T00:00:00Z")
            << QStringList{QStringLiteral("2024-07-29T12:00:00Z/2024-07-29T13:00:00Z"),
                           QStringLiteral("2024-08-01T12:00:00Z/2024-08-01T13:00:00Z"),
                           QStringLiteral("2024-08-05T12:00:00Z/2024-08-05T13:00:00Z")};
        QTest::newRow("cron */10 day-of-month and Monday")
            << QStringLiteral("UTC") << QStringLiteral("cron") << QStringLiteral("0 12 */10 * 1") << 60
            << QStringLiteral("2024-07-02T00:00:00Z")
            << QStringList{QStringLiteral("2024-10-21T12:00:00Z/2024-10-21T13:00:00Z")};
        QTest::newRow("overlapping cron openings are listed as scheduled")
            << QStringLiteral("UTC") << QStringLiteral("cron") << QStringLiteral("*/20 3 * * *") << 30
            << QStringLiteral("2024-05-01T03:25:00Z")
            << QStringList{QStringLiteral("2024-05-01T03:00:00Z/2024-05-01T03:30:00Z"),
                           QStringLiteral("2024-05-01T03:20:00Z/2024-05-01T03:50:00Z"),
                           QStringLiteral("2024-05-01T03:40:00Z/2024-05-01T04:10:00Z"),
                           QStringLiteral("2024-05-02T03:00:00Z/2024-05-02T03:30:00Z")};
        QTest::newRow("week-long window still running")
            << QStringLiteral("Europe/Berlin") << QStringLiteral("weekly") << QStringLiteral("1@00:00")
            << 7 * 24 * 60 << QStringLiteral("2024-07-07T21:00:00Z") // Sunday 23:00 CEST
            << QStringList{QStringLiteral("2024-06-30T22:00:00Z/2024-07-07T22:00:00Z"),
                           QStringLiteral("2024-07-07T22:00:00Z/2024-07-14T22:00:00Z")};
        QTest::newRow("end is exclusive")
            << QStringLiteral("UTC") << QStringLiteral("weekly") << QStringLiteral("3@10:00") << 60
            << QStringLiteral("2024-07-03T11:00:00Z")
            << QStringList{QStringLiteral("2024-07-10T10:00:00Z/2024-07-10T11:00:00Z")};
    }

    void openings()
    {
        QFETCH(QString, zone);
        QFETCH(QString, kind);
        QFETCH(QString, spec);
        QFETCH(int, durationMinutes);
        QFETCH(QString, from);
        QFETCH(QStringList, expected);
        auto parsed = schedule(zone, kind, spec, durationMinutes);
        QVERIFY2(parsed.ok(), qPrintable(parsed.errorMessage()));
        QCOMPARE(format(parsed->nextOpenings(utc(from), int(expected.size()))), expected);
    }

    // Every opening found by the schedule equals one found by stepping through each UTC minute and
    // asking Qt for the local wall time (first occurrence only), over the autumn change in New York.
    void cronAgreesWithMinuteByMinuteScan()
    {
        const QString zoneId = QStringLiteral("America/New_York");
        const QTimeZone zone(zoneId.toUtf8());
        auto cron = CronExpression::parse(QStringLiteral("15,45 1-3 * * 0,2"));
        QVERIFY(cron.ok());
        auto parsed = MaintenanceSchedule::cron(zoneId, cron->text(), 10 * 60 * 1000);
        QVERIFY(parsed.ok());
        const QDateTime from = utc(QStringLiteral("2024-10-15T00:00:00Z"));
        const QDateTime to = utc(QStringLiteral("2024-11-20T00:00:00Z"));
        QStringList scanned;
        QSet<QString> seenWallTimes;
        for (QDateTime t = from; t < to; t = t.addSecs(60)) {
            const QDateTime local = t.toTimeZone(zone);
            if (!cron->matchesDate(local.date()) || !cron->matchesHour(local.time().hour()) ||
                !cron->matchesMinute(local.time().minute()))
                continue;
            const QString wall = local.toString(QStringLiteral("yyyy-MM-dd HH:mm"));
            if (seenWallTimes.contains(wall))
                continue; // the second pass through a repeated hour
            seenWallTimes.insert(wall);
            scanned << t.toString(Qt::ISODate);
        }
        QStringList computed;
        for (const WindowOpening &opening : parsed->nextOpenings(from, int(scanned.size()) + 5)) {
            if (opening.start < to)
                computed << opening.start.toString(Qt::ISODate);
        }
        QVERIFY(scanned.size() > 50);
        QVERIFY(scanned.contains(QStringLiteral("2024-11-03T05:15:00Z"))); // 01:15 EDT, the first one
        QVERIFY(!scanned.contains(QStringLiteral("2024-11-03T06:15:00Z")));
        QCOMPARE(computed, scanned);
    }

    void openNow_data()
    {
        QTest::addColumn<QString>("at");
        QTest::addColumn<bool>("open");
        QTest::addColumn<QString>("currentOrNext");
        // Daily 10:00-14:00 Berlin time (08:00-12:00 UTC in summer).
        QTest::newRow("before") << QStringLiteral("2024-06-05T07:59:59Z") << false
                                << QStringLiteral("2024-06-05T08:00:00Z");
        QTest::newRow("at the start")
            << QStringLiteral("2024-06-05T08:00:00Z") << true << QStringLiteral("2024-06-05T08:00:00Z");
        QTest::newRow("inside") << QStringLiteral("2024-06-05T09:30:00Z") << true
                                << QStringLiteral("2024-06-05T08:00:00Z");
        QTest::newRow("at the end") << QStringLiteral("2024-06-05T12:00:00Z") << false
                                    << QStringLiteral("2024-06-06T08:00:00Z");
        QTest::newRow("winter") << QStringLiteral("2024-12-05T09:30:00Z") << true
                                << QStringLiteral("2024-12-05T09:00:00Z");
    }

    void openNow()
    {
        QFETCH(QString, at);
        QFETCH(bool, open);
        QFETCH(QString, currentOrNext);
        auto parsed =
            MaintenanceSchedule::weekly(QStringLiteral("Europe/Berlin"),
                                        weeklyStart(QStringLiteral("1,2,3,4,5,6,7@10:00")), 4 * 3600 * 1000);
        QVERIFY2(parsed.ok(), qPrintable(parsed.errorMessage()));
        QCOMPARE(parsed->isOpen(utc(at)), open);
        const auto opening = parsed->currentOrNextOpening(utc(at));
        QVERIFY(opening.has_value());
        QCOMPARE(opening->start, utc(currentOrNext));
        QCOMPARE(opening->end, opening->start.addSecs(4 * 3600));
    }

    void openAtTheRealNow()
    {
        // A window that opens every minute for two minutes is open whenever one asks.
        auto parsed = MaintenanceSchedule::cron(QStringLiteral("Europe/Berlin"), QStringLiteral("* * * * *"),
                                                2 * 60 * 1000);
        QVERIFY(parsed.ok());
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QVERIFY(parsed->isOpen(now));
        const auto opening = parsed->currentOrNextOpening(now);
        QVERIFY(opening && opening->start <= now && now < opening->end);
    }

    void invalid_data()
    {
        QTest::addColumn<QString>("zone");
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("spec");
        QTest::addColumn<qint64>("durationMs");
        QTest::addColumn<QString>("message");
        const qint64 hour = 3600 * 1000;
        QTest::newRow("unknown zone")
            << QStringLiteral("Mars/Olympus_Mons") << QStringLiteral("weekly") << QStringLiteral("1@02:00")
            << hour << QStringLiteral("time zone \"Mars/Olympus_Mons\" is not a known IANA");
        QTest::newRow("no zone") << QString() << QStringLiteral("cron") << QStringLiteral("0 2 * * *") << hour
                                 << QStringLiteral("time zone is missing");
        QTest::newRow("weekday 8") << QStringLiteral("UTC") << QStringLiteral("weekly")
                                   << QStringLiteral("8@02:00") << hour
                                   << QStringLiteral("weekdays: 8 is not a weekday");
        QTest::newRow("weekday 0") << QStringLiteral("UTC") << QStringLiteral("weekly")
                                   << QStringLiteral("0@02:00") << hour
                                   << QStringLiteral("weekdays: 0 is not a weekday");
        QTest::newRow("hour 24") << QStringLiteral("UTC") << QStringLiteral("weekly")
                                 << QStringLiteral("1@24:00") << hour
                                 << QStringLiteral("start hour 24 is out of range 0-23");
        QTest::newRow("minute 60") << QStringLiteral("UTC") << QStringLiteral("weekly")
                                   << QStringLiteral("1@02:60") << hour
                                   << QStringLiteral("start minute 60 is out of range 0-59");
        QTest::newRow("zero duration")
            << QStringLiteral("UTC") << QStringLiteral("weekly") << QStringLiteral("1@02:00") << qint64(0)
            << QStringLiteral("duration 0 is too short");
        QTest::newRow("59 seconds") << QStringLiteral("UTC") << QStringLiteral("cron")
                                    << QStringLiteral("0 2 * * *") << qint64(59000)
                                    << QStringLiteral("duration 59 s is too short");
        QTest::newRow("over 7 days") << QStringLiteral("UTC") << QStringLiteral("weekly")
                                     << QStringLiteral("1@02:00") << qint64(8) * 24 * hour
                                     << QStringLiteral("duration 8 days is too long");
        QTest::newRow("bad cron") << QStringLiteral("UTC") << QStringLiteral("cron")
                                  << QStringLiteral("0 25 * * *") << hour
                                  << QStringLiteral(
                                         "cron expression \"0 25 * * *\": hour field at column 3: 25 "
                                         "is out of range 0-23");
        QTest::newRow("never opens") << QStringLiteral("UTC") << QStringLiteral("cron")
                                     << QStringLiteral("0 0 31 2 *") << hour
                                     << QStringLiteral("would never open");
    }

    void invalid()
    {
        QFETCH(QString, zone);
        QFETCH(QString, kind);
        QFETCH(QString, spec);
        QFETCH(qint64, durationMs);
        QFETCH(QString, message);
        Result<MaintenanceSchedule> parsed =
            kind == QLatin1StringView("cron")
                ? MaintenanceSchedule::cron(zone, spec, durationMs)
                : MaintenanceSchedule::weekly(zone, weeklyStart(spec), durationMs);
        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.error().kind, ErrorKind::InvalidInput);
        QVERIFY2(parsed.errorMessage().contains(message), qPrintable(parsed.errorMessage()));
    }

    void noWeekdays()
    {
        WeeklyStart start;
        start.hour = 2;
        auto parsed = MaintenanceSchedule::weekly(QStringLiteral("UTC"), start, 3600 * 1000);
        QVERIFY(!parsed.ok());
        QVERIFY(parsed.errorMessage().contains(QStringLiteral("at least one weekday")));
    }

    void durationBoundsAreInclusive()
    {
        QVERIFY(MaintenanceSchedule::checkDuration(MaintenanceSchedule::MinDurationMs).ok());
        QVERIFY(MaintenanceSchedule::checkDuration(MaintenanceSchedule::MaxDurationMs).ok());
        QVERIFY(!MaintenanceSchedule::checkDuration(MaintenanceSchedule::MaxDurationMs + 1).ok());
    }

    void manyOpeningsAreChronological()
    {
        auto parsed = MaintenanceSchedule::cron(QStringLiteral("Europe/Berlin"),
                                                QStringLiteral("*/7 * * * *"), 5 * 60 * 1000);
        QVERIFY(parsed.ok());
        const QList<WindowOpening> openings =
            parsed->nextOpenings(utc(QStringLiteral("2024-03-31T00:00:00Z")), 100);
        QCOMPARE(openings.size(), 100);
        for (qsizetype i = 1; i < openings.size(); ++i)
            QVERIFY(openings[i - 1].start < openings[i].start);
    }
};

QTEST_GUILESS_MAIN(TestMaintenanceSchedule)
#include "tst_maintenance_schedule.moc"
