// RolloutListModel: cached rollouts, rollout drafts, refresh when a rollout's state moves.
#include "cache_fixture.h"

#include "models/outbox.h"
#include "models/records_json.h"
#include "models/rollout_list_model.h"

#include <QAbstractItemModelTester>
#include <QJsonDocument>
#include <QSignalSpy>

using namespace otter::models;
using namespace otter::models::test;

class TestRolloutListModel : public QObject
{
    Q_OBJECT

private slots:
    void followsStateAndDrafts()
    {
        CacheFixture cache;
        CacheStore store(cache.database);
        RolloutRecord rollout;
        rollout.id = u"r1"_s;
        rollout.name = u"spring"_s;
        rollout.releaseId = u"abcdef0123456789"_s;
        rollout.stages = {{10, 0, 95}, {100, 0, 95}};
        rollout.state = u"RUNNING"_s;
        rollout.revision = 8;
        ChangeBatch batch;
        batch.rollouts = {rollout};
        batch.complete = true;
        QVERIFY(store.apply(batch).ok());

        RolloutListModel model(cache.database);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QVERIFY(changed.isValid());
        QCOMPARE(model.index(0, RolloutListModel::State).data().toString(), u"RUNNING"_s);
        QCOMPARE(model.index(0, RolloutListModel::Stage).data().toString(), u"1 of 2"_s);
        QCOMPARE(model.index(0, RolloutListModel::Release).data().toString(), u"abcdef012345"_s);

        rollout.state = u"PAUSED"_s;
        rollout.revision = 9;
        batch.rollouts = {rollout};
        QVERIFY(store.apply(batch).ok());
        model.refresh();
        QCOMPARE(changed.count(), 1);
        QCOMPARE(model.index(0, RolloutListModel::State).data().toString(), u"PAUSED"_s);

        // Once the release is cached, the rollout names it by version.
        ReleaseRecord release;
        release.id = rollout.releaseId;
        release.version = u"2.4.1"_s;
        release.revision = 10;
        ChangeBatch releases;
        releases.releases = {release};
        releases.complete = true;
        QVERIFY(store.apply(releases).ok());
        model.refresh();
        QCOMPARE(model.index(0, RolloutListModel::Release).data().toString(), u"2.4.1"_s);

        RolloutRecord draft;
        draft.id = u"r2"_s;
        draft.name = u"autumn"_s;
        draft.state = u"DRAFT"_s;
        Outbox outbox(cache.database);
        QVERIFY(outbox.enqueue(u"rollout"_s, u"create"_s, u"r2"_s, 0, QJsonDocument(toJson(draft)).toJson())
                    .ok());
        model.refresh();
        QCOMPARE(model.rowCount(), 2);
        QVERIFY(model.index(1, 0).data(RolloutListModel::DraftRole).toBool());
        QCOMPARE(model.index(1, 0).data(RolloutListModel::RecordRole).value<RolloutRecord>().name,
                 u"autumn"_s);
    }
};

QTEST_MAIN(TestRolloutListModel)
#include "tst_rollout_list_model.moc"
