// ConsoleClient's sync against a real otterd: a full sync in pages, changes and deletions pushed through
// WatchChanges, and a server that stops and comes back (Reconnecting, then Online, syncing from the cursor).
#include "app/client/client_thread.h"

#include "client_fixture.h"
#include "client_recorder.h"

#include "otter/v1/groups.grpc.pb.h"
#include "otter/v1/identity.grpc.pb.h"

#include <QSet>
#include <QTest>

using namespace otter;
using namespace otter::client;
using namespace otter::test;

class TestConsoleSync final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void fullSyncInPages();
    void followsServerChanges();
    void reconnectsAfterServerRestart();

private:
    qint64 serverRevision() const;
    qint64 createGroup(const QString &id);
    qint64 deleteGroup(const QString &id, qint64 revision);

    OtterdHarness m_otterd;
};

void TestConsoleSync::initTestCase()
{
    // More than one page (the client asks for 500 at a time, the server may clamp lower). Provisioned
    // before otterd starts: the running server learns the revision of writes by another process only
    // when it restarts, and WhoAmI is compared with GetChanges below.
    QCOMPARE(m_otterd.provision(1100).size(), 1100);
    QVERIFY2(m_otterd.start(), qPrintable(m_otterd.error()));
}

qint64 TestConsoleSync::serverRevision() const
{
    v1::WhoAmIResponse response;
    const auto status = v1::IdentityService::NewStub(m_otterd.channel())
                            ->WhoAmI(m_otterd.as(QStringLiteral("olga")).get(), {}, &response);
    return status.ok() ? response.current_revision() : -1;
}

qint64 TestConsoleSync::createGroup(const QString &id)
{
    v1::CreateGroupRequest request;
    request.mutable_group()->set_id(id.toStdString());
    request.mutable_group()->set_name(id.toStdString());
    request.mutable_group()->set_filter(R"(region == "eu-west")");
    v1::CreateGroupResponse response;
    const auto status = v1::GroupService::NewStub(m_otterd.channel())
                            ->CreateGroup(m_otterd.as(QStringLiteral("olga")).get(), request, &response);
    return status.ok() ? response.group().revision() : -1;
}

qint64 TestConsoleSync::deleteGroup(const QString &id, qint64 revision)
{
    v1::DeleteGroupRequest request;
    request.set_group_id(id.toStdString());
    request.set_expected_revision(revision);
    v1::DeleteGroupResponse response;
    const auto status = v1::GroupService::NewStub(m_otterd.channel())
                            ->DeleteGroup(m_otterd.as(QStringLiteral("olga")).get(), request, &response);
    return status.ok() ? response.revision() : -1;
}

void TestConsoleSync::fullSyncInPages()
{
    ClientThread thread;
    ClientRecorder recorder(thread.client());
    thread.client()->connectTo(pinnedProfile(m_otterd), m_otterd.token(QStringLiteral("vera")));
    thread.client()->requestChanges(0); // queued until online
    QTRY_COMPARE_WITH_TIMEOUT(recorder.completeBatches(), 1, 60000);

    QVERIFY(recorder.batches.size() >= 2);
    QSet<QString> devices;
    for (qsizetype i = 0; i < recorder.batches.size(); ++i) {
        // Only the last page is complete.
        QCOMPARE(recorder.batches.at(i).complete, i == recorder.batches.size() - 1);
        for (const auto &device : recorder.batches.at(i).devices)
            devices.insert(device.id);
    }
    QCOMPARE(devices.size(), 1100);
    QVERIFY(devices.contains(QStringLiteral("dev-01099")));
    QCOMPARE(recorder.batches.last().currentRevision, serverRevision());
    // A manual sync does not follow: nothing more arrives on its own.
    QVERIFY(recorder.callFailures.isEmpty());
}

