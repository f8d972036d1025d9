// MaintenanceWindowService against a real otterd: create, read, list, update and delete windows, refusals
// with messages that name the field, optimistic concurrency, and next openings compared with expectations
// worked out by hand across the 2024 DST changes and with Python's zoneinfo.
#include "otter/v1/errors.pb.h"
#include "otter/v1/rollouts.pb.h"
#include "otter/v1/windows.grpc.pb.h"
#include "otterd_harness.h"
#include "release_fixtures.h"

#include <QDir>
#include <QProcess>
#include <QTest>

#include <google/protobuf/util/time_util.h>

using namespace otter;
using google::protobuf::util::TimeUtil;
using otter::test::errorDetail;
using otter::test::OtterdHarness;

namespace {

QString q(const std::string &text)
{
    return QString::fromStdString(text);
}

v1::MaintenanceWindow weekly(const QString &id, const QString &name, const QString &zone,
                             QList<v1::Weekday> days, int hour, int minute, qint64 durationSeconds)
{
    v1::MaintenanceWindow window;
    window.set_id(id.toStdString());
    window.set_name(name.toStdString());
    window.set_time_zone(zone.toStdString());
    for (v1::Weekday day : days)
        window.mutable_weekly()->add_weekdays(day);
    window.mutable_weekly()->mutable_start()->set_hour(quint32(hour));
    window.mutable_weekly()->mutable_start()->set_minute(quint32(minute));
    window.mutable_duration()->set_seconds(durationSeconds);
    return window;
}

v1::MaintenanceWindow cron(const QString &id, const QString &name, const QString &zone,
                           const QString &expression, qint64 durationSeconds)
{
    v1::MaintenanceWindow window;
    window.set_id(id.toStdString());
    window.set_name(name.toStdString());
    window.set_time_zone(zone.toStdString());
    window.mutable_cron()->set_expression(expression.toStdString());
    window.mutable_duration()->set_seconds(durationSeconds);
    return window;
}

google::protobuf::Timestamp at(const QString &iso)
{
    google::protobuf::Timestamp stamp;
    TimeUtil::FromString(iso.toStdString(), &stamp);
    return stamp;
}

QStringList format(const v1::ListWindowOpeningsResponse &response)
{
    QStringList out;
    for (const v1::WindowOpening &opening : response.openings())
        out << q(TimeUtil::ToString(opening.start_time())) + u'/' + q(TimeUtil::ToString(opening.end_time()));
    return out;
}

} // namespace

