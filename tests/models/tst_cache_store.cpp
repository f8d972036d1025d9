// CacheStore: incremental sync pages applied to a real cache file.
#include "cache_fixture.h"

#include "models/cache_store.h"
#include "models/device_detail.h"

#include <QSqlQuery>

using namespace otter;
using namespace otter::models;
using namespace otter::models::test;

namespace {

QStringList deviceRows(const CacheDatabase &database)
{
    QSqlQuery query(database.connection());
    query.exec(u"SELECT id, firmware_version, revision FROM devices ORDER BY id"_s);
    QStringList rows;
    while (query.next())
        rows.append(u"%1@%2#%3"_s.arg(query.value(0).toString(), query.value(1).toString(),
                                      query.value(2).toString()));
    return rows;
}

int countOf(const CacheDatabase &database, const QString &table)
{
    QSqlQuery query(database.connection());
    query.exec(u"SELECT COUNT(*) FROM "_s + table);
    query.next();
    return query.value(0).toInt();
}

} // namespace

class TestCacheStore : public QObject
{
    Q_OBJECT

private slots:
    // Start from d1@1.0.0, d2@1.0.0, d3@1.0.0 at revision 10, then apply one batch "since 10".
    void changesSinceRevision_data()
    {
        QTest::addColumn<ChangeBatch>("batch");
        QTest::addColumn<QStringList>("expected");
        QTest::addColumn<qint64>("revision");

        QTest::newRow("insert") << devicesBatch({device(u"d4"_s, u"2.0.0"_s, 11)}, 11)
                                << QStringList{u"d1@1.0.0#1"_s, u"d2@1.0.0#2"_s, u"d3@1.0.0#3"_s,
                                               u"d4@2.0.0#11"_s}
                                << qint64(11);
        QTest::newRow("update") << devicesBatch({device(u"d2"_s, u"2.0.0"_s, 11)}, 11)
                                << QStringList{u"d1@1.0.0#1"_s, u"d2@2.0.0#11"_s, u"d3@1.0.0#3"_s}
                                << qint64(11);
        ChangeBatch deletion = devicesBatch({}, 12);
        deletion.deletions.append({ObjectKind::Device, u"d1"_s, 12});
        QTest::newRow("delete") << deletion << QStringList{u"d2@1.0.0#2"_s, u"d3@1.0.0#3"_s} << qint64(12);
        QTest::newRow("older copy ignored")
            << devicesBatch({device(u"d3"_s, u"0.9.0"_s, 2)}, 11)
            << QStringList{u"d1@1.0.0#1"_s, u"d2@1.0.0#2"_s, u"d3@1.0.0#3"_s} << qint64(11);
        ChangeBatch stale = devicesBatch({}, 11);
        stale.deletions.append({ObjectKind::Device, u"d3"_s, 2}); // older than the cached copy
        QTest::newRow("stale deletion ignored")
            << stale << QStringList{u"d1@1.0.0#1"_s, u"d2@1.0.0#2"_s, u"d3@1.0.0#3"_s} << qint64(11);
        QTest::newRow("page before the last keeps the cursor")
            << devicesBatch({device(u"d4"_s, u"2.0.0"_s, 11)}, 11, false)
            << QStringList{u"d1@1.0.0#1"_s, u"d2@1.0.0#2"_s, u"d3@1.0.0#3"_s, u"d4@2.0.0#11"_s} << qint64(10);
        ChangeBatch mixed =
            devicesBatch({device(u"d1"_s, u"3.0.0"_s, 13), device(u"d5"_s, u"1.1"_s, 14)}, 15);
        mixed.deletions.append({ObjectKind::Device, u"d2"_s, 15});
        QTest::newRow("insert, update and delete together")
            << mixed << QStringList{u"d1@3.0.0#13"_s, u"d3@1.0.0#3"_s, u"d5@1.1#14"_s} << qint64(15);
    }

    void changesSinceRevision()
    {
        QFETCH(ChangeBatch, batch);
        QFETCH(QStringList, expected);
        QFETCH(qint64, revision);
        CacheFixture cache;
        CacheStore store(cache.database);
        QVERIFY(store
                    .apply(devicesBatch({device(u"d1"_s, u"1.0.0"_s, 1), device(u"d2"_s, u"1.0.0"_s, 2),
                                         device(u"d3"_s, u"1.0.0"_s, 3)},
                                        10))
                    .ok());
        const QDateTime before = store.syncedAt();
        QVERIFY(before.isValid());
        QVERIFY(store.apply(batch).ok());
        QCOMPARE(deviceRows(cache.database), expected);
        QCOMPARE(store.revision(), revision);
        QVERIFY(batch.complete ? store.syncedAt() >= before : store.syncedAt() == before);
        // Applying the same page again changes nothing.
        QVERIFY(store.apply(batch).ok());
        QCOMPARE(deviceRows(cache.database), expected);
        QCOMPARE(store.revision(), revision);
    }

