// Maintenance windows on the rollout path against a real otterd, with a server clock the test moves: no
// install directive while the window is closed (downloads go on), one once it opens, the opening computed in
// the window's time zone across a DST change, and busy devices deferred rather than failed.
#include "rollout_fixtures.h"

#include <QTest>
#include <QTimeZone>

#include <google/protobuf/util/time_util.h>

using namespace otter;
using namespace otter::test;
using google::protobuf::util::TimeUtil;

namespace {

QString q(const std::string &text)
{
    return QString::fromStdString(text);
}

QString deviceId(int index)
{
    return QStringLiteral("dev-%1").arg(index, 5, 10, QLatin1Char('0'));
}

QDateTime fromTimestamp(const google::protobuf::Timestamp &stamp)
{
    return QDateTime::fromMSecsSinceEpoch(TimeUtil::TimestampToMilliseconds(stamp), Qt::UTC);
}

google::protobuf::Timestamp toStamp(const QDateTime &time)
{
    return TimeUtil::MillisecondsToTimestamp(time.toMSecsSinceEpoch());
}

bool contains(const grpc::Status &status, const char *text)
{
    return q(status.error_message()).contains(QLatin1StringView(text));
}

} // namespace

class TestRolloutWindows : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(m_otterd.start(m_clock.serverArgs()), qPrintable(m_otterd.error()));
        m_scenario = std::make_unique<RolloutScenario>(m_otterd);
        QVERIFY(m_scenario->uploadRelease(QStringLiteral("2.0.0"), 2, &m_release));
        m_windows = v1::MaintenanceWindowService::NewStub(m_otterd.channel());
    }

    void installsWaitForTheWindowAndBusyDevices()
    {
        m_scenario->addDevices(6, QStringLiteral("gw-200"), QStringLiteral("1.0.0"), 1, 300);
        QVERIFY(m_scenario->createGroup(QStringLiteral("window-fleet"), QStringLiteral("id ~ \"dev-003*\""))
                    .ok());
        auto device = [&](int i) -> TestDevice & { return m_scenario->device(deviceId(300 + i)); };
        // A daily window opening three hours from the server's now (Berlin wall clock), lasting an hour.
        const QDateTime now = serverNow(device(0));
        const QTimeZone berlin("Europe/Berlin");
        const int hour = (now.toTimeZone(berlin).time().hour() + 3) % 24;
        QVERIFY(
            createWindow(QStringLiteral("window-daily"),
                         {v1::WEEKDAY_MONDAY, v1::WEEKDAY_TUESDAY, v1::WEEKDAY_WEDNESDAY,
                          v1::WEEKDAY_THURSDAY, v1::WEEKDAY_FRIDAY, v1::WEEKDAY_SATURDAY, v1::WEEKDAY_SUNDAY},
                         hour, 0));
        const QDateTime opens = nextOpening(QStringLiteral("window-daily"), now);
        QVERIFY2(opens > now.addSecs(3600), qPrintable(opens.toString(Qt::ISODate)));
        const QString id = QStringLiteral("ctl-window");
        QVERIFY(m_scenario
                    ->createApproved(id, m_release.releaseId, {QStringLiteral("window-fleet")}, {100}, 50, 20,
                                     nullptr, QStringLiteral("window-daily"))
                    .ok());
        QVERIFY(m_scenario->act(QStringLiteral("Start"), id).ok());

        // Closed: devices download, but no install directive; INSTALLING is refused.
        v1::CheckInResponse response;
        for (int i = 0; i < 6; ++i) {
            QVERIFY(device(i).checkIn(&response).ok() && response.has_update());
            QVERIFY(!response.update().install_allowed());
            QVERIFY(response.update().has_install_window_opens());
            QCOMPARE(fromTimestamp(response.update().install_window_opens()), opens);
            QCOMPARE(device(i).step(), v1::DEPLOYMENT_STATE_DOWNLOADED);
        }
        QVERIFY(device(0).checkIn(&response).ok() && response.has_update());
        QCOMPARE(response.update().state(), v1::DEPLOYMENT_STATE_DOWNLOADED);
        QVERIFY(!response.update().install_allowed());
        const QString first = q(response.update().deployment_id());
        grpc::Status status =
            device(0).report(first, v1::DEPLOYMENT_STATE_DOWNLOADED, v1::DEPLOYMENT_STATE_INSTALLING);
        QCOMPARE(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
        QVERIFY2(contains(status, "window"), status.error_message().c_str());
        QCOMPARE(m_scenario->get(id).progress().total().downloaded(), 6u);

        // The window opens: the next check-ins allow the install.
        m_clock.setServerTime(opens.addSecs(60));
        QVERIFY(waitFor(
            [&] {
                v1::CheckInResponse r;
                return device(0).checkIn(&r).ok() && r.has_update() && r.update().install_allowed();
            },
            10000));
        QVERIFY(device(0).checkIn(&response).ok() && response.has_update());
        QVERIFY(!response.update().has_install_window_opens());
        // A busy device is deferred, not failed.
        QVERIFY(device(1).checkIn(&response, true).ok() && response.has_update());
        QVERIFY(!response.update().install_allowed());
        QCOMPARE(response.update().state(), v1::DEPLOYMENT_STATE_DOWNLOADED);
        QCOMPARE(m_scenario->deployments(id, {v1::DEPLOYMENT_STATE_DOWNLOADED}).size(), 6);
        QVERIFY(device(1).checkIn(&response, false).ok() && response.has_update());
        QVERIFY(response.update().install_allowed());

        for (int i = 0; i < 6; ++i)
            QCOMPARE(device(i).step(), v1::DEPLOYMENT_STATE_SUCCEEDED);
        QVERIFY(
            waitFor([&] { return m_scenario->get(id).rollout().state() == v1::ROLLOUT_STATE_COMPLETED; }));
        for (int i = 0; i < 6; ++i)
            QCOMPARE(device(i).installs(), 1);
    }

    void windowOpensAcrossTheSpringDstChange()
    {
        // The next Berlin spring-forward: local 02:00 becomes 03:00. A weekly window at 02:30 that day starts
        // in the skipped hour, so it opens at the first valid instant after the gap: the transition itself.
        m_scenario->addDevices(3, QStringLiteral("gw-200"), QStringLiteral("1.0.0"), 1, 400);
        QVERIFY(
            m_scenario->createGroup(QStringLiteral("dst-fleet"), QStringLiteral("id ~ \"dev-004*\"")).ok());
        auto device = [&](int i) -> TestDevice & { return m_scenario->device(deviceId(400 + i)); };
        const QTimeZone berlin("Europe/Berlin");
        QDateTime transition = serverNow(device(0));
        for (;;) {
            const QTimeZone::OffsetData next = berlin.nextTransition(transition);
            QVERIFY(next.atUtc.isValid());
            transition = next.atUtc;
            if (next.offsetFromUtc > berlin.offsetFromUtc(transition.addSecs(-1)))
                break;
        }
        const int before = berlin.offsetFromUtc(transition.addSecs(-1));
        const QTime gapStart = transition.addSecs(before).toUTC().time(); // local wall clock, e.g. 02:00
        const QTime start = gapStart.addSecs(30 * 60);
        const int weekday = transition.toTimeZone(berlin).date().dayOfWeek();
        QVERIFY(
            createWindow(QStringLiteral("window-dst"), {v1::Weekday(weekday)}, start.hour(), start.minute()));
        QCOMPARE(nextOpening(QStringLiteral("window-dst"), transition.addSecs(-1800)), transition);
        const QString id = QStringLiteral("ctl-dst");
        QVERIFY(m_scenario
                    ->createApproved(id, m_release.releaseId, {QStringLiteral("dst-fleet")}, {100}, 50, 20,
                                     nullptr, QStringLiteral("window-dst"))
                    .ok());
        QVERIFY(m_scenario->act(QStringLiteral("Start"), id).ok());

        // Half an hour before the change (01:30 local standard time): closed, opening at the transition.
        m_clock.setServerTime(transition.addSecs(-1800));
        QVERIFY(waitFor([&] { return serverNow(device(0)) >= transition.addSecs(-1800); }, 10000));
        v1::CheckInResponse response;
        for (int i = 0; i < 3; ++i) {
            QVERIFY(device(i).checkIn(&response).ok() && response.has_update());
            QVERIFY(!response.update().install_allowed());
            QCOMPARE(fromTimestamp(response.update().install_window_opens()), transition);
            QCOMPARE(device(i).step(), v1::DEPLOYMENT_STATE_DOWNLOADED);
        }
        // Just after the change (03:00:30 local summer time): open.
        m_clock.setServerTime(transition.addSecs(30));
        QVERIFY(waitFor(
            [&] {
                v1::CheckInResponse r;
                return device(0).checkIn(&r).ok() && r.has_update() && r.update().install_allowed();
            },
            10000));
        for (int i = 0; i < 3; ++i)
            QCOMPARE(device(i).step(), v1::DEPLOYMENT_STATE_SUCCEEDED);
        QVERIFY(
            waitFor([&] { return m_scenario->get(id).rollout().state() == v1::ROLLOUT_STATE_COMPLETED; }));
    }

    void cleanup()
    {
        if (QTest::currentTestFailed())
            qWarning().noquote() << m_otterd.log().right(4000);
    }

private:
    QDateTime serverNow(TestDevice &device)
    {
        v1::CheckInResponse response;
        if (!device.checkIn(&response).ok())
            return {};
        return fromTimestamp(response.server_time());
    }

    bool createWindow(const QString &id, const QList<v1::Weekday> &days, int hour, int minute)
    {
        v1::CreateMaintenanceWindowRequest request;
        v1::MaintenanceWindow *window = request.mutable_window();
        window->set_id(id.toStdString());
        window->set_name(id.toStdString());
        window->set_time_zone("Europe/Berlin");
        for (v1::Weekday day : days)
            window->mutable_weekly()->add_weekdays(day);
        window->mutable_weekly()->mutable_start()->set_hour(quint32(hour));
        window->mutable_weekly()->mutable_start()->set_minute(quint32(minute));
        window->mutable_duration()->set_seconds(3600);
        v1::CreateMaintenanceWindowResponse response;
        const grpc::Status status =
            m_windows->CreateMaintenanceWindow(m_otterd.as(QStringLiteral("olga")).get(), request, &response);
        if (!status.ok())
            qWarning("CreateMaintenanceWindow %s: %s", qPrintable(id), status.error_message().c_str());
        return status.ok();
    }

    QDateTime nextOpening(const QString &windowId, const QDateTime &from)
    {
        v1::ListWindowOpeningsRequest request;
        request.set_window_id(windowId.toStdString());
        *request.mutable_start_time() = toStamp(from);
        request.set_count(1);
        v1::ListWindowOpeningsResponse response;
        if (!m_windows->ListWindowOpenings(m_otterd.as(QStringLiteral("vera")).get(), request, &response)
                 .ok() ||
            response.openings_size() == 0)
            return {};
        return fromTimestamp(response.openings(0).start_time());
    }

    TestClock m_clock;
    OtterdHarness m_otterd;
    std::unique_ptr<RolloutScenario> m_scenario;
    std::unique_ptr<v1::MaintenanceWindowService::Stub> m_windows;
    SignedRelease m_release;
};

QTEST_GUILESS_MAIN(TestRolloutWindows)
#include "tst_rollout_windows.moc"
