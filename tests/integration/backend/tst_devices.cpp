// DeviceInventoryService against a real otterd: filters, every order in both directions, keyset paging
// (also while devices are added between pages), refusals, GetDevice and the fleet summary.
//
// Devices start with empty firmware state; the fields the device API maintains (version, state, bank, busy,
// last seen, security version) and two deployments as the rollout engine records them are written straight
// into otterd's SQLite file with the stock sqlite3 tool while otterd is stopped, then otterd is started
// again on the same data directory.
#include "core/filter_expression.h"
#include "fake_fleet.h"
#include "otter/v1/devices.grpc.pb.h"
#include "otter/v1/errors.pb.h"
#include "otterd_harness.h"
#include "release_fixtures.h"

#include <QDir>
#include <QSet>
#include <QTest>

#include <algorithm>
#include <functional>
#include <limits>

using namespace otter;
using namespace otter::test;

namespace {

QString q(const std::string &text)
{
    return QString::fromStdString(text);
}

QStringList ids(const google::protobuf::RepeatedPtrField<v1::Device> &devices)
{
    QStringList out;
    for (const v1::Device &device : devices)
        out << QString::fromStdString(device.id());
    return out;
}

using DevicePredicate = std::function<bool(const FakeDevice &)>;

} // namespace

Q_DECLARE_METATYPE(DevicePredicate)

class TestDevices : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void listEverythingOnOnePage();
    void filters_data();
    void filters();
    void orders_data();
    void orders();
    void getDevice();
    void fleetSummary();
    void malformedFilter_data();
    void malformedFilter();
    void badPageTokens();
    void unknownOrderIsRefused();
    void noTokenIsRefused();
    void pagingWhileDevicesAreAdded();

private:
    // Every page of a listing, in order; fails the test on an error status.
    QList<v1::ListDevicesResponse> listAll(v1::ListDevicesRequest request,
                                           const std::function<void(int)> &between = {});
    QList<FakeDevice> expected(const std::function<bool(const FakeDevice &)> &predicate) const;

    OtterdHarness m_otterd;
    std::unique_ptr<v1::DeviceInventoryService::Stub> m_stub;
    QList<FakeDevice> m_fleet;
};

void TestDevices::initTestCase()
{
    QVERIFY2(m_otterd.start(), qPrintable(m_otterd.error()));
    QCOMPARE(m_otterd
                 .provision(30, QStringLiteral("gw-200"), QStringLiteral("eu-west"),
                            QStringLiteral("ring=canary"), 0)
                 .size(),
             30);
    QCOMPARE(m_otterd
                 .provision(20, QStringLiteral("gw-300"), QStringLiteral("us-east"),
                            QStringLiteral("ring=stable"), 30)
                 .size(),
             20);
    QCOMPARE(m_otterd
                 .provision(10, QStringLiteral("sensor-1"), QStringLiteral("eu-north"),
                            QStringLiteral("ring=canary;site=lab"), 50)
                 .size(),
             10);

    const QString script = fleetScript(QDateTime::currentMSecsSinceEpoch(), &m_fleet);
    QVERIFY2(m_otterd.stop(), qPrintable(m_otterd.log()));
    QString output;
    QVERIFY(runSqlite(QDir(m_otterd.dataDir()).filePath(QStringLiteral("otterd.sqlite")), script, &output));
    QCOMPARE(output, QStringLiteral("50"));
    QVERIFY2(m_otterd.restart(), qPrintable(m_otterd.error()));
    m_stub = v1::DeviceInventoryService::NewStub(m_otterd.channel());
}

QList<v1::ListDevicesResponse> TestDevices::listAll(v1::ListDevicesRequest request,
                                                    const std::function<void(int)> &between)
{
    QList<v1::ListDevicesResponse> pages;
    for (int page = 0; page < 1000; ++page) {
        v1::ListDevicesResponse response;
        auto context = m_otterd.as(QStringLiteral("vera"));
        const grpc::Status status = m_stub->ListDevices(context.get(), request, &response);
        if (!status.ok()) {
            QTest::qFail(status.error_message().c_str(), __FILE__, __LINE__);
            return {};
        }
        pages.append(response);
        if (response.next_page_token().empty())
            break;
        if (between)
            between(page);
        request.set_page_token(response.next_page_token());
    }
    return pages;
}

