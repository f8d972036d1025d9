// Proto ↔ record conversions of the client layer: enum names, times, oneofs, round trips of drafts.
#include "app/client/record_conversion.h"

#include <QTest>

using namespace otter;
using namespace otter::client;

class TestRecordConversion final : public QObject
{
    Q_OBJECT

private slots:
    void deviceState_data();
    void deviceState();
    void enumNamesOfOtherEnums_data();
    void enumNamesOfOtherEnums();
    void timestamps_data();
    void timestamps();
    void device();
    void groupRoundTrip_data();
    void groupRoundTrip();
    void windowRoundTrip_data();
    void windowRoundTrip();
    void rollout();
    void deployment();
    void changeBatch_data();
    void changeBatch();
};

void TestRecordConversion::deviceState_data()
{
    QTest::addColumn<int>("value");
    QTest::addColumn<QString>("name");
    QTest::newRow("unspecified") << int(v1::DEVICE_STATE_UNSPECIFIED) << QString();
    QTest::newRow("provisioned") << int(v1::DEVICE_STATE_PROVISIONED) << QStringLiteral("PROVISIONED");
    QTest::newRow("idle") << int(v1::DEVICE_STATE_IDLE) << QStringLiteral("IDLE");
    QTest::newRow("updating") << int(v1::DEVICE_STATE_UPDATING) << QStringLiteral("UPDATING");
    QTest::newRow("update failed") << int(v1::DEVICE_STATE_UPDATE_FAILED) << QStringLiteral("UPDATE_FAILED");
    // A value from a newer server must survive as something, not vanish or crash.
    QTest::newRow("unknown") << 42 << QStringLiteral("42");
}

void TestRecordConversion::deviceState()
{
    QFETCH(int, value);
    QFETCH(QString, name);
    v1::Device device;
    device.set_state(v1::DeviceState(value));
    QCOMPARE(toRecord(device).state, name);
}

void TestRecordConversion::enumNamesOfOtherEnums_data()
{
    QTest::addColumn<QString>("actual");
    QTest::addColumn<QString>("expected");
    v1::Device device;
    device.set_active_bank(v1::BANK_B);
    QTest::newRow("bank") << toRecord(device).activeBank << QStringLiteral("B");
    v1::Rollout rollout;
    rollout.set_state(v1::ROLLOUT_STATE_PENDING_APPROVAL);
    QTest::newRow("rollout state") << toRecord(rollout).state << QStringLiteral("PENDING_APPROVAL");
    v1::TrustedKey key;
    key.set_state(v1::TRUSTED_KEY_STATE_REVOKED);
    QTest::newRow("key state") << toRecord(key).state << QStringLiteral("REVOKED");
    v1::Deployment deployment;
    deployment.set_state(v1::DEPLOYMENT_STATE_ROLLED_BACK);
    deployment.set_error(v1::DEPLOYMENT_ERROR_HEALTH_CHECK_FAILED);
    deployment.set_skip_reason(v1::SKIP_REASON_ALREADY_CURRENT);
    QTest::newRow("deployment state") << toRecord(deployment).state << QStringLiteral("ROLLED_BACK");
    QTest::newRow("deployment error") << toRecord(deployment).error << QStringLiteral("HEALTH_CHECK_FAILED");
    QTest::newRow("skip reason") << toRecord(deployment).skipReason << QStringLiteral("ALREADY_CURRENT");
    QTest::newRow("role") << roleName(v1::ROLE_APPROVER) << QStringLiteral("APPROVER");
}

void TestRecordConversion::enumNamesOfOtherEnums()
{
    QFETCH(QString, actual);
    QFETCH(QString, expected);
    QCOMPARE(actual, expected);
}

