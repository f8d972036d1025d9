// MaintenanceWindowListModel: cached windows with schedule text, and window drafts.
#include "cache_fixture.h"

#include "models/maintenance_window_list_model.h"
#include "models/outbox.h"
#include "models/records_json.h"

#include <QAbstractItemModelTester>
#include <QJsonDocument>

using namespace otter::models;
using namespace otter::models::test;

class TestMaintenanceWindowListModel : public QObject
{
    Q_OBJECT

private slots:
    void listsWindowsAndDrafts()
    {
        CacheFixture cache;
        WindowRecord nightly;
        nightly.id = u"w1"_s;
        nightly.name = u"nightly"_s;
        nightly.timeZone = u"Europe/Berlin"_s;
        nightly.weekdays = {1, 2, 3};
        nightly.startHour = 2;
        nightly.startMinute = 30;
        nightly.durationSeconds = 5400;
        nightly.revision = 4;
        ChangeBatch batch;
        batch.windows = {nightly};
        batch.complete = true;
        QVERIFY(CacheStore(cache.database).apply(batch).ok());

        MaintenanceWindowListModel model(cache.database);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0, MaintenanceWindowListModel::TimeZone).data().toString(), u"Europe/Berlin"_s);
        QVERIFY(
            model.index(0, MaintenanceWindowListModel::Schedule).data().toString().endsWith(u"at 02:30"_s));
        QCOMPARE(model.index(0, MaintenanceWindowListModel::Duration).data().toString(), u"1 h 30 min"_s);

        WindowRecord cron;
        cron.id = u"w2"_s;
        cron.name = u"weekend"_s;
        cron.timeZone = u"UTC"_s;
        cron.cronExpression = u"0 1 * * 6"_s;
        cron.durationSeconds = 3600;
        Outbox outbox(cache.database);
        QVERIFY(
            outbox.enqueue(u"window"_s, u"create"_s, u"w2"_s, 0, QJsonDocument(toJson(cron)).toJson()).ok());
        model.refresh();
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(1, MaintenanceWindowListModel::Schedule).data().toString(), u"cron 0 1 * * 6"_s);
        QVERIFY(model.index(1, 0).data(MaintenanceWindowListModel::DraftRole).toBool());
        QCOMPARE(model.index(1, 0)
                     .data(MaintenanceWindowListModel::RecordRole)
                     .value<WindowRecord>()
                     .cronExpression,
                 cron.cronExpression);
    }
};

QTEST_MAIN(TestMaintenanceWindowListModel)
#include "tst_maintenance_window_list_model.moc"