class TestWindows : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(m_otterd.start(), qPrintable(m_otterd.error()));
        m_stub = v1::MaintenanceWindowService::NewStub(m_otterd.channel());
    }

    void createWeekly()
    {
        v1::CreateMaintenanceWindowRequest request;
        *request.mutable_window() =
            weekly(QStringLiteral("eu-nights"), QStringLiteral("EU nights"), QStringLiteral("Europe/Berlin"),
                   {v1::WEEKDAY_MONDAY, v1::WEEKDAY_TUESDAY, v1::WEEKDAY_WEDNESDAY, v1::WEEKDAY_THURSDAY,
                    v1::WEEKDAY_FRIDAY, v1::WEEKDAY_MONDAY},
                   22, 0, 2 * 3600);
        request.mutable_window()->set_revision(77); // output-only: ignored
        v1::CreateMaintenanceWindowResponse response;
        auto context = m_otterd.as(QStringLiteral("olga"));
        const grpc::Status status = m_stub->CreateMaintenanceWindow(context.get(), request, &response);
        QVERIFY2(status.ok(), status.error_message().c_str());
        const v1::MaintenanceWindow &window = response.window();
        QCOMPARE(q(window.id()), QStringLiteral("eu-nights"));
        QCOMPARE(window.weekly().weekdays_size(), 5); // the repeated Monday is dropped
        QCOMPARE(q(window.created_by()), QStringLiteral("olga"));
        QVERIFY(window.revision() > 0 && window.revision() != 77);
        QCOMPARE(fetch(QStringLiteral("eu-nights")).SerializeAsString(), window.SerializeAsString());
    }

    void createCron()
    {
        v1::CreateMaintenanceWindowRequest request;
        *request.mutable_window() =
            cron(QString(), QStringLiteral("US Sunday early"), QStringLiteral("America/New_York"),
                 QStringLiteral("30 1 * * 0"), 90 * 60);
        v1::CreateMaintenanceWindowResponse response;
        auto context = m_otterd.as(QStringLiteral("oscar"));
        const grpc::Status status = m_stub->CreateMaintenanceWindow(context.get(), request, &response);
        QVERIFY2(status.ok(), status.error_message().c_str());
        QCOMPARE(response.window().id().size(), size_t(36)); // a server-assigned UUID
        QCOMPARE(q(response.window().cron().expression()), QStringLiteral("30 1 * * 0"));
        m_cronId = q(response.window().id());
    }

    void invalidWindows_data()
    {
        QTest::addColumn<QByteArray>("window");
        QTest::addColumn<QString>("message");
        const auto bytes = [](const v1::MaintenanceWindow &w) {
            return QByteArray::fromStdString(w.SerializeAsString());
        };
        const QString berlin = QStringLiteral("Europe/Berlin");
        QTest::newRow("unknown zone")
            << bytes(cron(QStringLiteral("w1"), QStringLiteral("W1"), QStringLiteral("Mars/Olympus"),
                          QStringLiteral("0 2 * * *"), 3600))
            << QStringLiteral("window.time_zone: time zone \"Mars/Olympus\" is not a known IANA time zone");
        QTest::newRow("no zone") << bytes(cron(QStringLiteral("w2"), QStringLiteral("W2"), QString(),
                                               QStringLiteral("0 2 * * *"), 3600))
                                 << QStringLiteral("window.time_zone: time zone is missing");
        QTest::newRow("cron hour")
            << bytes(cron(QStringLiteral("w3"), QStringLiteral("W3"), berlin, QStringLiteral("0 24 * * *"),
                          3600))
            << QStringLiteral("window.cron.expression \"0 24 * * *\": hour field at column 3: 24 is "
                              "out of range 0-23");
        QTest::newRow("cron fields") << bytes(cron(QStringLiteral("w4"), QStringLiteral("W4"), berlin,
                                                   QStringLiteral("0 2 * *"), 3600))
                                     << QStringLiteral(
                                            "expected 5 fields (minute hour day-of-month month day-of-week), "
                                            "found 4");
        QTest::newRow("cron step") << bytes(cron(QStringLiteral("w5"), QStringLiteral("W5"), berlin,
                                                 QStringLiteral("*/0 2 * * *"), 3600))
                                   << QStringLiteral("minute field at column 3: step 0");
        QTest::newRow("cron never") << bytes(cron(QStringLiteral("w6"), QStringLiteral("W6"), berlin,
                                                  QStringLiteral("0 0 30 2 *"), 3600))
                                    << QStringLiteral("day-of-month field at column 5: no listed day occurs");
        QTest::newRow("zero duration")
            << bytes(cron(QStringLiteral("w7"), QStringLiteral("W7"), berlin, QStringLiteral("0 2 * * *"), 0))
            << QStringLiteral("window.duration: duration 0 is too short");
        QTest::newRow("eight days")
            << bytes(weekly(QStringLiteral("w8"), QStringLiteral("W8"), berlin, {v1::WEEKDAY_MONDAY}, 1, 0,
                            8 * 24 * 3600))
            << QStringLiteral("window.duration: duration 8 days is too long: a window lasts at most 7 days");
        QTest::newRow("no weekday") << bytes(weekly(QStringLiteral("w9"), QStringLiteral("W9"), berlin, {}, 1,
                                                    0, 3600))
                                    << QStringLiteral("window.weekly.weekdays is empty");
        QTest::newRow("unspecified weekday")
            << bytes(weekly(QStringLiteral("w10"), QStringLiteral("W10"), berlin, {v1::WEEKDAY_UNSPECIFIED},
                            1, 0, 3600))
            << QStringLiteral("window.weekly.weekdays[0] is 0, not a weekday");
        QTest::newRow("hour 24") << bytes(weekly(QStringLiteral("w11"), QStringLiteral("W11"), berlin,
                                                 {v1::WEEKDAY_MONDAY}, 24, 0, 3600))
                                 << QStringLiteral("window.weekly.start.hour is 24; it must be 0 to 23");
        QTest::newRow("minute 60") << bytes(weekly(QStringLiteral("w12"), QStringLiteral("W12"), berlin,
                                                   {v1::WEEKDAY_MONDAY}, 1, 60, 3600))
                                   << QStringLiteral("window.weekly.start.minute is 60; it must be 0 to 59");
        v1::MaintenanceWindow none =
            cron(QStringLiteral("w13"), QStringLiteral("W13"), berlin, QString(), 3600);
        none.clear_recurrence();
        QTest::newRow("no recurrence") << bytes(none) << QStringLiteral("window has no recurrence");
        QTest::newRow("no name") << bytes(cron(QStringLiteral("w14"), QString(), berlin,
                                               QStringLiteral("0 2 * * *"), 3600))
                                 << QStringLiteral("window.name is required");
    }

    void invalidWindows()
    {
        QFETCH(QByteArray, window);
        QFETCH(QString, message);
        v1::CreateMaintenanceWindowRequest request;
        QVERIFY(request.mutable_window()->ParseFromArray(window.constData(), int(window.size())));
        v1::CreateMaintenanceWindowResponse response;
        auto context = m_otterd.as(QStringLiteral("olga"));
        const grpc::Status status = m_stub->CreateMaintenanceWindow(context.get(), request, &response);
        QCOMPARE(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
        QVERIFY2(QString::fromStdString(status.error_message()).contains(message),
                 status.error_message().c_str());
        v1::GetMaintenanceWindowRequest get;
        get.set_window_id(request.window().id());
        v1::GetMaintenanceWindowResponse fetched;
        context = m_otterd.as(QStringLiteral("vera"));
        QCOMPARE(m_stub->GetMaintenanceWindow(context.get(), get, &fetched).error_code(),
                 grpc::StatusCode::NOT_FOUND);
    }

    void openings_data()
    {
        QTest::addColumn<QString>("subject");
        QTest::addColumn<QString>("from");
        QTest::addColumn<QStringList>("expected");
        // Mon-Fri 22:00 Berlin for 2 h: CEST (UTC+2) until 27 October, CET (UTC+1) after.
        QTest::newRow("weekly across the autumn change")
            << QStringLiteral("eu-nights") << QStringLiteral("2024-10-21T00:00:00Z")
            << QStringList{QStringLiteral("2024-10-21T20:00:00Z/2024-10-21T22:00:00Z"),
                           QStringLiteral("2024-10-22T20:00:00Z/2024-10-22T22:00:00Z"),
                           QStringLiteral("2024-10-23T20:00:00Z/2024-10-23T22:00:00Z"),
                           QStringLiteral("2024-10-24T20:00:00Z/2024-10-24T22:00:00Z"),
                           QStringLiteral("2024-10-25T20:00:00Z/2024-10-25T22:00:00Z"),
                           QStringLiteral("2024-10-28T21:00:00Z/2024-10-28T23:00:00Z")};
        QTest::newRow("weekly, in progress at start_time")
            << QStringLiteral("eu-nights") << QStringLiteral("2024-07-03T21:15:00Z")
            << QStringList{QStringLiteral("2024-07-03T20:00:00Z/2024-07-03T22:00:00Z"),
                           QStringLiteral("2024-07-04T20:00:00Z/2024-07-04T22:00:00Z")};
        // Sundays 01:30 New York for 90 min: on 3 November 01:30 happens twice; the first (EDT) counts.
        QTest::newRow("cron across the autumn change")
            << QStringLiteral("cron") << QStringLiteral("2024-10-27T00:00:00Z")
            << QStringList{QStringLiteral("2024-10-27T05:30:00Z/2024-10-27T07:00:00Z"),
                           QStringLiteral("2024-11-03T05:30:00Z/2024-11-03T07:00:00Z"),
                           QStringLiteral("2024-11-10T06:30:00Z/2024-11-10T08:00:00Z")};
        QTest::newRow("cron across the spring change")
            << QStringLiteral("cron") << QStringLiteral("2024-03-04T00:00:00Z")
            << QStringList{QStringLiteral("2024-03-10T06:30:00Z/2024-03-10T08:00:00Z"),
                           QStringLiteral("2024-03-17T05:30:00Z/2024-03-17T07:00:00Z")};
    }

    void openings()
    {
        QFETCH(QString, subject);
        QFETCH(QString, from);
        QFETCH(QStringList, expected);
        v1::ListWindowOpeningsRequest request;
        request.set_window_id((subject == QLatin1StringView("cron") ? m_cronId : subject).toStdString());
        *request.mutable_start_time() = at(from);
        request.set_count(quint32(expected.size()));
        QCOMPARE(format(openings(request)), expected);

        // The same window as an unsaved draft gives the same answer.
        v1::ListWindowOpeningsRequest draft = request;
        *draft.mutable_draft() = fetch(q(request.window_id()));
        draft.mutable_draft()->clear_id();
        draft.mutable_draft()->clear_name();
        QCOMPARE(format(openings(draft)), expected);
    }

    void openingsAgreeWithZoneinfo()
    {
        // 20 openings of a weekday 03:15 window in Berlin from mid-March, over the spring change,
        // against Python's zoneinfo (03:15 is never skipped or repeated in Berlin).
        v1::ListWindowOpeningsRequest request;
        *request.mutable_draft() = cron(QString(), QString(), QStringLiteral("Europe/Berlin"),
                                        QStringLiteral("15 3 * * 1-5"), 45 * 60);
        *request.mutable_start_time() = at(QStringLiteral("2024-03-18T00:00:00Z"));
        request.set_count(20);
        const QStringList got = format(openings(request));

        const QByteArray script = R"py(
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo
zone = ZoneInfo("Europe/Berlin")
day = datetime(2024, 3, 18)
out = []
while len(out) < 20:
    if day.weekday() < 5:
        start = datetime(day.year, day.month, day.day, 3, 15, tzinfo=zone).astimezone(timezone.utc)
        end = start + timedelta(minutes=45)
        out.append(start.strftime("%Y-%m-%dT%H:%M:%SZ") + "/" + end.strftime("%Y-%m-%dT%H:%M:%SZ"))
    day += timedelta(days=1)
print("\n".join(out))
)py";
        QProcess python;
        python.start(QStringLiteral("/usr/bin/python3"), {QStringLiteral("-")});
        python.write(script);
        python.closeWriteChannel();
        QVERIFY(python.waitForFinished(30000));
        QCOMPARE(python.exitCode(), 0);
        const QStringList expected =
            QString::fromUtf8(python.readAllStandardOutput()).trimmed().split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(expected.size(), 20);
        QVERIFY(expected.contains(QStringLiteral("2024-03-29T02:15:00Z/2024-03-29T03:00:00Z"))); // CET
        QVERIFY(expected.contains(QStringLiteral("2024-04-01T01:15:00Z/2024-04-01T02:00:00Z"))); // CEST
        QCOMPARE(got, expected);
    }

    void openingRefusals()
    {
        v1::ListWindowOpeningsRequest request;
        request.set_window_id("eu-nights");
        request.set_count(101);
        v1::ListWindowOpeningsResponse response;
        auto context = m_otterd.as(QStringLiteral("vera"));
        grpc::Status status = m_stub->ListWindowOpenings(context.get(), request, &response);
        QCOMPARE(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
        QVERIFY(QString::fromStdString(status.error_message()).contains(QStringLiteral("count is 101")));

        request.set_count(0); // 10 by default, from now
        QCOMPARE(openings(request).openings_size(), 10);

        request.set_window_id("nowhere");
        context = m_otterd.as(QStringLiteral("vera"));
        QCOMPARE(m_stub->ListWindowOpenings(context.get(), request, &response).error_code(),
                 grpc::StatusCode::NOT_FOUND);

        *request.mutable_draft() =
            cron(QString(), QString(), QStringLiteral("UTC"), QStringLiteral("0 2 * * 9"), 3600);
        context = m_otterd.as(QStringLiteral("vera"));
        status = m_stub->ListWindowOpenings(context.get(), request, &response);
        QCOMPARE(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
        QVERIFY2(QString::fromStdString(status.error_message())
                     .startsWith(QStringLiteral(
                         "draft.cron.expression \"0 2 * * 9\": day-of-week field at column 9")),
                 status.error_message().c_str());
    }

    void listByName()
    {
        QStringList names;
        v1::ListMaintenanceWindowsRequest request;
        request.set_page_size(1);
        for (int page = 0; page < 10; ++page) {
            v1::ListMaintenanceWindowsResponse response;
            auto context = m_otterd.as(QStringLiteral("vera"));
            QVERIFY(m_stub->ListMaintenanceWindows(context.get(), request, &response).ok());
            for (const auto &window : response.windows())
                names << q(window.name());
            if (response.next_page_token().empty())
                break;
            request.set_page_token(response.next_page_token());
        }
        QCOMPARE(names, (QStringList{QStringLiteral("EU nights"), QStringLiteral("US Sunday early")}));
    }

    void updateAndStaleRevision()
    {
        const v1::MaintenanceWindow stored = fetch(QStringLiteral("eu-nights"));
        v1::UpdateMaintenanceWindowRequest request;
        *request.mutable_window() =
            cron(QStringLiteral("eu-nights"), QStringLiteral("EU nights"), QStringLiteral("Europe/Berlin"),
                 QStringLiteral("0 23 * * 1-5"), 3600);
        request.set_expected_revision(stored.revision());
        v1::UpdateMaintenanceWindowResponse updated;
        auto context = m_otterd.as(QStringLiteral("oscar"));
        grpc::Status status = m_stub->UpdateMaintenanceWindow(context.get(), request, &updated);
        QVERIFY2(status.ok(), status.error_message().c_str());
        QVERIFY(updated.window().revision() > stored.revision());
        QCOMPARE(q(updated.window().created_by()), QStringLiteral("olga"));
        QCOMPARE(q(updated.window().updated_by()), QStringLiteral("oscar"));
        QVERIFY(updated.window().has_cron());

        request.mutable_window()->mutable_duration()->set_seconds(7200);
        context = m_otterd.as(QStringLiteral("olga"));
        status = m_stub->UpdateMaintenanceWindow(context.get(), request, &updated);
        QCOMPARE(status.error_code(), grpc::StatusCode::ABORTED);
        const QString message = QString::fromStdString(status.error_message());
        QVERIFY2(message.contains(QStringLiteral("you edited revision %1, the server has revision %2")
                                      .arg(stored.revision())
                                      .arg(fetch(QStringLiteral("eu-nights")).revision())),
                 qPrintable(message));
        const auto detail = errorDetail(*context);
        QVERIFY(detail.has_value());
        QCOMPARE(detail->reason(), v1::ERROR_REASON_STALE_REVISION);
        QCOMPARE(detail->current().kind(), v1::OBJECT_KIND_MAINTENANCE_WINDOW);
        QCOMPARE(q(detail->current().maintenance_window().cron().expression()),
                 QStringLiteral("0 23 * * 1-5"));
        QCOMPARE(fetch(QStringLiteral("eu-nights")).duration().seconds(), qint64(3600));

        // Another window's name is taken.
        request.set_expected_revision(fetch(QStringLiteral("eu-nights")).revision());
        request.mutable_window()->set_name("US Sunday early");
        context = m_otterd.as(QStringLiteral("olga"));
        QCOMPARE(m_stub->UpdateMaintenanceWindow(context.get(), request, &updated).error_code(),
                 grpc::StatusCode::ALREADY_EXISTS);

        // A replayed create answers ALREADY_EXISTS with the stored window.
        v1::CreateMaintenanceWindowRequest create;
        *create.mutable_window() = fetch(QStringLiteral("eu-nights"));
        v1::CreateMaintenanceWindowResponse created;
        context = m_otterd.as(QStringLiteral("olga"));
        QCOMPARE(m_stub->CreateMaintenanceWindow(context.get(), create, &created).error_code(),
                 grpc::StatusCode::ALREADY_EXISTS);
        QCOMPARE(errorDetail(*context)->current().revision(), fetch(QStringLiteral("eu-nights")).revision());
    }

    void viewerCannotWrite()
    {
        v1::CreateMaintenanceWindowRequest request;
        *request.mutable_window() = cron(QStringLiteral("viewer"), QStringLiteral("Viewer"),
                                         QStringLiteral("UTC"), QStringLiteral("0 2 * * *"), 3600);
        v1::CreateMaintenanceWindowResponse response;
        auto context = m_otterd.as(QStringLiteral("vera"));
        QCOMPARE(m_stub->CreateMaintenanceWindow(context.get(), request, &response).error_code(),
                 grpc::StatusCode::PERMISSION_DENIED);
    }

    void deleteWindow()
    {
        const v1::MaintenanceWindow stored = fetch(m_cronId);
        v1::DeleteMaintenanceWindowRequest request;
        request.set_window_id(m_cronId.toStdString());
        request.set_expected_revision(stored.revision() + 5);
        v1::DeleteMaintenanceWindowResponse response;
        auto context = m_otterd.as(QStringLiteral("olga"));
        QCOMPARE(m_stub->DeleteMaintenanceWindow(context.get(), request, &response).error_code(),
                 grpc::StatusCode::ABORTED);

        request.set_expected_revision(stored.revision());
        context = m_otterd.as(QStringLiteral("olga"));
        const grpc::Status status = m_stub->DeleteMaintenanceWindow(context.get(), request, &response);
        QVERIFY2(status.ok(), status.error_message().c_str());
        v1::GetMaintenanceWindowRequest get;
        get.set_window_id(m_cronId.toStdString());
        v1::GetMaintenanceWindowResponse fetched;
        context = m_otterd.as(QStringLiteral("vera"));
        QCOMPARE(m_stub->GetMaintenanceWindow(context.get(), get, &fetched).error_code(),
                 grpc::StatusCode::NOT_FOUND);

        QProcess sqlite;
        sqlite.start(QStringLiteral("sqlite3"),
                     {QStringLiteral("-readonly"),
                      QDir(m_otterd.dataDir()).filePath(QStringLiteral("otterd.sqlite")),
                      QStringLiteral("SELECT revision FROM tombstones WHERE kind = %1 AND id = '%2';")
                          .arg(int(v1::OBJECT_KIND_MAINTENANCE_WINDOW))
                          .arg(m_cronId)});
        QVERIFY(sqlite.waitForFinished(30000));
        QCOMPARE(QString::fromUtf8(sqlite.readAllStandardOutput()).trimmed(),
                 QString::number(response.revision()));
    }

    void deleteRefusedWhileARolloutUsesTheWindow()
    {
        // A rollout awaiting approval that installs in "eu-nights", stored as the rollout service stores it
        // (written with sqlite3 while otterd is stopped), and a finished one, which does not count.
        QVERIFY(m_otterd.stop());
        for (const auto &[id, state] : {std::pair{"ro-pending", v1::ROLLOUT_STATE_PENDING_APPROVAL},
                                        std::pair{"ro-done", v1::ROLLOUT_STATE_COMPLETED}}) {
            v1::Rollout rollout;
            rollout.set_id(id);
            rollout.set_release_id("rel-x");
            rollout.add_target_group_ids("g");
            rollout.set_window_id("eu-nights");
            rollout.set_state(state);
            QProcess sqlite;
            sqlite.start(QStringLiteral("sqlite3"),
                         {QDir(m_otterd.dataDir()).filePath(QStringLiteral("otterd.sqlite")),
                          QStringLiteral(
                              "INSERT INTO rollouts (id, state, release_id, current_stage, created_at, body, "
                              "revision) VALUES ('%1', %2, 'rel-x', 0, 0, X'%3', 1);")
                              .arg(QLatin1StringView(id))
                              .arg(int(state))
                              .arg(QString::fromLatin1(
                                  QByteArray::fromStdString(rollout.SerializeAsString()).toHex()))});
            QVERIFY(sqlite.waitForFinished(30000));
            QCOMPARE(sqlite.exitCode(), 0);
        }
        QVERIFY2(m_otterd.restart(), qPrintable(m_otterd.error()));

        const v1::MaintenanceWindow stored = fetch(QStringLiteral("eu-nights"));
        v1::DeleteMaintenanceWindowRequest request;
        request.set_window_id("eu-nights");
        request.set_expected_revision(stored.revision());
        v1::DeleteMaintenanceWindowResponse response;
        auto context = m_otterd.as(QStringLiteral("olga"));
        const grpc::Status status = m_stub->DeleteMaintenanceWindow(context.get(), request, &response);
        QCOMPARE(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
        const auto detail = errorDetail(*context);
        QVERIFY(detail.has_value());
        QCOMPARE(detail->reason(), v1::ERROR_REASON_IN_USE);
        QCOMPARE(detail->used_by_rollout_ids_size(), 1);
        QCOMPARE(q(detail->used_by_rollout_ids(0)), QStringLiteral("ro-pending"));
        QCOMPARE(fetch(QStringLiteral("eu-nights")).revision(), stored.revision());
    }

private:
    v1::MaintenanceWindow fetch(const QString &id)
    {
        v1::GetMaintenanceWindowRequest request;
        request.set_window_id(id.toStdString());
        v1::GetMaintenanceWindowResponse response;
        auto context = m_otterd.as(QStringLiteral("vera"));
        const grpc::Status status = m_stub->GetMaintenanceWindow(context.get(), request, &response);
        if (!status.ok())
            qWarning() << "GetMaintenanceWindow" << id << status.error_message().c_str();
        return response.window();
    }

    v1::ListWindowOpeningsResponse openings(const v1::ListWindowOpeningsRequest &request)
    {
        v1::ListWindowOpeningsResponse response;
        auto context = m_otterd.as(QStringLiteral("vera"));
        const grpc::Status status = m_stub->ListWindowOpenings(context.get(), request, &response);
        if (!status.ok())
            qWarning() << "ListWindowOpenings:" << status.error_message().c_str();
        return response;
    }

    OtterdHarness m_otterd;
    std::unique_ptr<v1::MaintenanceWindowService::Stub> m_stub;
    QString m_cronId;
};

QTEST_GUILESS_MAIN(TestWindows)
#include "tst_windows.moc"