QList<FakeDevice> TestDevices::expected(const std::function<bool(const FakeDevice &)> &predicate) const
{
    QList<FakeDevice> out;
    std::copy_if(m_fleet.begin(), m_fleet.end(), std::back_inserter(out), predicate);
    return out;
}

void TestDevices::listEverythingOnOnePage()
{
    const auto pages = listAll({});
    QCOMPARE(pages.size(), 1);
    QCOMPARE(pages[0].devices_size(), FleetSize);
    QCOMPARE(pages[0].total_count(), quint64(FleetSize));
    QStringList wanted;
    for (const FakeDevice &d : m_fleet)
        wanted << d.id;
    QCOMPARE(ids(pages[0].devices()), wanted);
    // The row is read back as written.
    const v1::Device &first = pages[0].devices(0);
    QCOMPARE(q(first.firmware_version()), QStringLiteral("2.0.0"));
    QCOMPARE(first.active_bank(), v1::BANK_B);
    QCOMPARE(first.state(), v1::DEVICE_STATE_IDLE);
    QCOMPARE(first.busy(), true);
    QCOMPARE(q(first.labels().at("ring")), QStringLiteral("canary"));
    QVERIFY(!first.has_last_seen());
    QCOMPARE(q(pages[0].devices(52).labels().at("site")), QStringLiteral("lab"));
    QCOMPARE(pages[0].devices(52).last_seen().seconds(), *m_fleet[52].lastSeenMs / 1000);
    QCOMPARE(pages[0].devices(52).state(), v1::DEVICE_STATE_IDLE);
}

void TestDevices::filters_data()
{
    using Predicate = DevicePredicate;
    QTest::addColumn<QString>("filter");
    QTest::addColumn<Predicate>("matches");
    const auto index = [](const FakeDevice &d) { return d.id.mid(4).toInt(); };
    QTest::newRow("class") << QStringLiteral("class == \"gw-300\"") << Predicate([](const FakeDevice &d) {
        return d.hardwareClass == QLatin1StringView("gw-300");
    });
    QTest::newRow("region in") << QStringLiteral("region in [\"eu-west\", \"eu-north\"]")
                               << Predicate([](const FakeDevice &d) {
                                      return d.region.startsWith(QLatin1StringView("eu"));
                                  });
    QTest::newRow("label") << QStringLiteral("label.ring == \"canary\"")
                           << Predicate([](const FakeDevice &d) {
                                  return d.labels.value(QStringLiteral("ring")) ==
                                         QLatin1StringView("canary");
                              });
    QTest::newRow("has label") << QStringLiteral("has label.site") << Predicate([](const FakeDevice &d) {
        return d.labels.contains(QStringLiteral("site"));
    });
    QTest::newRow("not has label") << QStringLiteral("not has label.site")
                                   << Predicate([](const FakeDevice &d) {
                                          return !d.labels.contains(QStringLiteral("site"));
                                      });
    // Semver, not text: 10.0.0 is above 2.1.0; devices without a version sort below every version.
    QTest::newRow("version >=") << QStringLiteral("version >= \"2.1.0\"")
                                << Predicate([=](const FakeDevice &d) {
                                       return (index(d) >= 10 && index(d) < 20) ||
                                              (index(d) >= 30 && index(d) < 50);
                                   });
    QTest::newRow("version <") << QStringLiteral("version < \"2.0.0\"")
                               << Predicate([=](const FakeDevice &d) {
                                      return (index(d) >= 20 && index(d) < 30) || index(d) >= 50;
                                  });
    QTest::newRow("and not") << QStringLiteral("class == \"gw-200\" and not version < \"2.1.0\"")
                             << Predicate(
                                    [=](const FakeDevice &d) { return index(d) >= 10 && index(d) < 20; });
    QTest::newRow("state") << QStringLiteral("state == \"updating\"") << Predicate([](const FakeDevice &d) {
        return d.state == QLatin1StringView("updating");
    });
    QTest::newRow("bank") << QStringLiteral("bank == \"B\"")
                          << Predicate([](const FakeDevice &d) { return d.bank == QLatin1StringView("B"); });
    QTest::newRow("busy") << QStringLiteral("busy") << Predicate([](const FakeDevice &d) { return d.busy; });
    QTest::newRow("svn") << QStringLiteral("svn >= 3 and region == \"us-east\"")
                         << Predicate([](const FakeDevice &d) {
                                return d.svn >= 3 && d.region == QLatin1StringView("us-east");
                            });
    QTest::newRow("glob") << QStringLiteral("id ~ \"dev-0001*\"")
                          << Predicate([=](const FakeDevice &d) { return index(d) >= 10 && index(d) < 20; });
    QTest::newRow("or") << QStringLiteral("class == \"sensor-1\" or (busy and bank == \"A\")")
                        << Predicate([](const FakeDevice &d) {
                               return d.hardwareClass == QLatin1StringView("sensor-1") ||
                                      (d.busy && d.bank == QLatin1StringView("A"));
                           });
    QTest::newRow("nothing") << QStringLiteral("class == \"none\"")
                             << Predicate([](const FakeDevice &) { return false; });
}

