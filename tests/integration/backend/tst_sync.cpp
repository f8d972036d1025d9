// SyncService against a real otterd: full and incremental sync applied to a client-side cache the way the
// console applies it, deletions, paging with a write between pages, refusals, and the WatchChanges stream
// (a new revision after a write, heartbeats, and a clean end on cancel and on server shutdown).
#include "core/signing.h"
#include "otter/v1/errors.pb.h"
#include "otter/v1/groups.grpc.pb.h"
#include "otter/v1/identity.grpc.pb.h"
#include "otter/v1/keys.grpc.pb.h"
#include "otter/v1/sync.grpc.pb.h"
#include "otter/v1/windows.grpc.pb.h"
#include "otterd_harness.h"
#include "release_fixtures.h"

#include <QSet>
#include <QTest>

#include <google/protobuf/util/message_differencer.h>

#include <deque>
#include <functional>

using namespace otter;
using google::protobuf::util::MessageDifferencer;
using otter::test::errorDetail;
using otter::test::OtterdHarness;

namespace {

QString keyOf(v1::ObjectKind kind, const std::string &id)
{
    return QStringLiteral("%1/%2").arg(int(kind)).arg(QString::fromStdString(id));
}

// The console's cache, reduced to what sync must keep right: every object's revision, the audit entries.
struct Cache
{
    QMap<QString, qint64> objects;
    QMap<qint64, std::string> audit; // seq → hash
    qint64 cursor = 0;
    bool operator==(const Cache &) const = default;
};

// What one sync (all its pages) delivered.
struct SyncRun
{
    grpc::Status status;
    int pages = 0;
    QStringList duplicates; // (kind, id) delivered twice within the sync
    QStringList outOfWindow;
    QSet<QString> upserts;
    QSet<QString> deletions;
    QList<qint64> auditSeqs;
    QMap<QString, const google::protobuf::Message *> messages;
    std::deque<v1::GetChangesResponse> responses; // stable addresses: `messages` points into them
};

} // namespace

