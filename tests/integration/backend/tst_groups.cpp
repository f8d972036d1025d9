// GroupService against a real otterd: static and dynamic groups through their whole life, previews that
// agree with ListDevices, optimistic concurrency, duplicate ids and names, invalid filters, roles, and the
// tombstone and audit entries a deletion leaves (read with the stock sqlite3 tool).
#include "otter/v1/devices.grpc.pb.h"
#include "otter/v1/errors.pb.h"
#include "otter/v1/groups.grpc.pb.h"
#include "otter/v1/rollouts.pb.h"
#include "otterd_harness.h"
#include "release_fixtures.h"

#include <QDir>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

using namespace otter;
using otter::test::errorDetail;
using otter::test::OtterdHarness;

namespace {

QString q(const std::string &text)
{
    return QString::fromStdString(text);
}

QStringList ids(const google::protobuf::RepeatedPtrField<v1::Device> &devices)
{
    QStringList out;
    for (const v1::Device &device : devices)
        out << q(device.id());
    return out;
}

v1::Group dynamicGroup(const QString &id, const QString &name, const QString &filter)
{
    v1::Group group;
    group.set_id(id.toStdString());
    group.set_name(name.toStdString());
    group.set_filter(filter.toStdString());
    return group;
}

v1::Group staticGroup(const QString &id, const QString &name, const QStringList &members)
{
    v1::Group group;
    group.set_id(id.toStdString());
    group.set_name(name.toStdString());
    for (const QString &member : members)
        group.mutable_members()->add_device_ids(member.toStdString());
    return group;
}

} // namespace