void TestDevices::filters()
{
    using Predicate = DevicePredicate;
    QFETCH(QString, filter);
    QFETCH(Predicate, matches);
    QStringList wanted;
    for (const FakeDevice &d : expected(matches))
        wanted << d.id;
    v1::ListDevicesRequest request;
    request.set_filter(filter.toStdString());
    request.set_page_size(4);
    const auto pages = listAll(request);
    QVERIFY(!pages.isEmpty());
    QCOMPARE(pages[0].total_count(), quint64(wanted.size()));
    QStringList got;
    for (qsizetype i = 0; i < pages.size(); ++i) {
        got += ids(pages[i].devices());
        if (i > 0)
            QCOMPARE(pages[i].total_count(), quint64(0)); // counted on the first page only
    }
    QCOMPARE(got, wanted);
    // A full last page is not followed by an empty one.
    QCOMPARE(pages.size(), qMax<qsizetype>(1, (wanted.size() + 3) / 4));
}

void TestDevices::orders_data()
{
    QTest::addColumn<int>("orderBy");
    QTest::addColumn<bool>("descending");
    const QList<std::pair<const char *, v1::DeviceOrderBy>> orders{
        {"id", v1::DEVICE_ORDER_BY_ID},
        {"unspecified", v1::DEVICE_ORDER_BY_UNSPECIFIED},
        {"class", v1::DEVICE_ORDER_BY_HARDWARE_CLASS},
        {"region", v1::DEVICE_ORDER_BY_REGION},
        {"firmware version", v1::DEVICE_ORDER_BY_FIRMWARE_VERSION},
        {"security version", v1::DEVICE_ORDER_BY_SECURITY_VERSION},
        {"state", v1::DEVICE_ORDER_BY_STATE},
        {"last seen", v1::DEVICE_ORDER_BY_LAST_SEEN}};
    for (const auto &[name, order] : orders) {
        QTest::addRow("%s ascending", name) << int(order) << false;
        QTest::addRow("%s descending", name) << int(order) << true;
    }
}

void TestDevices::orders()
{
    QFETCH(int, orderBy);
    QFETCH(bool, descending);
    // The key each order sorts by, as the test wrote it; never-seen devices sort as the lowest last_seen.
    const auto key = [&](const FakeDevice &d) -> std::pair<qint64, QString> {
        switch (v1::DeviceOrderBy(orderBy)) {
        case v1::DEVICE_ORDER_BY_HARDWARE_CLASS:
            return {0, d.hardwareClass};
        case v1::DEVICE_ORDER_BY_REGION:
            return {0, d.region};
        case v1::DEVICE_ORDER_BY_FIRMWARE_VERSION:
            return {0, d.version}; // as text: "1.9.3" < "10.0.0" < "2.0.0"
        case v1::DEVICE_ORDER_BY_SECURITY_VERSION:
            return {d.svn, QString()};
        case v1::DEVICE_ORDER_BY_STATE:
            return {0, d.state};
        case v1::DEVICE_ORDER_BY_LAST_SEEN:
            return {d.lastSeenMs.value_or(std::numeric_limits<qint64>::min()), QString()};
        default:
            return {0, QString()};
        }
    };
    QList<FakeDevice> sorted = m_fleet;
    std::sort(sorted.begin(), sorted.end(), [&](const FakeDevice &a, const FakeDevice &b) {
        const auto ka = std::make_tuple(key(a).first, key(a).second, a.id);
        const auto kb = std::make_tuple(key(b).first, key(b).second, b.id);
        return descending ? kb < ka : ka < kb;
    });
    QStringList wanted;
    for (const FakeDevice &d : sorted)
        wanted << d.id;

    v1::ListDevicesRequest request;
    request.set_order_by(v1::DeviceOrderBy(orderBy));
    request.set_descending(descending);
    request.set_page_size(7); // pages end inside runs of equal keys and inside the never-seen segment
    QStringList got;
    for (const auto &page : listAll(request))
        got += ids(page.devices());
    QCOMPARE(got, wanted);
}