class TestSync : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(m_otterd.start(), qPrintable(m_otterd.error()));
        m_sync = v1::SyncService::NewStub(m_otterd.channel());
        QCOMPARE(m_otterd.provision(30).size(), 30);
    }

    void fullSyncFromRevisionZero_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::newRow("devices") << QStringLiteral("devices");
        QTest::newRow("trusted keys") << QStringLiteral("trusted keys");
        QTest::newRow("groups") << QStringLiteral("groups");
        QTest::newRow("maintenance windows") << QStringLiteral("maintenance windows");
    }

    void fullSyncFromRevisionZero()
    {
        QFETCH(QString, kind);
        // What the API returned when the objects were created: sync must hand back exactly these.
        QMap<QString, std::shared_ptr<google::protobuf::Message>> created;
        if (kind == QLatin1StringView("devices")) {
            // Provisioned in initTestCase, by another process.
        } else if (kind == QLatin1StringView("trusted keys")) {
            auto stub = v1::TrustedKeyService::NewStub(m_otterd.channel());
            for (int i = 0; i < 2; ++i) {
                auto key = PrivateKey::generate();
                QVERIFY(key.ok());
                v1::AddTrustedKeyRequest request;
                request.set_public_key_pem(key->publicKey().toPem().toStdString());
                request.set_name(QStringLiteral("sync-key-%1").arg(i).toStdString());
                v1::AddTrustedKeyResponse response;
                const grpc::Status status =
                    stub->AddTrustedKey(m_otterd.as(QStringLiteral("ada")).get(), request, &response);
                if (status.error_code() == grpc::StatusCode::UNIMPLEMENTED)
                    QSKIP("TrustedKeyService is not implemented in this otterd yet");
                QVERIFY2(status.ok(), status.error_message().c_str());
                created.insert(keyOf(v1::OBJECT_KIND_TRUSTED_KEY, response.key().id()),
                               std::make_shared<v1::TrustedKey>(response.key()));
            }
        } else if (kind == QLatin1StringView("groups")) {
            for (const char *id : {"sync-static", "sync-dynamic"}) {
                v1::Group group;
                group.set_id(id);
                group.set_name(std::string("Sync ") + id);
                if (std::string(id) == "sync-static")
                    group.mutable_members()->add_device_ids("dev-00001");
                else
                    group.set_filter("label.ring == \"canary\"");
                auto stored = createGroup(group);
                if (!stored && !m_skip.isEmpty())
                    QSKIP(qPrintable(m_skip));
                QVERIFY(stored);
                created.insert(keyOf(v1::OBJECT_KIND_GROUP, stored->id()), stored);
            }
        } else {
            auto stored = createWindow("sync-nights");
            if (!stored && !m_skip.isEmpty())
                QSKIP(qPrintable(m_skip));
            QVERIFY(stored);
            created.insert(keyOf(v1::OBJECT_KIND_MAINTENANCE_WINDOW, stored->id()), stored);
        }

        Cache cache;
        const SyncRun run = sync(cache, 1000);
        QVERIFY2(run.status.ok(), run.status.error_message().c_str());
        QVERIFY2(run.duplicates.isEmpty(), qPrintable(run.duplicates.join(u',')));
        QVERIFY2(run.outOfWindow.isEmpty(), qPrintable(run.outOfWindow.join(u',')));
        if (kind == QLatin1StringView("devices")) {
            for (int i = 0; i < 30; ++i)
                QVERIFY(cache.objects.contains(
                    keyOf(v1::OBJECT_KIND_DEVICE,
                          QStringLiteral("dev-%1").arg(i, 5, 10, QLatin1Char('0')).toStdString())));
            const auto *device = static_cast<const v1::Device *>(
                run.messages.value(keyOf(v1::OBJECT_KIND_DEVICE, "dev-00004")));
            QVERIFY(device);
            QCOMPARE(device->hardware_class(), std::string("gw-200"));
            QCOMPARE(device->labels().at("ring"), std::string("canary"));
            QVERIFY(device->revision() > 0 && device->revision() <= cache.cursor);
        }
        for (auto it = created.begin(); it != created.end(); ++it) {
            const google::protobuf::Message *synced = run.messages.value(it.key());
            QVERIFY2(synced, qPrintable(it.key()));
            QVERIFY2(MessageDifferencer::Equals(*synced, *it.value()), synced->ShortDebugString().c_str());
        }
        // Every audit entry, gap-free from 1.
        QVERIFY(!cache.audit.isEmpty());
        QCOMPARE(cache.audit.firstKey(), qint64(1));
        QCOMPARE(cache.audit.lastKey(), qint64(cache.audit.size()));
    }

    void onlyChangesAfterTheCursorComeBack()
    {
        Cache cache;
        QVERIFY(sync(cache, 1000).status.ok());
        const qint64 cursor = cache.cursor;
        const qint64 lastSeq = cache.audit.lastKey();

        m_otterd.provision(1, QStringLiteral("gw-200"), QStringLiteral("eu-west"),
                           QStringLiteral("ring=beta"), 3);
        m_otterd.provision(1, QStringLiteral("gw-300"), QStringLiteral("eu-north"), QString(), 7);

        const SyncRun run = sync(cache, 1000);
        QVERIFY2(run.status.ok(), run.status.error_message().c_str());
        QCOMPARE(run.upserts, (QSet<QString>{keyOf(v1::OBJECT_KIND_DEVICE, "dev-00003"),
                                             keyOf(v1::OBJECT_KIND_DEVICE, "dev-00007")}));
        QVERIFY(run.deletions.isEmpty());
        QCOMPARE(run.auditSeqs, (QList<qint64>{lastSeq + 1, lastSeq + 2})); // the two provisionings
        QVERIFY(cache.cursor > cursor);
        const auto *beta =
            static_cast<const v1::Device *>(run.messages.value(keyOf(v1::OBJECT_KIND_DEVICE, "dev-00003")));
        QCOMPARE(beta->labels().at("ring"), std::string("beta"));
        const auto *moved =
            static_cast<const v1::Device *>(run.messages.value(keyOf(v1::OBJECT_KIND_DEVICE, "dev-00007")));
        QCOMPARE(moved->hardware_class(), std::string("gw-300"));
        QCOMPARE(moved->region(), std::string("eu-north"));

        // Nothing changed since: an empty answer at the same revision.
        const qint64 settled = cache.cursor;
        const SyncRun quiet = sync(cache, 1000);
        QVERIFY(quiet.upserts.isEmpty() && quiet.deletions.isEmpty() && quiet.auditSeqs.isEmpty());
        QCOMPARE(cache.cursor, settled);
    }

    void deletionsAreTombstones_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::newRow("group") << QStringLiteral("group");
        QTest::newRow("maintenance window") << QStringLiteral("maintenance window");
    }

    void deletionsAreTombstones()
    {
        QFETCH(QString, kind);
        const bool group = kind == QLatin1StringView("group");
        const v1::ObjectKind objectKind = group ? v1::OBJECT_KIND_GROUP : v1::OBJECT_KIND_MAINTENANCE_WINDOW;
        const std::string gone = group ? "doomed-group" : "doomed-window";
        const std::string back = group ? "phoenix-group" : "phoenix-window";

        auto create = [&](const std::string &id) -> std::shared_ptr<google::protobuf::Message> {
            if (group) {
                v1::Group g;
                g.set_id(id);
                g.set_name(id);
                g.set_filter("class == \"gw-200\"");
                return createGroup(g);
            }
            return createWindow(id);
        };
        auto remove = [&](const std::string &id, qint64 revision) -> qint64 {
            if (group) {
                v1::DeleteGroupRequest request;
                request.set_group_id(id);
                request.set_expected_revision(revision);
                v1::DeleteGroupResponse response;
                const grpc::Status status =
                    v1::GroupService::NewStub(m_otterd.channel())
                        ->DeleteGroup(m_otterd.as(QStringLiteral("olga")).get(), request, &response);
                return status.ok() ? response.revision() : -1;
            }
            v1::DeleteMaintenanceWindowRequest request;
            request.set_window_id(id);
            request.set_expected_revision(revision);
            v1::DeleteMaintenanceWindowResponse response;
            const grpc::Status status =
                v1::MaintenanceWindowService::NewStub(m_otterd.channel())
                    ->DeleteMaintenanceWindow(m_otterd.as(QStringLiteral("olga")).get(), request, &response);
            return status.ok() ? response.revision() : -1;
        };
        auto revisionOf = [&](const google::protobuf::Message &message) {
            return group ? static_cast<const v1::Group &>(message).revision()
                         : static_cast<const v1::MaintenanceWindow &>(message).revision();
        };

        auto doomed = create(gone);
        if (!doomed && !m_skip.isEmpty())
            QSKIP(qPrintable(m_skip));
        QVERIFY(doomed);
        auto phoenix = create(back);
        QVERIFY(phoenix);
        Cache cache;
        QVERIFY(sync(cache, 1000).status.ok());
        QVERIFY(cache.objects.contains(keyOf(objectKind, gone)));

        const qint64 deletedAt = remove(gone, revisionOf(*doomed));
        QVERIFY(deletedAt > cache.cursor);
        // Deleted and created again with the same id before the client syncs: only the new object comes.
        QVERIFY(remove(back, revisionOf(*phoenix)) > 0);
        auto reborn = create(back);
        QVERIFY(reborn);

        const SyncRun run = sync(cache, 1000);
        QVERIFY2(run.status.ok(), run.status.error_message().c_str());
        QCOMPARE(run.deletions, QSet<QString>{keyOf(objectKind, gone)});
        QCOMPARE(run.upserts, QSet<QString>{keyOf(objectKind, back)});
        QVERIFY(!cache.objects.contains(keyOf(objectKind, gone)));
        QCOMPARE(cache.objects.value(keyOf(objectKind, back)), revisionOf(*reborn));
        bool found = false;
        for (const v1::GetChangesResponse &page : run.responses) {
            for (const v1::Deletion &deletion : page.deletions()) {
                if (deletion.id() == gone) {
                    QCOMPARE(deletion.kind(), objectKind);
                    QCOMPARE(deletion.revision(), deletedAt);
                    found = true;
                }
            }
        }
        QVERIFY(found);
    }

    void pagingWithAWriteBetweenPagesStaysConsistent()
    {
        Cache cache;
        QList<qint64> pageRevisions;
        const SyncRun run = sync(cache, 7, [&](int page) {
            if (page == 1) {
                // One device already delivered on the first page, one not yet.
                m_otterd.provision(1, QStringLiteral("gw-200"), QStringLiteral("eu-west"),
                                   QStringLiteral("ring=late"), 1);
                m_otterd.provision(1, QStringLiteral("gw-200"), QStringLiteral("eu-west"),
                                   QStringLiteral("ring=late"), 25);
            }
        });
        QVERIFY2(run.status.ok(), run.status.error_message().c_str());
        QVERIFY(run.pages > 4);
        QVERIFY2(run.duplicates.isEmpty(), qPrintable(run.duplicates.join(u',')));
        QVERIFY2(run.outOfWindow.isEmpty(), qPrintable(run.outOfWindow.join(u',')));
        for (const v1::GetChangesResponse &page : run.responses) {
            QCOMPARE(page.current_revision(), cache.cursor); // every page read at the first page's revision
            QVERIFY(page.devices_size() + page.groups_size() + page.maintenance_windows_size() +
                        page.releases_size() + page.trusted_keys_size() + page.audit_entries_size() +
                        page.deletions_size() <=
                    7);
        }
        // The writes between pages come with the next sync, and then the cache is exactly what a fresh
        // full sync gives: nothing was skipped, nothing is stale.
        const SyncRun next = sync(cache, 7);
        QVERIFY(next.status.ok());
        QVERIFY(next.upserts.contains(keyOf(v1::OBJECT_KIND_DEVICE, "dev-00001")));
        QVERIFY(next.upserts.contains(keyOf(v1::OBJECT_KIND_DEVICE, "dev-00025")));
        Cache fresh;
        QVERIFY(sync(fresh, 1000).status.ok());
        QCOMPARE(cache.objects, fresh.objects);
        QCOMPARE(cache.audit, fresh.audit);
        QCOMPARE(cache.cursor, fresh.cursor);
    }

    void refusals()
    {
        auto call = [&](const v1::GetChangesRequest &request, std::unique_ptr<grpc::ClientContext> context,
                        v1::GetChangesResponse *response = nullptr) {
            v1::GetChangesResponse ignored;
            grpc::Status status = m_sync->GetChanges(context.get(), request, response ? response : &ignored);
            m_lastDetail = errorDetail(*context);
            return status;
        };
        v1::GetChangesRequest negative;
        negative.set_since_revision(-1);
        QCOMPARE(call(negative, m_otterd.as(QStringLiteral("vera"))).error_code(),
                 grpc::StatusCode::INVALID_ARGUMENT);

        v1::GetChangesRequest future;
        future.set_since_revision(1 << 30);
        const grpc::Status resync = call(future, m_otterd.as(QStringLiteral("vera")));
        QCOMPARE(resync.error_code(), grpc::StatusCode::OUT_OF_RANGE);
        QVERIFY2(resync.error_message().find("sync again from revision 0") != std::string::npos,
                 resync.error_message().c_str());
        QVERIFY(m_lastDetail);
        QCOMPARE(m_lastDetail->reason(), v1::ERROR_REASON_RESYNC_REQUIRED);

        v1::GetChangesRequest first;
        first.set_page_size(3);
        v1::GetChangesResponse page;
        QVERIFY(call(first, m_otterd.as(QStringLiteral("vera")), &page).ok());
        QVERIFY(!page.next_page_token().empty());
        v1::GetChangesRequest otherSince = first;
        otherSince.set_since_revision(1);
        otherSince.set_page_token(page.next_page_token());
        QCOMPARE(call(otherSince, m_otterd.as(QStringLiteral("vera"))).error_code(),
                 grpc::StatusCode::INVALID_ARGUMENT);
        v1::GetChangesRequest garbage = first;
        garbage.set_page_token("AAAA");
        QCOMPARE(call(garbage, m_otterd.as(QStringLiteral("vera"))).error_code(),
                 grpc::StatusCode::INVALID_ARGUMENT);

        QCOMPARE(call(first, m_otterd.anonymous()).error_code(), grpc::StatusCode::UNAUTHENTICATED);
        auto context = m_otterd.anonymous();
        auto reader = m_sync->WatchChanges(context.get(), {});
        v1::WatchChangesResponse message;
        QVERIFY(!reader->Read(&message));
        QCOMPARE(reader->Finish().error_code(), grpc::StatusCode::UNAUTHENTICATED);
    }

    void watchDeliversANewRevision()
    {
        auto context = m_otterd.as(QStringLiteral("vera"), 60000);
        auto reader = m_sync->WatchChanges(context.get(), {});
        v1::WatchChangesResponse message;
        QVERIFY(reader->Read(&message)); // at once
        const qint64 start = message.current_revision();
        QVERIFY(start > 0);
        QVERIFY(message.server_time().seconds() > 1700000000);

        refuseOnce(); // a write inside the server: its audit entry takes a new revision
        qint64 seen = start;
        while (seen <= start && reader->Read(&message))
            seen = message.current_revision();
        QVERIFY2(seen > start, "no new revision before the deadline");

        // A burst is coalesced, but the last revision always arrives, in order.
        for (int i = 0; i < 20; ++i)
            refuseOnce();
        const qint64 target = currentRevision();
        while (seen < target && reader->Read(&message)) {
            QVERIFY(message.current_revision() >= seen);
            seen = message.current_revision();
        }
        QCOMPARE(seen, target);
        context->TryCancel();
        while (reader->Read(&message)) {
        }
        QCOMPARE(reader->Finish().error_code(), grpc::StatusCode::CANCELLED);
    }

    void watchSendsHeartbeats()
    {
        // Nothing changes meanwhile: the next message repeats the revision (sync.proto: at least every 30 s).
        auto context = m_otterd.as(QStringLiteral("vera"), 35000);
        auto reader = m_sync->WatchChanges(context.get(), {});
        v1::WatchChangesResponse first;
        QVERIFY(reader->Read(&first));
        v1::WatchChangesResponse heartbeat;
        QVERIFY2(reader->Read(&heartbeat), "no heartbeat within 35 s");
        QCOMPARE(heartbeat.current_revision(), first.current_revision());
        QVERIFY(heartbeat.server_time().seconds() > first.server_time().seconds());
        context->TryCancel();
        while (reader->Read(&heartbeat)) {
        }
        QCOMPARE(reader->Finish().error_code(), grpc::StatusCode::CANCELLED);
    }

    void watchEndsWhenTheClientCancels()
    {
        std::vector<std::unique_ptr<grpc::ClientContext>> contexts;
        std::vector<std::unique_ptr<grpc::ClientReader<v1::WatchChangesResponse>>> readers;
        for (int i = 0; i < 8; ++i) {
            contexts.push_back(m_otterd.as(QStringLiteral("vera")));
            readers.push_back(m_sync->WatchChanges(contexts.back().get(), {}));
            v1::WatchChangesResponse message;
            QVERIFY(readers.back()->Read(&message));
        }
        for (size_t i = 0; i < readers.size(); ++i) {
            contexts[i]->TryCancel();
            v1::WatchChangesResponse message;
            while (readers[i]->Read(&message)) {
            }
            QCOMPARE(readers[i]->Finish().error_code(), grpc::StatusCode::CANCELLED);
        }
        // The server let go of them: a write and a new stream work as before.
        refuseOnce();
        auto context = m_otterd.as(QStringLiteral("vera"));
        auto reader = m_sync->WatchChanges(context.get(), {});
        v1::WatchChangesResponse message;
        QVERIFY(reader->Read(&message));
        QCOMPARE(message.current_revision(), currentRevision());
        context->TryCancel();
        while (reader->Read(&message)) {
        }
        QCOMPARE(reader->Finish().error_code(), grpc::StatusCode::CANCELLED);
    }

    void watchEndsWhenTheServerStops()
    {
        auto context = m_otterd.as(QStringLiteral("vera"), 60000);
        auto reader = m_sync->WatchChanges(context.get(), {});
        v1::WatchChangesResponse message;
        QVERIFY(reader->Read(&message));
        QVERIFY2(m_otterd.stop(), qPrintable(m_otterd.log())); // SIGTERM, exit code 0
        while (reader->Read(&message)) {
        }
        // Ended by the server on purpose (not cut off after the grace period): the client should reconnect.
        const grpc::Status status = reader->Finish();
        QCOMPARE(status.error_code(), grpc::StatusCode::UNAVAILABLE);
        QVERIFY2(status.error_message().find("shutting down") != std::string::npos,
                 status.error_message().c_str());
    }