void TestRecordConversion::timestamps_data()
{
    QTest::addColumn<qint64>("seconds");
    QTest::addColumn<int>("nanos");
    QTest::addColumn<QDateTime>("time");
    QTest::newRow("unset") << qint64(0) << 0 << QDateTime();
    QTest::newRow("whole second") << qint64(1700000000) << 0
                                  << QDateTime::fromMSecsSinceEpoch(1700000000000, Qt::UTC);
    QTest::newRow("milliseconds") << qint64(1700000000) << 250000000
                                  << QDateTime::fromMSecsSinceEpoch(1700000000250, Qt::UTC);
    QTest::newRow("before 1970") << qint64(-2) << 500000000 << QDateTime::fromMSecsSinceEpoch(-1500, Qt::UTC);
}

void TestRecordConversion::timestamps()
{
    QFETCH(qint64, seconds);
    QFETCH(int, nanos);
    QFETCH(QDateTime, time);
    google::protobuf::Timestamp timestamp;
    timestamp.set_seconds(seconds);
    timestamp.set_nanos(nanos);
    QCOMPARE(toDateTime(timestamp), time);
    google::protobuf::Timestamp back;
    setTimestamp(&back, time);
    QCOMPARE(back.seconds(), seconds);
    QCOMPARE(back.nanos(), nanos);
}

void TestRecordConversion::device()
{
    v1::Device device;
    device.set_id("dev-00001");
    device.set_hardware_class("gw-200");
    device.set_region("eu-west");
    (*device.mutable_labels())["ring"] = "canary";
    (*device.mutable_labels())["site"] = "ber-1";
    device.set_firmware_version("2.1.0");
    device.set_security_version(7);
    device.set_active_bank(v1::BANK_A);
    device.set_inactive_bank_version("2.0.3");
    device.set_busy(true);
    device.set_current_deployment_id("d-1");
    device.mutable_last_seen()->set_seconds(1700000000);
    device.set_revision(41);

    const models::DeviceRecord record = toRecord(device);
    QCOMPARE(record.id, QStringLiteral("dev-00001"));
    QCOMPARE(record.hardwareClass, QStringLiteral("gw-200"));
    QCOMPARE(record.region, QStringLiteral("eu-west"));
    QCOMPARE(record.labels.value(QStringLiteral("ring")), QStringLiteral("canary"));
    QCOMPARE(record.labels.value(QStringLiteral("site")), QStringLiteral("ber-1"));
    QCOMPARE(record.firmwareVersion, QStringLiteral("2.1.0"));
    QCOMPARE(record.securityVersion, quint64(7));
    QCOMPARE(record.activeBank, QStringLiteral("A"));
    QCOMPARE(record.inactiveBankVersion, QStringLiteral("2.0.3"));
    QVERIFY(record.busy);
    QCOMPARE(record.currentDeploymentId, QStringLiteral("d-1"));
    QCOMPARE(record.lastSeen, QDateTime::fromSecsSinceEpoch(1700000000, Qt::UTC));
    QCOMPARE(record.revision, qint64(41));
}

void TestRecordConversion::groupRoundTrip_data()
{
    QTest::addColumn<bool>("dynamic");
    QTest::newRow("dynamic") << true;
    QTest::newRow("static") << false;
}

void TestRecordConversion::groupRoundTrip()
{
    QFETCH(bool, dynamic);
    v1::Group group;
    group.set_id("eu-canary");
    group.set_name("EU canary");
    group.set_description("first wave");
    if (dynamic) {
        group.set_filter(R"(class == "gw-200" and label.ring == "canary")");
    } else {
        group.mutable_members()->add_device_ids("dev-00001");
        group.mutable_members()->add_device_ids("dev-00002");
    }
    group.set_created_by("olga");
    group.mutable_created_at()->set_seconds(1700000000);
    group.set_updated_by("oscar");
    group.set_revision(12);

    const models::GroupRecord record = toRecord(group);
    QCOMPARE(record.filter.has_value(), dynamic);
    QCOMPARE(record.staticMembers.size(), dynamic ? 0 : 2);
    QCOMPARE(record.createdBy, QStringLiteral("olga"));
    QCOMPARE(record.updatedBy, QStringLiteral("oscar"));
    QCOMPARE(record.revision, qint64(12));

    // Back to the API: the editable fields only, with the same membership kind.
    const v1::Group back = toProto(record);
    QCOMPARE(back.has_filter(), dynamic);
    QCOMPARE(back.has_members(), !dynamic);
    QCOMPARE(back.filter(), group.filter());
    QCOMPARE(back.members().device_ids_size(), group.members().device_ids_size());
    QCOMPARE(back.name(), group.name());
    QVERIFY(back.created_by().empty());
    QCOMPARE(back.revision(), 0);
}