void TestDevices::getDevice()
{
    v1::GetDeviceRequest request;
    request.set_device_id("dev-00034");
    v1::GetDeviceResponse response;
    auto context = m_otterd.as(QStringLiteral("vera"));
    grpc::Status status = m_stub->GetDevice(context.get(), request, &response);
    QVERIFY2(status.ok(), status.error_message().c_str());
    QCOMPARE(q(response.device().id()), QStringLiteral("dev-00034"));
    QCOMPARE(q(response.device().hardware_class()), QStringLiteral("gw-300"));
    QCOMPARE(q(response.device().region()), QStringLiteral("us-east"));
    QCOMPARE(q(response.device().firmware_version()), QStringLiteral("10.0.0"));
    QCOMPARE(response.device().security_version(), quint64(4));
    QCOMPARE(response.device().state(), v1::DEVICE_STATE_UPDATE_FAILED);
    QCOMPARE(q(response.device().labels().at("ring")), QStringLiteral("stable"));
    QVERIFY(response.device().revision() > 0);
    // History, newest first, with the release's display version.
    QCOMPARE(response.history_size(), 2);
    const v1::Deployment &newest = response.history(0);
    QCOMPARE(q(newest.id()), QStringLiteral("dep-new"));
    QCOMPARE(q(newest.rollout_id()), QStringLiteral("ro-new"));
    QCOMPARE(q(newest.release_id()), QStringLiteral("rel-1"));
    QCOMPARE(q(newest.release_version()), QStringLiteral("11.0.0"));
    QCOMPARE(newest.state(), v1::DEPLOYMENT_STATE_SUCCEEDED);
    QCOMPARE(newest.stage(), quint32(1));
    const v1::Deployment &oldest = response.history(1);
    QCOMPARE(q(oldest.id()), QStringLiteral("dep-old"));
    QCOMPARE(oldest.state(), v1::DEPLOYMENT_STATE_ROLLED_BACK);
    QCOMPARE(oldest.error(), v1::DEPLOYMENT_ERROR_BOOT_FAILED);
    QCOMPARE(q(oldest.detail()), QStringLiteral("did not boot"));
    QCOMPARE(q(oldest.from_version()), QStringLiteral("9.0.0"));
    QCOMPARE(oldest.finished_at().seconds(), qint64(1700000100));

    request.set_history_limit(1);
    context = m_otterd.as(QStringLiteral("vera"));
    v1::GetDeviceResponse limited;
    status = m_stub->GetDevice(context.get(), request, &limited);
    QVERIFY2(status.ok(), status.error_message().c_str());
    QCOMPARE(limited.history_size(), 1);
    QCOMPARE(q(limited.history(0).id()), QStringLiteral("dep-new"));

    request.set_device_id("dev-99999");
    context = m_otterd.as(QStringLiteral("vera"));
    status = m_stub->GetDevice(context.get(), request, &response);
    QCOMPARE(status.error_code(), grpc::StatusCode::NOT_FOUND);
    QVERIFY2(QString::fromStdString(status.error_message()).contains(QStringLiteral("dev-99999")),
             status.error_message().c_str());
}