    void deletionOfEachKind_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("table");
        QTest::newRow("device") << int(ObjectKind::Device) << u"devices"_s;
        QTest::newRow("group") << int(ObjectKind::Group) << u"groups"_s;
        QTest::newRow("window") << int(ObjectKind::MaintenanceWindow) << u"windows"_s;
        QTest::newRow("release") << int(ObjectKind::Release) << u"releases"_s;
        QTest::newRow("trusted key") << int(ObjectKind::TrustedKey) << u"trusted_keys"_s;
        QTest::newRow("rollout") << int(ObjectKind::Rollout) << u"rollouts"_s;
    }

    void deletionOfEachKind()
    {
        QFETCH(int, kind);
        QFETCH(QString, table);
        CacheFixture cache;
        CacheStore store(cache.database);
        ChangeBatch batch = devicesBatch({device(u"x"_s), device(u"keep"_s)}, 5);
        batch.groups = {group(u"x"_s, u"x"_s), group(u"keep"_s, u"keep"_s)};
        WindowRecord window;
        window.id = u"x"_s;
        window.revision = 1;
        batch.windows = {window};
        window.id = u"keep"_s;
        batch.windows.append(window);
        ReleaseRecord release;
        release.id = u"x"_s;
        release.version = u"1.0.0"_s;
        release.revision = 1;
        batch.releases = {release};
        release.id = u"keep"_s;
        batch.releases.append(release);
        TrustedKeyRecord key;
        key.id = u"x"_s;
        key.revision = 1;
        batch.trustedKeys = {key};
        key.id = u"keep"_s;
        batch.trustedKeys.append(key);
        RolloutRecord rollout;
        rollout.id = u"x"_s;
        rollout.revision = 1;
        batch.rollouts = {rollout};
        rollout.id = u"keep"_s;
        batch.rollouts.append(rollout);
        QVERIFY(store.apply(batch).ok());
        QCOMPARE(countOf(cache.database, table), 2);

        ChangeBatch deletion = devicesBatch({}, 6);
        deletion.deletions.append({ObjectKind(kind), u"x"_s, 6});
        QVERIFY(store.apply(deletion).ok());
        for (const QString &other :
             {u"devices"_s, u"groups"_s, u"windows"_s, u"releases"_s, u"trusted_keys"_s, u"rollouts"_s})
            QCOMPARE(countOf(cache.database, other), other == table ? 1 : 2);
    }

    void pagedSyncAdvancesOnlyOnLastPage()
    {
        CacheFixture cache;
        CacheStore store(cache.database);
        for (int page = 0; page < 5; ++page) {
            QList<DeviceRecord> devices;
            for (int i = 0; i < 100; ++i)
                devices.append(device(u"dev-%1-%2"_s.arg(page).arg(i), u"1.0.0"_s, page * 100 + i + 1));
            const bool last = page == 4;
            QVERIFY(store.apply(devicesBatch(devices, 500, last)).ok());
            QCOMPARE(store.revision(), last ? 500 : 0);
            QCOMPARE(store.syncedAt().isValid(), last);
        }
        QCOMPARE(countOf(cache.database, u"devices"_s), 500);
    }

    void fileReadsBackWithStockSqlite3()
    {
        CacheFixture cache;
        CacheStore store(cache.database);
        DeviceRecord d = device(u"dev-1"_s, u"2.10.0"_s, 9);
        d.labels = {{u"ring"_s, u"canary"_s}};
        d.state = u"UPDATE_FAILED"_s;
        d.busy = true;
        ChangeBatch batch = devicesBatch({d}, 42);
        AuditRecord audit;
        audit.seq = 3;
        audit.actor = u"olga"_s;
        audit.action = u"CreateGroup"_s;
        audit.time = QDateTime::currentDateTimeUtc();
        audit.revision = 9;
        batch.auditEntries = {audit};
        QVERIFY(store.apply(batch).ok());
        cache.database.closeConnection(); // the WAL is checkpointed, the file stands alone
        QCOMPARE(sqlite3(cache.path(), u"SELECT value FROM meta WHERE key = 'revision'"_s), u"42"_s);
        QCOMPARE(
            sqlite3(
                cache.path(),
                u"SELECT id, firmware_version, state, busy, json_extract(labels, '$.ring') FROM devices"_s),
            u"dev-1|2.10.0|update_failed|1|canary"_s);
        QCOMPARE(sqlite3(cache.path(), u"SELECT seq, actor, action FROM audit"_s), u"3|olga|CreateGroup"_s);
        QCOMPARE(sqlite3(cache.path(), u"PRAGMA integrity_check"_s), u"ok"_s);

        const auto loaded = loadDevice(cache.database, u"dev-1"_s);
        QVERIFY(loaded.ok());
        QCOMPARE(loaded->state, u"UPDATE_FAILED"_s);
        QCOMPARE(loaded->labels, d.labels);
        QCOMPARE(loaded->lastSeen, d.lastSeen);
        QCOMPARE(loadDevice(cache.database, u"nope"_s).error().kind, ErrorKind::NotFound);
    }

    void resetForgetsEverything_data()
    {
        QTest::addColumn<bool>("keepDrafts");
        QTest::newRow("discard drafts") << false;
        QTest::newRow("keep drafts") << true;
    }

    void resetForgetsEverything()
    {
        QFETCH(bool, keepDrafts);
        CacheFixture cache;
        CacheStore store(cache.database);
        ChangeBatch batch = devicesBatch({device(u"d1"_s)}, 3);
        batch.groups = {group(u"g"_s, u"g"_s)};
        QVERIFY(store.apply(batch).ok());
        QSqlQuery query(cache.database.connection());
        QVERIFY(
            query.exec(u"INSERT INTO outbox (kind, operation, object_id, base_revision, payload, created_at) "
                       u"VALUES ('group', 'create', 'g2', 0, '{}', 0)"_s));
        QVERIFY(store.reset(keepDrafts ? CacheStore::Drafts::Keep : CacheStore::Drafts::Discard).ok());
        QCOMPARE(store.revision(), 0);
        QVERIFY(!store.syncedAt().isValid());
        QCOMPARE(countOf(cache.database, u"devices"_s), 0);
        QCOMPARE(countOf(cache.database, u"groups"_s), 0);
        QCOMPARE(countOf(cache.database, u"outbox"_s), keepDrafts ? 1 : 0);
    }
};

QTEST_GUILESS_MAIN(TestCacheStore)
#include "tst_cache_store.moc"
