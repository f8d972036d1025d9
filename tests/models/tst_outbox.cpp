// Outbox: drafts queued, replaced, replayed in order, conflicts kept with both versions, across reopen.
#include "cache_fixture.h"

#include "models/outbox.h"
#include "models/records_json.h"

#include <QJsonDocument>
#include <QSignalSpy>

using namespace otter;
using namespace otter::models;
using namespace otter::models::test;

namespace {

QByteArray groupJson(const QString &id, const QString &name, qint64 revision = 0)
{
    return QJsonDocument(toJson(group(id, name, revision))).toJson(QJsonDocument::Compact);
}

QStringList replay(const Outbox &outbox)
{
    QStringList order;
    for (const OutboxEntry &entry : outbox.queued())
        order.append(entry.kind + u':' + entry.operation + u':' + entry.objectId);
    return order;
}

} // namespace

class TestOutbox : public QObject
{
    Q_OBJECT

private slots:
    void replayOrderAndReplacement()
    {
        CacheFixture cache;
        Outbox outbox(cache.database);
        QSignalSpy changed(&outbox, &Outbox::changed);
        QVERIFY(changed.isValid());
        const auto g1 = outbox.enqueue(u"group"_s, u"create"_s, u"g1"_s, 0, groupJson(u"g1"_s, u"first"_s));
        QVERIFY(g1.ok());
        RolloutRecord rollout;
        rollout.id = u"r1"_s;
        rollout.targetGroupIds = {u"g1"_s};
        QVERIFY(outbox.enqueue(u"rollout"_s, u"create"_s, u"r1"_s, 0, QJsonDocument(toJson(rollout)).toJson())
                    .ok());
        QVERIFY(outbox.enqueue(u"group"_s, u"update"_s, u"g2"_s, 7, groupJson(u"g2"_s, u"second"_s, 7)).ok());
        // Editing the queued create of g1 replaces it in place: still a create, still first in line.
        const auto again =
            outbox.enqueue(u"group"_s, u"update"_s, u"g1"_s, 0, groupJson(u"g1"_s, u"renamed"_s));
        QVERIFY(again.ok());
        QCOMPARE(*again, *g1);
        QCOMPARE(replay(outbox),
                 (QStringList{u"group:create:g1"_s, u"rollout:create:r1"_s, u"group:update:g2"_s}));
        QCOMPARE(
            groupFromJson(QJsonDocument::fromJson(outbox.queued().constFirst().payloadJson).object())->name,
            u"renamed"_s);
        QCOMPARE(outbox.count(), 3);
        QCOMPARE(changed.count(), 4);

        // Deleting an object whose create never left drops the draft altogether.
        const auto dropped = outbox.enqueue(u"group"_s, u"delete"_s, u"g1"_s, 0, {});
        QVERIFY(dropped.ok());
        QCOMPARE(*dropped, 0);
        QCOMPARE(replay(outbox), (QStringList{u"rollout:create:r1"_s, u"group:update:g2"_s}));

        // Sent drafts leave.
        QVERIFY(outbox.markSent(outbox.queued().constFirst().id).ok());
        QCOMPARE(outbox.count(), 1);
        QCOMPARE(outbox.markSent(9999).error().kind, ErrorKind::NotFound);
    }