void TestDevices::fleetSummary()
{
    const auto summary = [&](const QString &filter, v1::GetFleetSummaryResponse *response) {
        v1::GetFleetSummaryRequest request;
        request.set_filter(filter.toStdString());
        auto context = m_otterd.as(QStringLiteral("vera"));
        return m_stub->GetFleetSummary(context.get(), request, response);
    };
    for (const QString &filter : {QString(), QStringLiteral("region != \"eu-west\"")}) {
        const auto devices = filter.isEmpty() ? m_fleet : expected([](const FakeDevice &d) {
            return d.region != QLatin1StringView("eu-west");
        });
        QMap<QString, quint64> versions, classes, states;
        quint64 busy = 0, offline = 0;
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        for (const FakeDevice &d : devices) {
            ++versions[d.version];
            ++classes[d.hardwareClass];
            ++states[d.state];
            busy += d.busy ? 1 : 0;
            offline += (!d.lastSeenMs || *d.lastSeenMs < now - 180 * 1000) ? 1 : 0;
        }
        v1::GetFleetSummaryResponse response;
        const grpc::Status status = summary(filter, &response);
        QVERIFY2(status.ok(), status.error_message().c_str());
        QCOMPARE(response.total_devices(), quint64(devices.size()));
        QCOMPARE(response.busy_devices(), busy);
        QCOMPARE(response.offline_devices(), offline);
        QVERIFY(response.revision() > 0);
        QMap<QString, quint64> gotVersions, gotClasses, gotStates;
        quint64 previous = std::numeric_limits<quint64>::max();
        for (const auto &entry : response.by_firmware_version()) {
            gotVersions[QString::fromStdString(entry.firmware_version())] = entry.count();
            QVERIFY(entry.count() <= previous); // largest first
            previous = entry.count();
        }
        for (const auto &entry : response.by_hardware_class())
            gotClasses[QString::fromStdString(entry.hardware_class())] = entry.count();
        static const QMap<v1::DeviceState, QString> names{
            {v1::DEVICE_STATE_IDLE, QStringLiteral("idle")},
            {v1::DEVICE_STATE_UPDATING, QStringLiteral("updating")},
            {v1::DEVICE_STATE_UPDATE_FAILED, QStringLiteral("update_failed")},
            {v1::DEVICE_STATE_PROVISIONED, QStringLiteral("provisioned")}};
        for (const auto &entry : response.by_state())
            gotStates[names.value(entry.state())] = entry.count();
        QCOMPARE(gotVersions, versions);
        QCOMPARE(gotClasses, classes);
        QCOMPARE(gotStates, states);
    }
    v1::GetFleetSummaryResponse response;
    const grpc::Status status = summary(QStringLiteral("class = \"x\""), &response);
    QCOMPARE(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

void TestDevices::malformedFilter_data()
{
    QTest::addColumn<QString>("filter");
    QTest::newRow("missing value") << QStringLiteral("class == ");
    QTest::newRow("unknown field") << QStringLiteral("region == \"eu\" and colour == \"red\"");
    QTest::newRow("ordering on text") << QStringLiteral("class < \"gw\"");
    QTest::newRow("unclosed list") << QStringLiteral("region in [\"a\", \"b\"");
}

void TestDevices::malformedFilter()
{
    QFETCH(QString, filter);
    FilterError parseError;
    QVERIFY(!FilterExpression::parse(filter, &parseError).ok());
    QVERIFY(parseError.column > 1);

    v1::ListDevicesRequest request;
    request.set_filter(filter.toStdString());
    v1::ListDevicesResponse response;
    auto context = m_otterd.as(QStringLiteral("vera"));
    const grpc::Status status = m_stub->ListDevices(context.get(), request, &response);
    QCOMPARE(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    const QString message = QString::fromStdString(status.error_message());
    QVERIFY2(message.startsWith(QStringLiteral("filter: column %1: ").arg(parseError.column)),
             qPrintable(message));
    const auto detail = errorDetail(*context);
    QVERIFY(detail.has_value());
    QCOMPARE(detail->reason(), v1::ERROR_REASON_FILTER_INVALID);
    QCOMPARE(int(detail->filter_column()), parseError.column);
}

void TestDevices::badPageTokens()
{
    v1::ListDevicesRequest request;
    request.set_page_size(5);
    request.set_filter("class == \"gw-200\"");
    v1::ListDevicesResponse first;
    auto context = m_otterd.as(QStringLiteral("vera"));
    QVERIFY(m_stub->ListDevices(context.get(), request, &first).ok());
    QVERIFY(!first.next_page_token().empty());

    const auto refused = [&](const v1::ListDevicesRequest &next) {
        v1::ListDevicesResponse response;
        auto call = m_otterd.as(QStringLiteral("vera"));
        const grpc::Status status = m_stub->ListDevices(call.get(), next, &response);
        return status.error_code() == grpc::StatusCode::INVALID_ARGUMENT &&
               QString::fromStdString(status.error_message()).contains(QStringLiteral("page_token"));
    };
    v1::ListDevicesRequest garbage = request;
    garbage.set_page_token("not-a-token!");
    QVERIFY(refused(garbage));
    v1::ListDevicesRequest otherFilter = request;
    otherFilter.set_page_token(first.next_page_token());
    otherFilter.set_filter("class == \"gw-300\"");
    QVERIFY(refused(otherFilter));
    v1::ListDevicesRequest otherOrder = request;
    otherOrder.set_page_token(first.next_page_token());
    otherOrder.set_descending(true);
    QVERIFY(refused(otherOrder));

    // The token works with the request it came from, and page_size may change.
    v1::ListDevicesRequest next = request;
    next.set_page_token(first.next_page_token());
    next.set_page_size(3);
    v1::ListDevicesResponse second;
    context = m_otterd.as(QStringLiteral("vera"));
    QVERIFY(m_stub->ListDevices(context.get(), next, &second).ok());
    QCOMPARE(ids(second.devices()), (QStringList{QStringLiteral("dev-00005"), QStringLiteral("dev-00006"),
                                                 QStringLiteral("dev-00007")}));
}

void TestDevices::unknownOrderIsRefused()
{
    v1::ListDevicesRequest request;
    request.set_order_by(v1::DeviceOrderBy(42));
    v1::ListDevicesResponse response;
    auto context = m_otterd.as(QStringLiteral("vera"));
    const grpc::Status status = m_stub->ListDevices(context.get(), request, &response);
    QCOMPARE(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    QVERIFY(QString::fromStdString(status.error_message()).contains(QStringLiteral("order_by 42")));
}

void TestDevices::noTokenIsRefused()
{
    v1::ListDevicesResponse response;
    auto context = m_otterd.anonymous();
    QCOMPARE(m_stub->ListDevices(context.get(), {}, &response).error_code(),
             grpc::StatusCode::UNAUTHENTICATED);
    v1::GetFleetSummaryResponse summary;
    context = m_otterd.anonymous();
    QCOMPARE(m_stub->GetFleetSummary(context.get(), {}, &summary).error_code(),
             grpc::StatusCode::UNAUTHENTICATED);
}

void TestDevices::pagingWhileDevicesAreAdded()
{
    // Devices are provisioned (by otterd's own CLI, on the live database) between pages: one sorting
    // before the cursor, which must not appear, and two ahead of it, which must appear once each.
    const auto add = [&](const QString &id) {
        int code = -1;
        m_otterd.admin({QStringLiteral("device"), QStringLiteral("provision"), QStringLiteral("--id"), id,
                        QStringLiteral("--hardware-class"), QStringLiteral("gw-200")},
                       &code);
        return code == 0;
    };
    v1::ListDevicesRequest request;
    request.set_page_size(10);
    bool added = true;
    const auto pages = listAll(request, [&](int page) {
        if (page == 0)
            added = added && add(QStringLiteral("dev-00003-late")) && add(QStringLiteral("dev-00055-late"));
        if (page == 3)
            added = added && add(QStringLiteral("dev-00059-late"));
    });
    QVERIFY(added);
    QStringList got;
    for (const auto &page : pages)
        got += ids(page.devices());
    QCOMPARE(QSet<QString>(got.begin(), got.end()).size(), got.size()); // nothing twice
    for (const FakeDevice &d : m_fleet)
        QVERIFY2(got.contains(d.id), qPrintable(d.id));
    QVERIFY(!got.contains(QStringLiteral("dev-00003-late")));
    QVERIFY(got.contains(QStringLiteral("dev-00055-late")));
    QVERIFY(got.contains(QStringLiteral("dev-00059-late")));
    QCOMPARE(got.size(), FleetSize + 2);
    QVERIFY(std::is_sorted(got.begin(), got.end()));
}

QTEST_GUILESS_MAIN(TestDevices)
#include "tst_devices.moc"
