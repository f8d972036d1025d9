// DeviceTableModel: keyset paging under every sort, SQL filters, refresh after sync.
#include "cache_fixture.h"

#include "core/semver.h"
#include "models/device_table_model.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>

#include <algorithm>

using namespace otter::models;
using namespace otter::models::test;

namespace {

constexpr int FleetSize = 1234; // a bit over six pages, not a multiple of the page size

// Few distinct values per column, so every sort has long runs of ties that only the id breaks.
QList<DeviceRecord> fleet()
{
    const QStringList versions{u"1.9.0"_s, u"1.10.0"_s, u"2.0.0-rc.1"_s, u"2.0.0"_s, u"2.0"_s, u"garbage"_s};
    const QStringList states{u"IDLE"_s, u"UPDATING"_s, u"UPDATE_FAILED"_s, u"PROVISIONED"_s};
    QList<DeviceRecord> devices;
    for (int i = 0; i < FleetSize; ++i) {
        DeviceRecord d = device(u"dev-%1"_s.arg(i * 7919 % FleetSize, 5, 10, QLatin1Char('0')),
                                versions.at(i % versions.size()), i + 1);
        d.hardwareClass = i % 3 ? u"gw-200"_s : u"gw-100"_s;
        d.region = i % 2 ? u"eu-west"_s : u"eu-north"_s;
        d.securityVersion = quint64(i % 4);
        d.activeBank = i % 5 ? u"A"_s : u"B"_s;
        d.state = states.at(i % states.size());
        d.lastSeen = i % 11
                         ? QDateTime::fromMSecsSinceEpoch(1700000000000 + (i % 13) * 1000, QTimeZone::utc())
                         : QDateTime();
        d.busy = i % 6 == 0;
        if (i % 10 == 0)
            d.labels = {{u"ring"_s, u"canary"_s}};
        devices.append(d);
    }
    return devices;
}

QVariant sortValue(const DeviceRecord &d, int column)
{
    switch (column) {
    case DeviceTableModel::HardwareClass:
        return d.hardwareClass;
    case DeviceTableModel::Region:
        return d.region;
    case DeviceTableModel::FirmwareVersion:
        return otter::semverSortKey(d.firmwareVersion);
    case DeviceTableModel::SecurityVersion:
        return qlonglong(d.securityVersion);
    case DeviceTableModel::ActiveBank:
        return d.activeBank;
    case DeviceTableModel::State:
        return d.state.toLower();
    case DeviceTableModel::LastSeen:
        return d.lastSeen.isValid() ? d.lastSeen.toMSecsSinceEpoch() : qlonglong(0);
    case DeviceTableModel::Busy:
        return int(d.busy);
    default:
        return d.id;
    }
}

QStringList expectedOrder(QList<DeviceRecord> devices, int column, Qt::SortOrder order)
{
    std::sort(devices.begin(), devices.end(), [&](const DeviceRecord &a, const DeviceRecord &b) {
        const QVariant va = sortValue(a, column);
        const QVariant vb = sortValue(b, column);
        const auto c = QVariant::compare(va, vb);
        const bool less = c == QPartialOrdering::Less || (c == QPartialOrdering::Equivalent && a.id < b.id);
        const bool greater =
            c == QPartialOrdering::Greater || (c == QPartialOrdering::Equivalent && a.id > b.id);
        return order == Qt::AscendingOrder ? less : greater;
    });
    QStringList ids;
    for (const DeviceRecord &d : devices)
        ids.append(d.id);
    return ids;
}

QStringList fetchAll(DeviceTableModel &model)
{
    while (model.canFetchMore({}))
        model.fetchMore({});
    QStringList ids;
    for (int row = 0; row < model.rowCount(); ++row)
        ids.append(model.index(row, 0).data(DeviceTableModel::DeviceIdRole).toString());
    return ids;
}

} // namespace