class TestGroups : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(m_otterd.start(), qPrintable(m_otterd.error()));
        QCOMPARE(m_otterd
                     .provision(25, QStringLiteral("gw-200"), QStringLiteral("eu-west"),
                                QStringLiteral("ring=canary"), 0)
                     .size(),
                 25);
        QCOMPARE(m_otterd
                     .provision(15, QStringLiteral("gw-300"), QStringLiteral("us-east"),
                                QStringLiteral("ring=stable"), 25)
                     .size(),
                 15);
        m_groups = v1::GroupService::NewStub(m_otterd.channel());
        m_devices = v1::DeviceInventoryService::NewStub(m_otterd.channel());
    }

    void createAndGetDynamic()
    {
        v1::CreateGroupRequest request;
        *request.mutable_group() =
            dynamicGroup(QStringLiteral("eu-canary"), QStringLiteral("  EU canary  "),
                         QStringLiteral("region == \"eu-west\" and label.ring == \"canary\""));
        request.mutable_group()->set_revision(999);         // output-only: ignored
        request.mutable_group()->set_created_by("mallory"); // output-only: ignored
        v1::CreateGroupResponse created;
        auto context = m_otterd.as(QStringLiteral("olga"));
        const grpc::Status status = m_groups->CreateGroup(context.get(), request, &created);
        QVERIFY2(status.ok(), status.error_message().c_str());
        QCOMPARE(q(created.group().id()), QStringLiteral("eu-canary"));
        QCOMPARE(q(created.group().name()), QStringLiteral("EU canary"));
        QCOMPARE(q(created.group().created_by()), QStringLiteral("olga"));
        QCOMPARE(q(created.group().updated_by()), QStringLiteral("olga"));
        QVERIFY(created.group().created_at().seconds() > 1700000000);
        QVERIFY(created.group().revision() > 0 && created.group().revision() != 999);

        v1::GetGroupRequest get;
        get.set_group_id("eu-canary");
        v1::GetGroupResponse fetched;
        context = m_otterd.as(QStringLiteral("vera"));
        QVERIFY(m_groups->GetGroup(context.get(), get, &fetched).ok());
        QCOMPARE(fetched.group().SerializeAsString(), created.group().SerializeAsString());
    }

    void createStaticWithServerId()
    {
        v1::CreateGroupRequest request;
        *request.mutable_group() =
            staticGroup(QString(), QStringLiteral("Lab benches"),
                        {QStringLiteral("dev-00030"), QStringLiteral("dev-00002"),
                         QStringLiteral("dev-00030"), QStringLiteral("not-yet-provisioned")});
        v1::CreateGroupResponse created;
        auto context = m_otterd.as(QStringLiteral("oscar"));
        const grpc::Status status = m_groups->CreateGroup(context.get(), request, &created);
        QVERIFY2(status.ok(), status.error_message().c_str());
        // A lowercase UUID, and duplicates dropped with the first occurrence kept.
        QVERIFY(QRegularExpression(
                    QStringLiteral("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"))
                    .match(q(created.group().id()))
                    .hasMatch());
        QCOMPARE(created.group().members().device_ids_size(), 3);
        QCOMPARE(q(created.group().members().device_ids(0)), QStringLiteral("dev-00030"));
        m_staticId = q(created.group().id());

        // Members are stored as rows too, for rollouts to join against the devices.
        QCOMPARE(sqlite(QStringLiteral(
                            "SELECT group_concat(device_id, ',') FROM (SELECT device_id FROM group_members "
                            "WHERE group_id = '%1' ORDER BY device_id);")
                            .arg(m_staticId)),
                 QStringLiteral("dev-00002,dev-00030,not-yet-provisioned"));
    }

    void previewMatchesListDevices_data()
    {
        QTest::addColumn<QString>("filter");
        QTest::newRow("region and label")
            << QStringLiteral("region == \"eu-west\" and label.ring == \"canary\"");
        QTest::newRow("class") << QStringLiteral("class == \"gw-300\"");
        QTest::newRow("glob") << QStringLiteral("id ~ \"dev-0001?\" or id == \"dev-00039\"");
        QTest::newRow("nothing") << QStringLiteral("region == \"mars\"");
    }

    void previewMatchesListDevices()
    {
        QFETCH(QString, filter);
        v1::ListDevicesRequest list;
        list.set_filter(filter.toStdString());
        list.set_page_size(1000);
        v1::ListDevicesResponse listed;
        auto context = m_otterd.as(QStringLiteral("vera"));
        QVERIFY(m_devices->ListDevices(context.get(), list, &listed).ok());

        v1::PreviewGroupRequest preview;
        preview.set_filter(filter.toStdString());
        preview.set_page_size(5);
        v1::PreviewGroupResponse previewed;
        context = m_otterd.as(QStringLiteral("vera"));
        const grpc::Status status = m_groups->PreviewGroup(context.get(), preview, &previewed);
        QVERIFY2(status.ok(), status.error_message().c_str());
        QCOMPARE(previewed.matching_count(), listed.total_count());
        QCOMPARE(ids(previewed.devices()), ids(listed.devices()).mid(0, 5));
    }

    void previewSavedAndUnsaved()
    {
        // A saved dynamic group: 25 devices in eu-west with ring=canary.
        v1::PreviewGroupRequest request;
        request.set_group_id("eu-canary");
        v1::PreviewGroupResponse response;
        auto context = m_otterd.as(QStringLiteral("vera"));
        QVERIFY(m_groups->PreviewGroup(context.get(), request, &response).ok());
        QCOMPARE(response.matching_count(), quint64(25));
        QCOMPARE(response.devices_size(), 25);
        QCOMPARE(q(response.devices(0).id()), QStringLiteral("dev-00000"));

        // A saved static group: known members by id, unknown ones listed apart.
        request.set_group_id(m_staticId.toStdString());
        response.Clear();
        context = m_otterd.as(QStringLiteral("vera"));
        QVERIFY(m_groups->PreviewGroup(context.get(), request, &response).ok());
        QCOMPARE(response.matching_count(), quint64(2));
        QCOMPARE(ids(response.devices()),
                 (QStringList{QStringLiteral("dev-00002"), QStringLiteral("dev-00030")}));
        QCOMPARE(response.unknown_device_ids_size(), 1);
        QCOMPARE(q(response.unknown_device_ids(0)), QStringLiteral("not-yet-provisioned"));

        // An unsaved id list, first page only.
        request.mutable_members()->add_device_ids("dev-00011");
        request.mutable_members()->add_device_ids("dev-00010");
        request.mutable_members()->add_device_ids("ghost");
        request.mutable_members()->add_device_ids("dev-00012");
        request.set_page_size(2);
        response.Clear();
        context = m_otterd.as(QStringLiteral("vera"));
        QVERIFY(m_groups->PreviewGroup(context.get(), request, &response).ok());
        QCOMPARE(response.matching_count(), quint64(3));
        QCOMPARE(ids(response.devices()),
                 (QStringList{QStringLiteral("dev-00010"), QStringLiteral("dev-00011")}));
        QCOMPARE(response.unknown_device_ids_size(), 1);

        request.set_group_id("no-such-group");
        context = m_otterd.as(QStringLiteral("vera"));
        QCOMPARE(m_groups->PreviewGroup(context.get(), request, &response).error_code(),
                 grpc::StatusCode::NOT_FOUND);
    }

    void listIsPagedByName()
    {
        for (const QString &name :
             {QStringLiteral("Zulu"), QStringLiteral("Alpha"), QStringLiteral("Mike")}) {
            v1::CreateGroupRequest request;
            *request.mutable_group() =
                dynamicGroup(name.toLower(), name, QStringLiteral("class == \"gw-200\""));
            v1::CreateGroupResponse response;
            auto context = m_otterd.as(QStringLiteral("olga"));
            QVERIFY(m_groups->CreateGroup(context.get(), request, &response).ok());
        }
        QStringList names;
        v1::ListGroupsRequest request;
        request.set_page_size(2);
        int pages = 0;
        for (;;) {
            v1::ListGroupsResponse response;
            auto context = m_otterd.as(QStringLiteral("vera"));
            QVERIFY(m_groups->ListGroups(context.get(), request, &response).ok());
            ++pages;
            for (const auto &group : response.groups())
                names << q(group.name());
            if (response.next_page_token().empty())
                break;
            request.set_page_token(response.next_page_token());
        }
        QCOMPARE(names, (QStringList{QStringLiteral("Alpha"), QStringLiteral("EU canary"),
                                     QStringLiteral("Lab benches"), QStringLiteral("Mike"),
                                     QStringLiteral("Zulu")}));
        QCOMPARE(pages, 3);

        request.set_page_token("bogus");
        v1::ListGroupsResponse response;
        auto context = m_otterd.as(QStringLiteral("vera"));
        QCOMPARE(m_groups->ListGroups(context.get(), request, &response).error_code(),
                 grpc::StatusCode::INVALID_ARGUMENT);
    }

    void updateAndStaleRevision()
    {
        const v1::Group stored = get(QStringLiteral("eu-canary"));
        v1::UpdateGroupRequest request;
        *request.mutable_group() =
            dynamicGroup(QStringLiteral("eu-canary"), QStringLiteral("EU canary"),
                         QStringLiteral("region == \"eu-west\" and id ~ \"dev-0000*\""));
        request.mutable_group()->set_description("first ten");
        request.set_expected_revision(stored.revision());
        v1::UpdateGroupResponse updated;
        auto context = m_otterd.as(QStringLiteral("oscar"));
        grpc::Status status = m_groups->UpdateGroup(context.get(), request, &updated);
        QVERIFY2(status.ok(), status.error_message().c_str());
        QVERIFY(updated.group().revision() > stored.revision());
        QCOMPARE(q(updated.group().created_by()), QStringLiteral("olga"));
        QCOMPARE(q(updated.group().updated_by()), QStringLiteral("oscar"));
        QCOMPARE(q(updated.group().description()), QStringLiteral("first ten"));
        QCOMPARE(get(QStringLiteral("eu-canary")).SerializeAsString(), updated.group().SerializeAsString());

        // The same edit again, from the revision the client saw before: refused, with the stored group.
        request.mutable_group()->set_description("stale edit");
        context = m_otterd.as(QStringLiteral("olga"));
        status = m_groups->UpdateGroup(context.get(), request, &updated);
        QCOMPARE(status.error_code(), grpc::StatusCode::ABORTED);
        const QString message = QString::fromStdString(status.error_message());
        QVERIFY2(message.contains(QStringLiteral("revision %1").arg(stored.revision())), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("revision %1").arg(updated.group().revision())),
                 qPrintable(message));
        const auto detail = errorDetail(*context);
        QVERIFY(detail.has_value());
        QCOMPARE(detail->reason(), v1::ERROR_REASON_STALE_REVISION);
        QCOMPARE(detail->expected_revision(), stored.revision());
        QCOMPARE(detail->current().kind(), v1::OBJECT_KIND_GROUP);
        QCOMPARE(detail->current().revision(), updated.group().revision());
        QCOMPARE(q(detail->current().group().description()), QStringLiteral("first ten"));
        QCOMPARE(q(get(QStringLiteral("eu-canary")).description()), QStringLiteral("first ten"));

        // Revision 0 never matches.
        request.set_expected_revision(0);
        context = m_otterd.as(QStringLiteral("olga"));
        QCOMPARE(m_groups->UpdateGroup(context.get(), request, &updated).error_code(),
                 grpc::StatusCode::ABORTED);

        // A static group can become dynamic; its member rows go.
        const v1::Group lab = get(m_staticId);
        request.Clear();
        *request.mutable_group() =
            dynamicGroup(m_staticId, QStringLiteral("Lab benches"), QStringLiteral("class == \"gw-300\""));
        request.set_expected_revision(lab.revision());
        context = m_otterd.as(QStringLiteral("olga"));
        QVERIFY(m_groups->UpdateGroup(context.get(), request, &updated).ok());
        QCOMPARE(
            sqlite(
                QStringLiteral("SELECT COUNT(*) FROM group_members WHERE group_id = '%1';").arg(m_staticId)),
            QStringLiteral("0"));
    }

    void duplicates()
    {
        // The same id: refused with the stored group, which a replaying client recognises.
        v1::CreateGroupRequest request;
        *request.mutable_group() = dynamicGroup(QStringLiteral("eu-canary"), QStringLiteral("Another name"),
                                                QStringLiteral("class == \"gw-200\""));
        v1::CreateGroupResponse response;
        auto context = m_otterd.as(QStringLiteral("olga"));
        grpc::Status status = m_groups->CreateGroup(context.get(), request, &response);
        QCOMPARE(status.error_code(), grpc::StatusCode::ALREADY_EXISTS);
        auto detail = errorDetail(*context);
        QVERIFY(detail.has_value());
        QCOMPARE(detail->reason(), v1::ERROR_REASON_ALREADY_EXISTS);
        QCOMPARE(q(detail->current().group().name()), QStringLiteral("EU canary"));
        QCOMPARE(detail->current().revision(), get(QStringLiteral("eu-canary")).revision());

        // The same name under another id.
        *request.mutable_group() = dynamicGroup(QStringLiteral("eu-canary-2"), QStringLiteral("EU canary"),
                                                QStringLiteral("class == \"gw-200\""));
        context = m_otterd.as(QStringLiteral("olga"));
        status = m_groups->CreateGroup(context.get(), request, &response);
        QCOMPARE(status.error_code(), grpc::StatusCode::ALREADY_EXISTS);
        QVERIFY(QString::fromStdString(status.error_message()).contains(QStringLiteral("EU canary")));
        detail = errorDetail(*context);
        QVERIFY(detail.has_value());
        QCOMPARE(q(detail->current().id()), QStringLiteral("eu-canary"));

        // Renaming onto another group's name.
        const v1::Group alpha = get(QStringLiteral("alpha"));
        v1::UpdateGroupRequest update;
        *update.mutable_group() = alpha;
        update.mutable_group()->set_name("Zulu");
        update.set_expected_revision(alpha.revision());
        v1::UpdateGroupResponse updated;
        context = m_otterd.as(QStringLiteral("olga"));
        QCOMPARE(m_groups->UpdateGroup(context.get(), update, &updated).error_code(),
                 grpc::StatusCode::ALREADY_EXISTS);
    }

    void invalidGroups_data()
    {
        QTest::addColumn<QByteArray>("group");
        QTest::addColumn<QString>("message");
        QTest::addColumn<int>("filterColumn");
        const auto bytes = [](const v1::Group &group) {
            return QByteArray::fromStdString(group.SerializeAsString());
        };
        QTest::newRow("bad filter") << bytes(dynamicGroup(QStringLiteral("x1"), QStringLiteral("X1"),
                                                          QStringLiteral("class == ")))
                                    << QStringLiteral("group.filter: column 10:") << 10;
        QTest::newRow("unknown field")
            << bytes(dynamicGroup(QStringLiteral("x2"), QStringLiteral("X2"),
                                  QStringLiteral("region == \"a\" and colour == \"b\"")))
            << QStringLiteral("group.filter: column 19:") << 19;
        QTest::newRow("empty filter")
            << bytes(dynamicGroup(QStringLiteral("x3"), QStringLiteral("X3"), QStringLiteral("  ")))
            << QStringLiteral("group.filter is empty") << 0;
        QTest::newRow("no name") << bytes(dynamicGroup(QStringLiteral("x4"), QStringLiteral(" "),
                                                       QStringLiteral("busy")))
                                 << QStringLiteral("group.name is required") << 0;
        QTest::newRow("bad id") << bytes(dynamicGroup(QStringLiteral("EU_Canary"), QStringLiteral("X5"),
                                                      QStringLiteral("busy")))
                                << QStringLiteral("group.id \"EU_Canary\"") << 0;
        v1::Group none;
        none.set_name("X6");
        QTest::newRow("no membership") << bytes(none) << QStringLiteral("group has no membership") << 0;
        QTest::newRow("bad member") << bytes(staticGroup(
                                           QStringLiteral("x7"), QStringLiteral("X7"),
                                           {QStringLiteral("dev-00001"), QStringLiteral("Dev 2")}))
                                    << QStringLiteral("group.members.device_ids[1] \"Dev 2\"") << 0;
        QStringList many;
        for (int i = 0; i <= 10000; ++i)
            many << QStringLiteral("d%1").arg(i);
        QTest::newRow("too many members")
            << bytes(staticGroup(QStringLiteral("x8"), QStringLiteral("X8"), many))
            << QStringLiteral("10001 device ids; a static group holds at most 10000") << 0;
    }

    void invalidGroups()
    {
        QFETCH(QByteArray, group);
        QFETCH(QString, message);
        QFETCH(int, filterColumn);
        v1::CreateGroupRequest request;
        QVERIFY(request.mutable_group()->ParseFromArray(group.constData(), int(group.size())));
        v1::CreateGroupResponse response;
        auto context = m_otterd.as(QStringLiteral("olga"));
        const grpc::Status status = m_groups->CreateGroup(context.get(), request, &response);
        QCOMPARE(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
        QVERIFY2(QString::fromStdString(status.error_message()).contains(message),
                 status.error_message().c_str());
        if (filterColumn > 0) {
            const auto detail = errorDetail(*context);
            QVERIFY(detail.has_value());
            QCOMPARE(detail->reason(), v1::ERROR_REASON_FILTER_INVALID);
            QCOMPARE(int(detail->filter_column()), filterColumn);
        }
        // Nothing was written.
        v1::GetGroupRequest get;
        get.set_group_id(request.group().id());
        v1::GetGroupResponse fetched;
        context = m_otterd.as(QStringLiteral("vera"));
        QVERIFY(m_groups->GetGroup(context.get(), get, &fetched).error_code() != grpc::StatusCode::OK);
    }

    void roles()
    {
        v1::CreateGroupRequest request;
        *request.mutable_group() = dynamicGroup(QStringLiteral("viewer-made"), QStringLiteral("Viewer made"),
                                                QStringLiteral("busy"));
        v1::CreateGroupResponse response;
        auto context = m_otterd.as(QStringLiteral("vera"));
        grpc::Status status = m_groups->CreateGroup(context.get(), request, &response);
        QCOMPARE(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
        QVERIFY2(QString::fromStdString(status.error_message()).contains(QStringLiteral("operator")),
                 status.error_message().c_str());

        v1::DeleteGroupRequest remove;
        remove.set_group_id("alpha");
        remove.set_expected_revision(get(QStringLiteral("alpha")).revision());
        v1::DeleteGroupResponse removed;
        context = m_otterd.as(QStringLiteral("vera"));
        QCOMPARE(m_groups->DeleteGroup(context.get(), remove, &removed).error_code(),
                 grpc::StatusCode::PERMISSION_DENIED);

        context = m_otterd.anonymous();
        QCOMPARE(m_groups->CreateGroup(context.get(), request, &response).error_code(),
                 grpc::StatusCode::UNAUTHENTICATED);
        // Refusals are audited, and the entry says who was refused and why.
        QVERIFY(
            sqlite(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'call.refused' AND object = "
                                  "'CreateGroup' AND details LIKE '%vera has the viewer role%';"))
                .toInt() >= 1);
    }

    void deleteLeavesTombstone()
    {
        const v1::Group mike = get(QStringLiteral("mike"));
        v1::DeleteGroupRequest request;
        request.set_group_id("mike");
        request.set_expected_revision(mike.revision() - 1);
        v1::DeleteGroupResponse response;
        auto context = m_otterd.as(QStringLiteral("olga"));
        QCOMPARE(m_groups->DeleteGroup(context.get(), request, &response).error_code(),
                 grpc::StatusCode::ABORTED);
        const auto detail = errorDetail(*context);
        QVERIFY(detail && detail->current().group().name() == "Mike");

        request.set_expected_revision(mike.revision());
        context = m_otterd.as(QStringLiteral("olga"));
        const grpc::Status status = m_groups->DeleteGroup(context.get(), request, &response);
        QVERIFY2(status.ok(), status.error_message().c_str());
        QVERIFY(response.revision() > mike.revision());

        v1::GetGroupRequest getRequest;
        getRequest.set_group_id("mike");
        v1::GetGroupResponse fetched;
        context = m_otterd.as(QStringLiteral("vera"));
        QCOMPARE(m_groups->GetGroup(context.get(), getRequest, &fetched).error_code(),
                 grpc::StatusCode::NOT_FOUND);
        context = m_otterd.as(QStringLiteral("olga"));
        QCOMPARE(m_groups->DeleteGroup(context.get(), request, &response).error_code(),
                 grpc::StatusCode::NOT_FOUND);

        // The tombstone carries the deletion's revision; the audit log has every mutation, in order.
        QCOMPARE(sqlite(QStringLiteral("SELECT revision FROM tombstones WHERE kind = %1 AND id = 'mike';")
                            .arg(int(v1::OBJECT_KIND_GROUP))),
                 QString::number(response.revision()));
        QCOMPARE(sqlite(QStringLiteral(
                     "SELECT group_concat(action || ':' || actor, ' ') FROM (SELECT action, actor "
                     "FROM audit_log WHERE object = 'group/mike' ORDER BY seq);")),
                 QStringLiteral("group.create:olga group.delete:olga"));
        QCOMPARE(sqlite(QStringLiteral("SELECT group_concat(action, ' ') FROM (SELECT action FROM audit_log "
                                       "WHERE object = 'group/eu-canary' ORDER BY seq);")),
                 QStringLiteral("group.create group.update"));
    }

    void deleteRefusedWhileADraftRolloutTargetsTheGroup()
    {
        // A draft rollout targeting "zulu", stored as the rollout service stores it (written with sqlite3
        // while otterd is stopped, so this test does not depend on uploading a release).
        v1::Rollout rollout;
        rollout.set_id("ro-draft");
        rollout.set_name("Draft");
        rollout.set_release_id("rel-x");
        rollout.add_target_group_ids("alpha");
        rollout.add_target_group_ids("zulu");
        rollout.set_state(v1::ROLLOUT_STATE_DRAFT);
        QVERIFY(m_otterd.stop());
        QVERIFY(writeSqlite(
            QStringLiteral(
                "INSERT INTO rollouts (id, state, release_id, current_stage, created_at, body, revision) "
                "VALUES ('ro-draft', %1, 'rel-x', 0, 0, X'%2', 1);")
                .arg(int(v1::ROLLOUT_STATE_DRAFT))
                .arg(QString::fromLatin1(QByteArray::fromStdString(rollout.SerializeAsString()).toHex()))));
        QVERIFY2(m_otterd.restart(), qPrintable(m_otterd.error()));

        const v1::Group zulu = get(QStringLiteral("zulu"));
        v1::DeleteGroupRequest request;
        request.set_group_id("zulu");
        request.set_expected_revision(zulu.revision());
        v1::DeleteGroupResponse response;
        auto context = m_otterd.as(QStringLiteral("olga"));
        const grpc::Status status = m_groups->DeleteGroup(context.get(), request, &response);
        QCOMPARE(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
        QVERIFY2(QString::fromStdString(status.error_message()).contains(QStringLiteral("ro-draft")),
                 status.error_message().c_str());
        const auto detail = errorDetail(*context);
        QVERIFY(detail.has_value());
        QCOMPARE(detail->reason(), v1::ERROR_REASON_IN_USE);
        QCOMPARE(detail->used_by_rollout_ids_size(), 1);
        QCOMPARE(q(detail->used_by_rollout_ids(0)), QStringLiteral("ro-draft"));
        QCOMPARE(get(QStringLiteral("zulu")).revision(), zulu.revision()); // still there, unchanged
    }

private:
    bool writeSqlite(const QString &statement)
    {
        QProcess process;
        process.start(QStringLiteral("sqlite3"),
                      {QDir(m_otterd.dataDir()).filePath(QStringLiteral("otterd.sqlite")), statement});
        return process.waitForFinished(30000) && process.exitStatus() == QProcess::NormalExit &&
               process.exitCode() == 0;
    }

    v1::Group get(const QString &id)
    {
        v1::GetGroupRequest request;
        request.set_group_id(id.toStdString());
        v1::GetGroupResponse response;
        auto context = m_otterd.as(QStringLiteral("vera"));
        const grpc::Status status = m_groups->GetGroup(context.get(), request, &response);
        if (!status.ok())
            qWarning() << "GetGroup" << id << status.error_message().c_str();
        return response.group();
    }

    // One value from otterd's live database, read by the stock sqlite3 tool (WAL allows a reader beside
    // otterd).
    QString sqlite(const QString &query)
    {
        QProcess process;
        process.start(QStringLiteral("sqlite3"),
                      {QStringLiteral("-readonly"),
                       QDir(m_otterd.dataDir()).filePath(QStringLiteral("otterd.sqlite")), query});
        process.waitForFinished(30000);
        return QString::fromUtf8(process.readAllStandardOutput()).trimmed();
    }

    OtterdHarness m_otterd;
    std::unique_ptr<v1::GroupService::Stub> m_groups;
    std::unique_ptr<v1::DeviceInventoryService::Stub> m_devices;
    QString m_staticId;
};

QTEST_GUILESS_MAIN(TestGroups)
#include "tst_groups.moc"
