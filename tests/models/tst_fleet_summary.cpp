// loadFleetSummary and loadDeviceDetail: dashboard counts and the detail pane over the cache.
#include "cache_fixture.h"

#include "models/device_detail.h"
#include "models/fleet_summary.h"

using namespace otter::models;
using namespace otter::models::test;

class TestFleetSummary : public QObject
{
    Q_OBJECT

private slots:
    void countsByVersionStateAndActiveRollouts()
    {
        CacheFixture cache;
        ChangeBatch batch;
        batch.devices = {device(u"a"_s, u"2.0"_s), device(u"b"_s, u"2.0.0"_s), device(u"c"_s, u"1.10.0"_s),
                         device(u"d"_s, u"1.9.0"_s)};
        batch.devices[3].state = u"UPDATE_FAILED"_s;
        for (const QString &state : {u"RUNNING"_s, u"PAUSED"_s, u"COMPLETED"_s, u"PENDING_APPROVAL"_s}) {
            RolloutRecord rollout;
            rollout.id = state;
            rollout.name = state.toLower();
            rollout.state = state;
            batch.rollouts.append(rollout);
        }
        batch.complete = true;
        QVERIFY(CacheStore(cache.database).apply(batch).ok());
        const auto summary = loadFleetSummary(cache.database);
        QVERIFY(summary.ok());
        QCOMPARE(summary->totalDevices, 4);
        QCOMPARE(summary->byVersion.size(), 3); // "2.0" and "2.0.0" are one version
        QCOMPARE(summary->byVersion.at(0).devices, 2);
        QCOMPARE(summary->byVersion.at(1).value, u"1.10.0"_s);
        QCOMPARE(summary->byState.at(0).value, u"IDLE"_s);
        QCOMPARE(summary->byState.at(0).devices, 3);
        QCOMPARE(summary->byState.at(1).value, u"UPDATE_FAILED"_s);
        QStringList active;
        for (const RolloutRecord &rollout : summary->activeRollouts)
            active.append(rollout.state);
        QCOMPARE(active, (QStringList{u"PAUSED"_s, u"PENDING_APPROVAL"_s, u"RUNNING"_s}));
    }

    void detailNamesGroups()
    {
        CacheFixture cache;
        ChangeBatch batch;
        batch.devices = {device(u"dev-1"_s)};
        batch.devices[0].labels = {{u"ring"_s, u"canary"_s}};
        batch.groups = {group(u"g-all"_s, u"all gw-200"_s), group(u"g-static"_s, u"picked"_s),
                        group(u"g-other"_s, u"other"_s)};
        batch.groups[1].filter.reset();
        batch.groups[1].staticMembers = {u"dev-1"_s};
        batch.groups[2].filter = u"label.ring == \"stable\""_s;
        batch.complete = true;
        QVERIFY(CacheStore(cache.database).apply(batch).ok());
        const auto detail = loadDeviceDetail(cache.database, u"dev-1"_s);
        QVERIFY(detail.ok());
        QStringList names;
        for (const GroupRecord &g : detail->groups)
            names.append(g.name);
        QCOMPARE(names, (QStringList{u"all gw-200"_s, u"picked"_s}));
        QVERIFY(!loadDeviceDetail(cache.database, u"nope"_s).ok());
    }
};

QTEST_GUILESS_MAIN(TestFleetSummary)
#include "tst_fleet_summary.moc"