void TestRecordConversion::windowRoundTrip_data()
{
    QTest::addColumn<bool>("cron");
    QTest::newRow("weekly") << false;
    QTest::newRow("cron") << true;
}

void TestRecordConversion::windowRoundTrip()
{
    QFETCH(bool, cron);
    v1::MaintenanceWindow window;
    window.set_id("eu-nights");
    window.set_name("EU nights");
    window.set_time_zone("Europe/Berlin");
    if (cron) {
        window.mutable_cron()->set_expression("0 2 * * 1-5");
    } else {
        window.mutable_weekly()->add_weekdays(v1::WEEKDAY_MONDAY);
        window.mutable_weekly()->add_weekdays(v1::WEEKDAY_SUNDAY);
        window.mutable_weekly()->mutable_start()->set_hour(2);
        window.mutable_weekly()->mutable_start()->set_minute(30);
    }
    window.mutable_duration()->set_seconds(3 * 3600);

    const models::WindowRecord record = toRecord(window);
    QCOMPARE(record.timeZone, QStringLiteral("Europe/Berlin"));
    QCOMPARE(record.durationSeconds, qint64(3 * 3600));
    if (cron) {
        QCOMPARE(record.cronExpression, QStringLiteral("0 2 * * 1-5"));
        QVERIFY(record.weekdays.isEmpty());
    } else {
        QCOMPARE(record.weekdays, (QList<int>{1, 7}));
        QCOMPARE(record.startHour, 2);
        QCOMPARE(record.startMinute, 30);
    }
    QCOMPARE(toProto(record).SerializeAsString(), window.SerializeAsString());
}

void TestRecordConversion::rollout()
{
    v1::Rollout rollout;
    rollout.set_id("r1");
    rollout.set_name("2.1.0 to EU");
    rollout.set_release_id(std::string(64, 'a'));
    rollout.add_target_group_ids("eu-canary");
    rollout.add_target_group_ids("eu-rest");
    rollout.set_window_id("eu-nights");
    for (const int percent : {10, 100}) {
        auto *stage = rollout.add_stages();
        stage->set_cumulative_percent(quint32(percent));
        stage->mutable_gate()->mutable_min_soak()->set_seconds(600);
        stage->mutable_gate()->set_min_success_percent(95.5);
    }
    rollout.mutable_failure_policy()->set_max_failure_percent(5);
    rollout.mutable_failure_policy()->set_min_finished(20);
    rollout.set_state(v1::ROLLOUT_STATE_PAUSED);
    rollout.set_current_stage(1);
    rollout.mutable_paused()->set_actor("system");
    rollout.mutable_paused()->set_comment("auto-paused: stage 2 failure rate 7.5% > 5% over 40 devices");
    rollout.mutable_paused()->mutable_time()->set_seconds(1700000100);
    rollout.set_auto_paused(true);
    rollout.set_revision(99);

    const models::RolloutRecord record = toRecord(rollout);
    QCOMPARE(record.targetGroupIds, (QStringList{QStringLiteral("eu-canary"), QStringLiteral("eu-rest")}));
    QCOMPARE(record.stages.size(), 2);
    QCOMPARE(record.stages.at(1).cumulativePercent, 100);
    QCOMPARE(record.stages.at(0).minSoakSeconds, qint64(600));
    QCOMPARE(record.stages.at(0).minSuccessPercent, 95.5);
    QCOMPARE(record.maxFailurePercent, 5.0);
    QCOMPARE(record.minFinished, quint32(20));
    QCOMPARE(record.state, QStringLiteral("PAUSED"));
    QCOMPARE(record.currentStage, 1);
    QCOMPARE(record.paused.actor, QStringLiteral("system"));
    QVERIFY(record.paused.comment.startsWith(QStringLiteral("auto-paused")));
    QCOMPARE(record.paused.time, QDateTime::fromSecsSinceEpoch(1700000100, Qt::UTC));
    QVERIFY(record.approved.actor.isEmpty());
    QVERIFY(!record.approved.time.isValid());
    QVERIFY(record.autoPaused);

    // The editable part survives the trip back; state and stamps are the server's and are not sent.
    const v1::Rollout back = toProto(record);
    QCOMPARE(back.stages_size(), 2);
    QCOMPARE(back.stages(0).gate().min_soak().seconds(), 600);
    QCOMPARE(back.window_id(), "eu-nights");
    QCOMPARE(back.state(), v1::ROLLOUT_STATE_UNSPECIFIED);
    QVERIFY(!back.has_paused());
}

