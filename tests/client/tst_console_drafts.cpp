// Outbox replay through ConsoleClient against a real otterd: a create accepted (and its replay too), a
// stale update answered with the server's version, an invalid filter refused in the server's words, a
// delete; plus the live filter preview and a device's deployment history.
#include "app/client/client_thread.h"

#include "client_fixture.h"
#include "client_recorder.h"

#include "models/records_json.h"

#include "otter/v1/groups.grpc.pb.h"

#include <QJsonDocument>
#include <QTest>

using namespace otter;
using namespace otter::client;
using namespace otter::test;

namespace {

models::OutboxEntry groupEntry(qint64 id, const QString &operation, const models::GroupRecord &group,
                               qint64 baseRevision)
{
    models::OutboxEntry entry;
    entry.id = id;
    entry.kind = QStringLiteral("group");
    entry.operation = operation;
    entry.objectId = group.id;
    entry.baseRevision = baseRevision;
    entry.payloadJson = QJsonDocument(models::toJson(group)).toJson(QJsonDocument::Compact);
    entry.state = QStringLiteral("queued");
    return entry;
}

models::GroupRecord group(const QString &id, const QString &name, const QString &filter)
{
    models::GroupRecord record;
    record.id = id;
    record.name = name;
    record.filter = filter;
    return record;
}

} // namespace

class TestConsoleDrafts final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void createUpdateConflictDelete();
    void invalidFilterIsRejected();
    void offlineDraftIsDeferred();
    void filterPreview();
    void deviceHistory();

private:
    OtterdHarness m_otterd;
    std::unique_ptr<ClientThread> m_thread;
    std::unique_ptr<ClientRecorder> m_recorder;
};

void TestConsoleDrafts::initTestCase()
{
    QVERIFY2(m_otterd.start(), qPrintable(m_otterd.error()));
    QCOMPARE(m_otterd.provision(3, QStringLiteral("gw-200"), QStringLiteral("eu-west")).size(), 3);
    QCOMPARE(
        m_otterd
            .provision(2, QStringLiteral("gw-300"), QStringLiteral("us-east"), QStringLiteral("ring=main"), 3)
            .size(),
        2);
}

void TestConsoleDrafts::init()
{
    m_thread = std::make_unique<ClientThread>();
    m_recorder = std::make_unique<ClientRecorder>(m_thread->client());
    m_thread->client()->connectTo(pinnedProfile(m_otterd), m_otterd.token(QStringLiteral("olga")));
    QTRY_VERIFY_WITH_TIMEOUT(m_recorder->reached(ConnectionState::Online), 30000);
}

void TestConsoleDrafts::cleanup()
{
    m_recorder.reset();
    m_thread.reset();
}

void TestConsoleDrafts::createUpdateConflictDelete()
{
    auto client = m_thread->client();
    const auto draft = group(QStringLiteral("eu-canary"), QStringLiteral("EU canary"),
                             QStringLiteral(R"(region == "eu-west")"));
    client->sendDraft(groupEntry(1, QStringLiteral("create"), draft, 0));
    QTRY_COMPARE_WITH_TIMEOUT(m_recorder->accepted.size(), 1, 30000);
    QCOMPARE(m_recorder->accepted.first().first, qint64(1));
    const qint64 created = m_recorder->accepted.first().second;
    QVERIFY(created > 0);

    // The same create replayed (its answer lost on a dropped connection) is recognised as done.
    client->sendDraft(groupEntry(2, QStringLiteral("create"), draft, 0));
    QTRY_COMPARE_WITH_TIMEOUT(m_recorder->accepted.size(), 2, 30000);
    QCOMPARE(m_recorder->accepted.at(1), std::make_pair(qint64(2), created));

    // Someone else edits the group on the server.
    v1::UpdateGroupRequest theirs;
    theirs.mutable_group()->set_id("eu-canary");
    theirs.mutable_group()->set_name("EU canary (oscar)");
    theirs.mutable_group()->set_filter(R"(region == "eu-west" and label.ring == "canary")");
    theirs.set_expected_revision(created);
    v1::UpdateGroupResponse stored;
    QVERIFY(v1::GroupService::NewStub(m_otterd.channel())
                ->UpdateGroup(m_otterd.as(QStringLiteral("oscar")).get(), theirs, &stored)
                .ok());

    // Our offline edit was made against the old revision: a conflict carrying the server's version.
    auto mine = draft;
    mine.name = QStringLiteral("EU canary (olga)");
    client->sendDraft(groupEntry(3, QStringLiteral("update"), mine, created));
    QTRY_COMPARE_WITH_TIMEOUT(m_recorder->conflicts.size(), 1, 30000);
    const Conflict conflict = m_recorder->conflicts.first();
    QCOMPARE(conflict.outboxId, qint64(3));
    const auto server = models::groupFromJson(QJsonDocument::fromJson(conflict.serverPayloadJson).object());
    QVERIFY2(server, conflict.serverPayloadJson.constData());
    QCOMPARE(server->name, QStringLiteral("EU canary (oscar)"));
    QCOMPARE(server->revision, stored.group().revision());
    QCOMPARE(server->updatedBy, QStringLiteral("oscar"));
    QVERIFY2(conflict.message.contains(QString::number(created)) &&
                 conflict.message.contains(QString::number(stored.group().revision())),
             qPrintable(conflict.message));
    QVERIFY(m_recorder->rejected.isEmpty());

    // The operator takes the server's version as the base and sends again: accepted.
    client->sendDraft(groupEntry(4, QStringLiteral("update"), mine, stored.group().revision()));
    QTRY_COMPARE_WITH_TIMEOUT(m_recorder->accepted.size(), 3, 30000);
    const qint64 updated = m_recorder->accepted.last().second;
    QVERIFY(updated > stored.group().revision());

    client->sendDraft(groupEntry(5, QStringLiteral("delete"), mine, updated));
    QTRY_COMPARE_WITH_TIMEOUT(m_recorder->accepted.size(), 4, 30000);
    QCOMPARE(m_recorder->accepted.last().first, qint64(5));
    QVERIFY(m_recorder->accepted.last().second > updated);
}

