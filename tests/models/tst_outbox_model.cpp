// OutboxModel: the outbox as a table, following the Outbox's changes.
#include "cache_fixture.h"

#include "models/outbox.h"
#include "models/outbox_model.h"
#include "models/records_json.h"

#include <QAbstractItemModelTester>
#include <QJsonDocument>
#include <QSignalSpy>

using namespace otter::models;
using namespace otter::models::test;

class TestOutboxModel : public QObject
{
    Q_OBJECT

private slots:
    void followsTheOutbox()
    {
        CacheFixture cache;
        Outbox outbox(cache.database);
        OutboxModel model(cache.database, &outbox);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QVERIFY(changed.isValid() && removed.isValid());
        QCOMPARE(model.rowCount(), 0);
        const qint64 id = *outbox.enqueue(u"group"_s, u"create"_s, u"g"_s, 0,
                                          QJsonDocument(toJson(group(u"g"_s, u"canary"_s))).toJson());
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0, OutboxModel::Object).data().toString(), u"canary"_s);
        QCOMPARE(model.index(0, OutboxModel::State).data().toString(), u"Waiting"_s);
        QVERIFY(outbox.markConflict(id, "{}", u"changed on the server"_s).ok());
        QCOMPARE(changed.count(), 1);
        QCOMPARE(model.index(0, OutboxModel::State).data().toString(), u"Conflict"_s);
        QCOMPARE(model.index(0, OutboxModel::Message).data().toString(), u"changed on the server"_s);
        QCOMPARE(model.index(0, 0).data(OutboxModel::RecordRole).value<OutboxEntry>().id, id);
        QVERIFY(outbox.discard(id).ok());
        QCOMPARE(removed.count(), 1);
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_MAIN(TestOutboxModel)
#include "tst_outbox_model.moc"