    void refusesBadDrafts_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("operation");
        QTest::addColumn<QString>("objectId");
        QTest::addColumn<QByteArray>("payload");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown kind")
            << u"device"_s << u"update"_s << u"d"_s << QByteArray("{}") << u"kind must be"_s;
        QTest::newRow("unknown operation")
            << u"group"_s << u"rename"_s << u"g"_s << QByteArray("{}") << u"operation must be"_s;
        QTest::newRow("no id") << u"group"_s << u"create"_s << QString() << QByteArray("{}")
                               << u"object id is empty"_s;
        QTest::newRow("not json") << u"group"_s << u"create"_s << u"g"_s << QByteArray("{nope")
                                  << u"not a JSON object"_s;
        QTest::newRow("wrong type") << u"window"_s << u"create"_s << u"w"_s
                                    << QByteArray(R"({"id":"w","durationSeconds":"long"})")
                                    << u"not a valid window"_s;
        QTest::newRow("id mismatch") << u"group"_s << u"create"_s << u"g"_s << groupJson(u"h"_s, u"x"_s)
                                     << u"differs from the object id"_s;
    }

    void refusesBadDrafts()
    {
        QFETCH(QString, kind);
        QFETCH(QString, operation);
        QFETCH(QString, objectId);
        QFETCH(QByteArray, payload);
        QFETCH(QString, expected);
        CacheFixture cache;
        Outbox outbox(cache.database);
        const auto result = outbox.enqueue(kind, operation, objectId, 0, payload);
        QVERIFY(!result.ok());
        QVERIFY2(result.errorMessage().contains(expected), qPrintable(result.errorMessage()));
        QCOMPARE(outbox.count(), 0);
    }

    void conflictKeepsBothVersions_data()
    {
        QTest::addColumn<QString>("resolution");
        QTest::newRow("keep mine") << u"keepMine"_s;
        QTest::newRow("discard") << u"discard"_s;
        QTest::newRow("edit again") << u"edit"_s;
    }

    void conflictKeepsBothVersions()
    {
        QFETCH(QString, resolution);
        CacheFixture cache;
        Outbox outbox(cache.database);
        const QByteArray mine = groupJson(u"g"_s, u"mine"_s, 3);
        const QByteArray theirs = groupJson(u"g"_s, u"theirs"_s, 5);
        const qint64 id = *outbox.enqueue(u"group"_s, u"update"_s, u"g"_s, 3, mine);
        QVERIFY(outbox.markConflict(id, theirs, u"group g changed on the server (revision 5)"_s).ok());
        QVERIFY(outbox.queued().isEmpty()); // not sent again on its own
        QCOMPARE(outbox.count(), 1);        // but still waiting for the operator
        const OutboxEntry entry = *outbox.entry(id);
        QCOMPARE(entry.state, u"conflict"_s);
        QCOMPARE(entry.payloadJson, mine);
        QCOMPARE(entry.serverPayloadJson, theirs);
        QVERIFY(entry.error.contains(u"revision 5"_s));

        if (resolution == u"keepMine") {
            QVERIFY(outbox.keepMine(id, 5).ok());
            QCOMPARE(outbox.queued().size(), 1);
            QCOMPARE(outbox.queued().constFirst().baseRevision, 5);
            QCOMPARE(outbox.queued().constFirst().payloadJson, mine);
            QVERIFY(outbox.queued().constFirst().serverPayloadJson.isEmpty());
        } else if (resolution == u"discard") {
            QVERIFY(outbox.discard(id).ok());
            QCOMPARE(outbox.count(), 0);
        } else {
            QCOMPARE(*outbox.enqueue(u"group"_s, u"update"_s, u"g"_s, 5, groupJson(u"g"_s, u"merged"_s, 5)),
                     id);
            QCOMPARE(outbox.queued().constFirst().state, u"queued"_s);
            QCOMPARE(outbox.queued().constFirst().baseRevision, 5);
        }
    }

    void rejectedWaitsForTheOperator()
    {
        CacheFixture cache;
        Outbox outbox(cache.database);
        const qint64 id = *outbox.enqueue(u"group"_s, u"create"_s, u"g"_s, 0, groupJson(u"g"_s, u"dup"_s));
        QVERIFY(outbox.markRejected(id, u"a group named dup exists"_s).ok());
        QVERIFY(outbox.queued().isEmpty());
        QCOMPARE(outbox.entries().constFirst().error, u"a group named dup exists"_s);
        QCOMPARE(outbox.count(), 1);
    }

    void survivesReopen()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"cache.db"_s);
        {
            CacheDatabase db;
            QVERIFY(db.open(path).ok());
            Outbox outbox(db);
            QVERIFY(outbox.enqueue(u"group"_s, u"create"_s, u"a"_s, 0, groupJson(u"a"_s, u"a"_s)).ok());
            QVERIFY(outbox.enqueue(u"group"_s, u"create"_s, u"b"_s, 0, groupJson(u"b"_s, u"b"_s)).ok());
            db.closeConnection();
        }
        QCOMPARE(sqlite3(path, u"SELECT object_id FROM outbox ORDER BY id"_s), u"a\nb"_s);
        CacheDatabase db;
        QVERIFY(db.open(path).ok());
        {
            Outbox outbox(db);
            QCOMPARE(replay(outbox), (QStringList{u"group:create:a"_s, u"group:create:b"_s}));
        }
        db.closeConnection();
    }
};

QTEST_GUILESS_MAIN(TestOutbox)
#include "tst_outbox.moc"
