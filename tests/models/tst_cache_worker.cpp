// CacheWorker: sync pages applied on a worker thread while the GUI thread reads the same file.
#include "cache_fixture.h"

#include "models/cache_worker.h"
#include "models/device_table_model.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QThread>

using namespace otter::models;
using namespace otter::models::test;

class TestCacheWorker : public QObject
{
    Q_OBJECT

private slots:
    void appliesOnItsThreadAndModelsFollow()
    {
        CacheFixture cache;
        QThread thread;
        auto *worker = new CacheWorker(cache.database);
        worker->moveToThread(&thread);
        connect(&thread, &QThread::finished, worker, &QObject::deleteLater);
        thread.start();

        DeviceTableModel model(cache.database);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        connect(worker, &CacheWorker::applied, &model, &DeviceTableModel::refresh);
        QSignalSpy applied(worker, &CacheWorker::applied);
        QSignalSpy failed(worker, &CacheWorker::failed);
        QVERIFY(applied.isValid() && failed.isValid());
        QCOMPARE(model.rowCount(), 0);

        for (int page = 0; page < 3; ++page) {
            QList<DeviceRecord> devices;
            for (int i = 0; i < 100; ++i)
                devices.append(device(u"d%1-%2"_s.arg(page).arg(i, 3, 10, QLatin1Char('0')), u"1.0.0"_s,
                                      page * 100 + i + 1));
            QMetaObject::invokeMethod(
                worker, "apply", Qt::QueuedConnection,
                Q_ARG(otter::models::ChangeBatch, devicesBatch(devices, 300, page == 2)));
        }
        QTRY_COMPARE_WITH_TIMEOUT(applied.count(), 3, 30000);
        QCOMPARE(failed.count(), 0);
        QCOMPARE(applied.at(0).at(0).toLongLong(), 0); // pages before the last keep the cursor
        QCOMPARE(applied.at(2).at(0).toLongLong(), 300);
        QVERIFY(applied.at(2).at(1).toDateTime().isValid());
        QCOMPARE(model.matchingCount(), 300);
        QVERIFY(model.rowCount() > 0);

        ChangeBatch bad = devicesBatch({device(QString())}, 301);
        bad.devices.append(device(QString()));
        bad.devices[1].revision = 0;
        bad.devices[0].hardwareClass = QString();
        // A deletion of an unknown kind value cannot be stored: the page is refused as a whole.
        bad.deletions.append({ObjectKind(99), u"x"_s, 301});
        QMetaObject::invokeMethod(worker, "apply", Qt::QueuedConnection,
                                  Q_ARG(otter::models::ChangeBatch, bad));
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 30000);
        QVERIFY(!failed.at(0).at(0).toString().isEmpty());
        QCOMPARE(CacheStore(cache.database).revision(), 300);

        thread.quit();
        QVERIFY(thread.wait(30000));
    }
};

QTEST_MAIN(TestCacheWorker)
#include "tst_cache_worker.moc"