class TestDeviceTableModel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        m_devices = fleet();
        QVERIFY(CacheStore(m_cache.database).apply(devicesBatch(m_devices, 5000)).ok());
    }

    void pagesWithoutDuplicatesOrGaps_data()
    {
        QTest::addColumn<int>("column");
        QTest::addColumn<Qt::SortOrder>("order");
        const char *names[] = {"id",   "class", "region",    "version", "svn",
                               "bank", "state", "last seen", "busy"};
        static_assert(std::size(names) == DeviceTableModel::ColumnCount);
        for (int column = 0; column < DeviceTableModel::ColumnCount; ++column) {
            const char *name = names[column];
            QTest::addRow("%s ascending", name) << column << Qt::AscendingOrder;
            QTest::addRow("%s descending", name) << column << Qt::DescendingOrder;
        }
    }

    void pagesWithoutDuplicatesOrGaps()
    {
        QFETCH(int, column);
        QFETCH(Qt::SortOrder, order);
        DeviceTableModel model(m_cache.database);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.sort(column, order);
        // Pages only: the tester itself fetches a few, never everything.
        QVERIFY(model.rowCount() < FleetSize);
        QCOMPARE(model.rowCount() % DeviceTableModel::PageSize, 0);
        const QStringList ids = fetchAll(model);
        QCOMPARE(ids.size(), FleetSize);
        QCOMPARE(ids, expectedOrder(m_devices, column, order));
        QCOMPARE(model.matchingCount(), FleetSize);
    }

    void invalidFilterKeepsThePreviousOne_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("column");
        QTest::newRow("missing value") << u"region == "_s << 11;
        QTest::newRow("unknown field") << u"colour == \"red\""_s << 1;
        QTest::newRow("ordering on text") << u"region == \"eu-west\" and class < \"x\""_s << 31;
    }

    void invalidFilterKeepsThePreviousOne()
    {
        QFETCH(QString, text);
        QFETCH(int, column);
        DeviceTableModel model(m_cache.database);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(!model.setFilter(u"busy"_s));
        const qint64 busyCount = model.matchingCount();
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QVERIFY(resets.isValid());
        const auto error = model.setFilter(text);
        QVERIFY(error);
        QCOMPARE(error->column, column);
        QVERIFY(!error->message.isEmpty());
        QCOMPARE(model.filterText(), u"busy"_s);
        QCOMPARE(model.matchingCount(), busyCount);
        QCOMPARE(resets.count(), 0);
    }

    void filterAndSortTogether_data()
    {
        QTest::addColumn<QString>("filter");
        QTest::addColumn<int>("column");
        QTest::newRow("version range by version")
            << u"version >= \"1.10.0\" and version < \"2.0.0\""_s << int(DeviceTableModel::FirmwareVersion);
        QTest::newRow("region by last seen")
            << u"region == \"eu-north\" and not busy"_s << int(DeviceTableModel::LastSeen);
        QTest::newRow("labels by state") << u"label.ring == \"canary\""_s << int(DeviceTableModel::State);
        QTest::newRow("state in list by class")
            << u"state in [\"idle\", \"update_failed\"] and bank == \"B\""_s
            << int(DeviceTableModel::HardwareClass);
        QTest::newRow("glob on id by svn")
            << u"id ~ \"dev-00*\" or svn > 2"_s << int(DeviceTableModel::SecurityVersion);
        QTest::newRow("nothing") << u"class == \"none\""_s << int(DeviceTableModel::Id);
    }

    void filterAndSortTogether()
    {
        QFETCH(QString, filter);
        QFETCH(int, column);
        const auto expression = otter::FilterExpression::parse(filter);
        QVERIFY(expression.ok());
        QList<DeviceRecord> matching;
        for (const DeviceRecord &d : std::as_const(m_devices)) {
            otter::DeviceRecord view{
                d.id,         d.hardwareClass,   d.region, d.firmwareVersion, qint64(d.securityVersion),
                d.activeBank, d.state.toLower(), d.busy,   d.labels};
            if (expression->matches(view))
                matching.append(d);
        }
        DeviceTableModel model(m_cache.database);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QVERIFY(resets.isValid());
        QVERIFY(!model.setFilter(filter));
        model.sort(column, Qt::DescendingOrder);
        QCOMPARE(resets.count(), 2);
        QCOMPARE(model.matchingCount(), matching.size());
        QCOMPARE(fetchAll(model), expectedOrder(matching, column, Qt::DescendingOrder));
        QVERIFY(!model.setFilter(QString()));
        QCOMPARE(model.matchingCount(), FleetSize);
    }

    void refreshAfterSyncKeepsRowsStable()
    {
        CacheFixture cache;
        CacheStore store(cache.database);
        QList<DeviceRecord> devices;
        for (int i = 0; i < 2000; ++i)
            devices.append(device(u"d%1"_s.arg(i, 4, 10, QLatin1Char('0')), u"1.0.0"_s, i + 1));
        QVERIFY(store.apply(devicesBatch(devices, 1000)).ok());

        DeviceTableModel model(cache.database);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.fetchMore({});
        const int fetched = model.rowCount();
        QVERIFY(fetched >= 400 && fetched < 2000);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QVERIFY(resets.isValid() && changed.isValid() && inserted.isValid() && removed.isValid());

        // Update d0005 and d0006, delete d0010, add d0010a (inside the fetched range) and d9999 (beyond it).
        ChangeBatch batch =
            devicesBatch({device(u"d0005"_s, u"2.0.0"_s, 2000), device(u"d0006"_s, u"2.0.0"_s, 2001),
                          device(u"d0010a"_s, u"1.0.0"_s, 2002), device(u"d9999"_s, u"1.0.0"_s, 2003)},
                         2004);
        batch.deletions.append({ObjectKind::Device, u"d0010"_s, 2004});
        QVERIFY(store.apply(batch).ok());
        model.refresh();

        QCOMPARE(resets.count(), 0);
        QCOMPARE(changed.count(), 1); // one range: rows 5..6
        QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 5);
        QCOMPARE(changed.at(0).at(1).toModelIndex().row(), 6);
        QCOMPARE(removed.count(), 1);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(model.rowCount(), fetched);
        QCOMPARE(model.index(5, DeviceTableModel::FirmwareVersion).data().toString(), u"2.0.0"_s);
        QCOMPARE(model.index(10, 0).data().toString(), u"d0010a"_s);
        QCOMPARE(model.matchingCount(), 2001); // 2000 - d0010 + d0010a + d9999
        const QStringList all = fetchAll(model);
        QCOMPARE(all.size(), 2001);
        QCOMPARE(all.constLast(), u"d9999"_s);

        // With everything fetched, a refresh also picks up rows added at the end.
        QVERIFY(store.apply(devicesBatch({device(u"e0001"_s, u"1.0.0"_s, 3000)}, 3001)).ok());
        model.refresh();
        QCOMPARE(model.rowCount(), 2002);
        QCOMPARE(model.matchingCount(), 2002);
        QCOMPARE(resets.count(), 0);
    }

private:
    CacheFixture m_cache;
    QList<DeviceRecord> m_devices;
};

QTEST_MAIN(TestDeviceTableModel)
#include "tst_device_table_model.moc"