void TestConsoleDrafts::invalidFilterIsRejected()
{
    m_thread->client()->sendDraft(groupEntry(
        10, QStringLiteral("create"),
        group(QStringLiteral("broken"), QStringLiteral("Broken"), QStringLiteral("region ==")), 0));
    QTRY_COMPARE_WITH_TIMEOUT(m_recorder->rejected.size(), 1, 30000);
    QCOMPARE(m_recorder->rejected.first().first, qint64(10));
    const QString message = m_recorder->rejected.first().second;
    // The server's own sentence, naming the column of the error.
    QVERIFY2(message.contains(QStringLiteral("column")), qPrintable(message));
    QVERIFY(m_recorder->accepted.isEmpty());
    QVERIFY(m_recorder->conflicts.isEmpty());
}

void TestConsoleDrafts::offlineDraftIsDeferred()
{
    m_thread->client()->disconnectFromServer();
    m_thread->client()->sendDraft(groupEntry(
        20, QStringLiteral("create"),
        group(QStringLiteral("later"), QStringLiteral("Later"), QStringLiteral(R"(region == "x")")), 0));
    QTRY_COMPARE_WITH_TIMEOUT(m_recorder->deferred.size(), 1, 30000);
    QCOMPARE(m_recorder->deferred.first().first, qint64(20));
    QVERIFY(m_recorder->accepted.isEmpty() && m_recorder->rejected.isEmpty());
}

void TestConsoleDrafts::filterPreview()
{
    auto client = m_thread->client();
    client->previewGroupFilter(QStringLiteral(R"(region == "eu-west")"), 7);
    client->previewGroupFilter(QStringLiteral(R"(class == "gw-300")"), 8);
    client->previewGroupFilter(QStringLiteral("region =="), 9);
    QTRY_COMPARE_WITH_TIMEOUT(m_recorder->previews.size(), 3, 30000);
    std::sort(m_recorder->previews.begin(), m_recorder->previews.end());
    QCOMPARE(m_recorder->previews.at(0), std::make_tuple(quint64(7), qint64(3), QString()));
    QCOMPARE(m_recorder->previews.at(1), std::make_tuple(quint64(8), qint64(2), QString()));
    QCOMPARE(std::get<1>(m_recorder->previews.at(2)), qint64(-1));
    QVERIFY(std::get<2>(m_recorder->previews.at(2)).contains(QStringLiteral("column")));
}

void TestConsoleDrafts::deviceHistory()
{
    m_thread->client()->deviceHistory(QStringLiteral("dev-00000"), 3);
    m_thread->client()->deviceHistory(QStringLiteral("no-such-device"), 4);
    QTRY_COMPARE_WITH_TIMEOUT(m_recorder->histories.size(), 1, 30000);
    QTRY_COMPARE_WITH_TIMEOUT(m_recorder->callFailures.size(), 1, 30000);
    QCOMPARE(m_recorder->histories.first().first, quint64(3));
    QVERIFY(m_recorder->histories.first().second.isEmpty()); // provisioned, never in a rollout
    QCOMPARE(m_recorder->callFailures.first().first, QStringLiteral("device history"));
}

QTEST_GUILESS_MAIN(TestConsoleDrafts)
#include "tst_console_drafts.moc"
