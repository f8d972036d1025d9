// GroupListModel: cached groups, outbox drafts shown beside them, refresh without reset.
#include "cache_fixture.h"

#include "models/group_list_model.h"
#include "models/outbox.h"
#include "models/records_json.h"

#include <QAbstractItemModelTester>
#include <QFont>
#include <QJsonDocument>
#include <QSignalSpy>

using namespace otter::models;
using namespace otter::models::test;

class TestGroupListModel : public QObject
{
    Q_OBJECT

private slots:
    void showsCacheAndDrafts()
    {
        CacheFixture cache;
        CacheStore store(cache.database);
        ChangeBatch batch;
        batch.groups = {group(u"g-b"_s, u"beta"_s, 3), group(u"g-a"_s, u"alpha"_s, 2)};
        batch.groups[1].filter.reset();
        batch.groups[1].staticMembers = {u"d1"_s, u"d2"_s};
        batch.currentRevision = 3;
        batch.complete = true;
        QVERIFY(store.apply(batch).ok());

        GroupListModel model(cache.database);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QVERIFY(resets.isValid() && inserted.isValid() && changed.isValid());
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, GroupListModel::Name).data().toString(), u"alpha"_s);
        QCOMPARE(model.index(0, GroupListModel::Membership).data().toString(), u"2 device(s)"_s);
        QCOMPARE(model.index(1, GroupListModel::Membership).data().toString(),
                 u"filter: class == \"gw-200\""_s);
        QCOMPARE(model.index(1, 0).data(GroupListModel::RecordRole).value<GroupRecord>().revision, 3);
        QVERIFY(!model.index(0, 0).data(GroupListModel::DraftRole).toBool());

        Outbox outbox(cache.database);
        connect(&outbox, &Outbox::changed, &model, &GroupListModel::refresh);
        GroupRecord edited = group(u"g-b"_s, u"beta (edited offline)"_s, 3);
        QVERIFY(outbox.enqueue(u"group"_s, u"update"_s, u"g-b"_s, 3, QJsonDocument(toJson(edited)).toJson())
                    .ok());
        GroupRecord created = group(u"g-new"_s, u"gamma"_s, 0);
        QVERIFY(
            outbox.enqueue(u"group"_s, u"create"_s, u"g-new"_s, 0, QJsonDocument(toJson(created)).toJson())
                .ok());

        QCOMPARE(resets.count(), 0);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(model.rowCount(), 3);
        const QModelIndex beta = model.index(1, GroupListModel::Name);
        QCOMPARE(beta.data().toString(), u"beta (edited offline)"_s);
        QVERIFY(beta.data(GroupListModel::DraftRole).toBool());
        QCOMPARE(beta.data(GroupListModel::DraftOperationRole).toString(), u"update"_s);
        QVERIFY(beta.data(Qt::FontRole).value<QFont>().italic());
        const QModelIndex gamma = model.index(2, GroupListModel::Name);
        QCOMPARE(gamma.data().toString(), u"gamma"_s);
        QCOMPARE(gamma.data(GroupListModel::DraftOperationRole).toString(), u"create"_s);
        QCOMPARE(gamma.data(GroupListModel::RevisionRole).toLongLong(), 0);

        // Sent and synced back: the draft marks go, the server's copy stays.
        for (const OutboxEntry &entry : outbox.queued())
            QVERIFY(outbox.markSent(entry.id).ok());
        ChangeBatch synced;
        synced.groups = {edited, created};
        synced.groups[0].revision = 4;
        synced.groups[1].revision = 5;
        synced.currentRevision = 5;
        synced.complete = true;
        QVERIFY(store.apply(synced).ok());
        model.refresh();
        QCOMPARE(model.rowCount(), 3);
        for (int row = 0; row < 3; ++row)
            QVERIFY(!model.index(row, 0).data(GroupListModel::DraftRole).toBool());
        QCOMPARE(model.index(2, 0).data(GroupListModel::RevisionRole).toLongLong(), 5);
        QCOMPARE(resets.count(), 0);
    }

    void draftDeleteMarksTheRow()
    {
        CacheFixture cache;
        ChangeBatch batch;
        batch.groups = {group(u"g"_s, u"doomed"_s, 2)};
        batch.complete = true;
        QVERIFY(CacheStore(cache.database).apply(batch).ok());
        Outbox outbox(cache.database);
        QVERIFY(outbox.enqueue(u"group"_s, u"delete"_s, u"g"_s, 2, {}).ok());
        GroupListModel model(cache.database);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0, 0).data(GroupListModel::DraftOperationRole).toString(), u"delete"_s);
        QVERIFY(model.index(0, 0).data(Qt::FontRole).value<QFont>().strikeOut());
        QCOMPARE(model.index(0, 0).data().toString(), u"doomed"_s);
    }
};

QTEST_MAIN(TestGroupListModel)
#include "tst_group_list_model.moc"