private:
    std::shared_ptr<v1::Group> createGroup(const v1::Group &group)
    {
        v1::CreateGroupRequest request;
        *request.mutable_group() = group;
        v1::CreateGroupResponse response;
        const grpc::Status status =
            v1::GroupService::NewStub(m_otterd.channel())
                ->CreateGroup(m_otterd.as(QStringLiteral("olga")).get(), request, &response);
        if (status.error_code() == grpc::StatusCode::UNIMPLEMENTED) {
            m_skip = QStringLiteral("GroupService is not implemented in this otterd yet");
            return nullptr;
        }
        if (!status.ok()) {
            qWarning("CreateGroup: %s", status.error_message().c_str());
            return nullptr;
        }
        return std::make_shared<v1::Group>(response.group());
    }

    std::shared_ptr<v1::MaintenanceWindow> createWindow(const std::string &id)
    {
        v1::CreateMaintenanceWindowRequest request;
        v1::MaintenanceWindow *window = request.mutable_window();
        window->set_id(id);
        window->set_name("Nights " + id);
        window->set_time_zone("Europe/Berlin");
        window->mutable_weekly()->add_weekdays(v1::WEEKDAY_MONDAY);
        window->mutable_weekly()->mutable_start()->set_hour(2);
        window->mutable_duration()->set_seconds(7200);
        v1::CreateMaintenanceWindowResponse response;
        const grpc::Status status =
            v1::MaintenanceWindowService::NewStub(m_otterd.channel())
                ->CreateMaintenanceWindow(m_otterd.as(QStringLiteral("olga")).get(), request, &response);
        if (status.error_code() == grpc::StatusCode::UNIMPLEMENTED) {
            m_skip = QStringLiteral("MaintenanceWindowService is not implemented in this otterd yet");
            return nullptr;
        }
        if (!status.ok()) {
            qWarning("CreateMaintenanceWindow: %s", status.error_message().c_str());
            return nullptr;
        }
        return std::make_shared<v1::MaintenanceWindow>(response.window());
    }

    void refuseOnce()
    {
        auto identity = v1::IdentityService::NewStub(m_otterd.channel());
        auto context = m_otterd.anonymous();
        context->AddMetadata("authorization", "Bearer otk_wrong");
        v1::WhoAmIResponse response;
        QCOMPARE(identity->WhoAmI(context.get(), {}, &response).error_code(),
                 grpc::StatusCode::UNAUTHENTICATED);
    }

    qint64 currentRevision()
    {
        v1::GetChangesRequest request;
        request.set_since_revision(0);
        request.set_page_size(1);
        v1::GetChangesResponse response;
        const grpc::Status status =
            m_sync->GetChanges(m_otterd.as(QStringLiteral("vera")).get(), request, &response);
        return status.ok() ? response.current_revision() : -1;
    }

    // Pages from cache.cursor to the end, applying each page as sync.proto describes.
    SyncRun sync(Cache &cache, int pageSize, const std::function<void(int page)> &betweenPages = {})
    {
        SyncRun run;
        QSet<QString> delivered;
        std::string token;
        const qint64 since = cache.cursor;
        qint64 upto = -1;
        do {
            v1::GetChangesRequest request;
            request.set_since_revision(since);
            request.set_page_size(quint32(pageSize));
            request.set_page_token(token);
            v1::GetChangesResponse &response = run.responses.emplace_back();
            run.status = m_sync->GetChanges(m_otterd.as(QStringLiteral("vera")).get(), request, &response);
            if (!run.status.ok())
                return run;
            ++run.pages;
            if (upto < 0)
                upto = response.current_revision();
            auto upsert = [&](v1::ObjectKind kind, const auto &object) {
                const QString key = keyOf(kind, object.id());
                if (delivered.contains(key))
                    run.duplicates << key;
                delivered.insert(key);
                if (object.revision() <= since || object.revision() > upto)
                    run.outOfWindow << key;
                cache.objects.insert(key, object.revision());
                run.upserts.insert(key);
                run.messages.insert(key, &object);
            };
            for (const auto &device : response.devices())
                upsert(v1::OBJECT_KIND_DEVICE, device);
            for (const auto &group : response.groups())
                upsert(v1::OBJECT_KIND_GROUP, group);
            for (const auto &window : response.maintenance_windows())
                upsert(v1::OBJECT_KIND_MAINTENANCE_WINDOW, window);
            for (const auto &release : response.releases())
                upsert(v1::OBJECT_KIND_RELEASE, release);
            for (const auto &key : response.trusted_keys())
                upsert(v1::OBJECT_KIND_TRUSTED_KEY, key);
            for (const auto &deletion : response.deletions()) {
                const QString key = keyOf(deletion.kind(), deletion.id());
                if (delivered.contains(key))
                    run.duplicates << key;
                delivered.insert(key);
                cache.objects.remove(key);
                run.deletions.insert(key);
            }
            for (const auto &entry : response.audit_entries()) {
                if (cache.audit.contains(entry.seq()) && run.auditSeqs.contains(entry.seq()))
                    run.duplicates << QStringLiteral("audit/%1").arg(entry.seq());
                cache.audit.insert(entry.seq(), entry.hash());
                run.auditSeqs << entry.seq();
            }
            token = response.next_page_token();
            if (token.empty())
                cache.cursor = response.current_revision();
            else if (betweenPages)
                betweenPages(run.pages);
        } while (!token.empty());
        return run;
    }

    OtterdHarness m_otterd;
    std::unique_ptr<v1::SyncService::Stub> m_sync;
    std::optional<v1::ErrorDetail> m_lastDetail; // of the last refused call
    QString m_skip;
};

QTEST_GUILESS_MAIN(TestSync)
#include "tst_sync.moc"