void TestConsoleSync::followsServerChanges()
{
    ClientThread thread;
    ClientRecorder recorder(thread.client());
    const qint64 start = serverRevision();
    thread.client()->setSyncFrom(start);
    thread.client()->connectTo(pinnedProfile(m_otterd), m_otterd.token(QStringLiteral("vera")));
    QTRY_COMPARE_WITH_TIMEOUT(recorder.completeBatches(), 1, 60000);
    QVERIFY(recorder.batches.last().devices.isEmpty()); // nothing changed since `start`

    const qint64 created = createGroup(QStringLiteral("watched"));
    QVERIFY(created > start);
    // No request from the test: WatchChanges reports the new revision and the client fetches it.
    QTRY_VERIFY_WITH_TIMEOUT(std::any_of(recorder.batches.begin(), recorder.batches.end(),
                                         [](const models::ChangeBatch &b) { return !b.groups.isEmpty(); }),
                             30000);
    const auto withGroup = std::find_if(recorder.batches.begin(), recorder.batches.end(),
                                        [](const models::ChangeBatch &b) { return !b.groups.isEmpty(); });
    QCOMPARE(withGroup->groups.first().id, QStringLiteral("watched"));
    QCOMPARE(withGroup->groups.first().filter.value_or(QString()), QStringLiteral(R"(region == "eu-west")"));
    QCOMPARE(withGroup->groups.first().revision, created);
    QCOMPARE(withGroup->groups.first().createdBy, QStringLiteral("olga"));

    const qint64 deleted = deleteGroup(QStringLiteral("watched"), created);
    QVERIFY(deleted > created);
    QTRY_VERIFY_WITH_TIMEOUT(std::any_of(recorder.batches.begin(), recorder.batches.end(),
                                         [](const models::ChangeBatch &b) { return !b.deletions.isEmpty(); }),
                             30000);
    const auto withDeletion =
        std::find_if(recorder.batches.begin(), recorder.batches.end(),
                     [](const models::ChangeBatch &b) { return !b.deletions.isEmpty(); });
    QCOMPARE(withDeletion->deletions.first().kind, models::ObjectKind::Group);
    QCOMPARE(withDeletion->deletions.first().id, QStringLiteral("watched"));
    QCOMPARE(withDeletion->deletions.first().revision, deleted);
    QVERIFY(withDeletion->groups.isEmpty()); // a deletion, never both
}

void TestConsoleSync::reconnectsAfterServerRestart()
{
    ClientThread thread;
    ClientRecorder recorder(thread.client());
    thread.client()->setBackoff(200, 1000);
    thread.client()->setSyncFrom(0);
    thread.client()->connectTo(pinnedProfile(m_otterd), m_otterd.token(QStringLiteral("vera")));
    QTRY_COMPARE_WITH_TIMEOUT(recorder.completeBatches(), 1, 60000);
    const qsizetype batchesBefore = recorder.batches.size();
    const qint64 cursor = recorder.batches.last().currentRevision;

    QVERIFY(m_otterd.stop());
    QTRY_VERIFY_WITH_TIMEOUT(recorder.reached(ConnectionState::Reconnecting), 30000);
    QCOMPARE(recorder.count(ConnectionState::Online), 1);

    QVERIFY2(m_otterd.restart(), qPrintable(m_otterd.error()));
    QTRY_COMPARE_WITH_TIMEOUT(recorder.count(ConnectionState::Online), 2, 60000);
    // Back online, the client syncs again from its cursor: one complete batch with nothing re-sent.
    QTRY_COMPARE_WITH_TIMEOUT(recorder.completeBatches(), 2, 60000);
    for (qsizetype i = batchesBefore; i < recorder.batches.size(); ++i)
        QVERIFY(recorder.batches.at(i).devices.isEmpty());
    QVERIFY(recorder.batches.last().currentRevision >= cursor);

    const qint64 created = createGroup(QStringLiteral("after-restart"));
    QVERIFY(created > cursor);
    QTRY_VERIFY_WITH_TIMEOUT(std::any_of(recorder.batches.begin() + batchesBefore, recorder.batches.end(),
                                         [](const models::ChangeBatch &b) {
                                             return !b.groups.isEmpty() &&
                                                    b.groups.first().id == QStringLiteral("after-restart");
                                         }),
                             30000);
}

QTEST_GUILESS_MAIN(TestConsoleSync)
#include "tst_console_sync.moc"