void TestRecordConversion::deployment()
{
    v1::Deployment staged;
    staged.set_stage(0);
    QCOMPARE(toRecord(staged).stage, 0);
    v1::Deployment skipped;
    skipped.set_state(v1::DEPLOYMENT_STATE_SKIPPED);
    QCOMPARE(toRecord(skipped).stage, -1);
}

void TestRecordConversion::changeBatch_data()
{
    QTest::addColumn<QString>("nextPageToken");
    QTest::addColumn<bool>("complete");
    QTest::newRow("last page") << QString() << true;
    QTest::newRow("more pages") << QStringLiteral("cursor") << false;
}

void TestRecordConversion::changeBatch()
{
    QFETCH(QString, nextPageToken);
    QFETCH(bool, complete);
    v1::GetChangesResponse response;
    response.add_devices()->set_id("dev-00001");
    response.add_groups()->set_id("g1");
    response.add_maintenance_windows()->set_id("w1");
    response.add_releases()->set_id("rel");
    response.add_trusted_keys()->set_id("key");
    response.add_rollouts()->set_id("r1");
    response.add_audit_entries()->set_seq(5);
    auto *deletion = response.add_deletions();
    deletion->set_kind(v1::OBJECT_KIND_MAINTENANCE_WINDOW);
    deletion->set_id("old-window");
    deletion->set_revision(30);
    // A kind this client does not know cannot concern its cache: skipped, not mistaken for a device.
    response.add_deletions()->set_kind(v1::ObjectKind(77));
    response.set_current_revision(31);
    response.set_next_page_token(nextPageToken.toStdString());

    const models::ChangeBatch batch = toChangeBatch(response);
    QCOMPARE(batch.devices.size(), 1);
    QCOMPARE(batch.groups.size(), 1);
    QCOMPARE(batch.windows.size(), 1);
    QCOMPARE(batch.releases.size(), 1);
    QCOMPARE(batch.trustedKeys.size(), 1);
    QCOMPARE(batch.rollouts.size(), 1);
    QCOMPARE(batch.auditEntries.size(), 1);
    QCOMPARE(batch.auditEntries.first().seq, qint64(5));
    QCOMPARE(batch.deletions.size(), 1);
    QCOMPARE(batch.deletions.first().kind, models::ObjectKind::MaintenanceWindow);
    QCOMPARE(batch.deletions.first().id, QStringLiteral("old-window"));
    QCOMPARE(batch.deletions.first().revision, qint64(30));
    QCOMPARE(batch.currentRevision, qint64(31));
    QCOMPARE(batch.complete, complete);
}

QTEST_GUILESS_MAIN(TestRecordConversion)
#include "tst_record_conversion.moc"
