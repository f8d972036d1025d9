// Conversions between the API's protobuf messages and the console's plain records.
#include "app/client/record_conversion.h"

#include <google/protobuf/descriptor.h>

#include <string_view>

namespace otter::client {

namespace {

QString text(const std::string &value)
{
    return QString::fromStdString(value);
}

std::string bytes(const QString &value)
{
    return value.toStdString();
}

// Enum values travel as their names without the enum's prefix: the prefix is what the _UNSPECIFIED value
// carries before "UNSPECIFIED", so DEVICE_STATE_IDLE becomes "IDLE" and BANK_A becomes "A".
QString enumName(const google::protobuf::EnumDescriptor *descriptor, int value)
{
    if (value == 0)
        return {};
    const auto *found = descriptor->FindValueByNumber(value);
    if (!found)
        return QString::number(value);
    std::string_view name = found->name();
    if (const auto *unspecified = descriptor->FindValueByNumber(0)) {
        std::string_view prefix = unspecified->name();
        constexpr std::string_view suffix = "UNSPECIFIED";
        if (prefix.ends_with(suffix))
            prefix.remove_suffix(suffix.size());
        if (name.starts_with(prefix))
            name.remove_prefix(prefix.size());
    }
    return QString::fromLatin1(name.data(), qsizetype(name.size()));
}

qint64 seconds(const google::protobuf::Duration &duration)
{
    return duration.seconds();
}

models::ActorStampRecord toRecord(const v1::ActorStamp &stamp)
{
    return {text(stamp.actor()), toDateTime(stamp.time()), text(stamp.comment())};
}

std::optional<models::ObjectKind> toKind(v1::ObjectKind kind)
{
    switch (kind) {
    case v1::OBJECT_KIND_DEVICE:
        return models::ObjectKind::Device;
    case v1::OBJECT_KIND_GROUP:
        return models::ObjectKind::Group;
    case v1::OBJECT_KIND_MAINTENANCE_WINDOW:
        return models::ObjectKind::MaintenanceWindow;
    case v1::OBJECT_KIND_RELEASE:
        return models::ObjectKind::Release;
    case v1::OBJECT_KIND_TRUSTED_KEY:
        return models::ObjectKind::TrustedKey;
    case v1::OBJECT_KIND_ROLLOUT:
        return models::ObjectKind::Rollout;
    default:
        return std::nullopt;
    }
}

QStringList toStringList(const google::protobuf::RepeatedPtrField<std::string> &values)
{
    QStringList list;
    list.reserve(values.size());
    for (const std::string &value : values)
        list.append(text(value));
    return list;
}

void fillStrings(google::protobuf::RepeatedPtrField<std::string> *target, const QStringList &values)
{
    for (const QString &value : values)
        target->Add(bytes(value));
}

} // namespace

QDateTime toDateTime(const google::protobuf::Timestamp &timestamp)
{
    if (timestamp.seconds() == 0 && timestamp.nanos() == 0)
        return {};
    return QDateTime::fromMSecsSinceEpoch(timestamp.seconds() * 1000 + timestamp.nanos() / 1000000, Qt::UTC);
}

void setTimestamp(google::protobuf::Timestamp *timestamp, const QDateTime &time)
{
    if (!time.isValid()) {
        timestamp->Clear();
        return;
    }
    const qint64 msecs = time.toMSecsSinceEpoch();
    const qint64 wholeSeconds = msecs >= 0 ? msecs / 1000 : (msecs - 999) / 1000;
    timestamp->set_seconds(wholeSeconds);
    timestamp->set_nanos(int((msecs - wholeSeconds * 1000) * 1000000));
}

QString roleName(v1::Role role)
{
    return enumName(v1::Role_descriptor(), role);
}

models::DeviceRecord toRecord(const v1::Device &device)
{
    models::DeviceRecord record;
    record.id = text(device.id());
    record.hardwareClass = text(device.hardware_class());
    record.region = text(device.region());
    for (const auto &[key, value] : device.labels())
        record.labels.insert(text(key), text(value));
    record.firmwareVersion = text(device.firmware_version());
    record.securityVersion = device.security_version();
    record.activeBank = enumName(v1::Bank_descriptor(), device.active_bank());
    record.inactiveBankVersion = text(device.inactive_bank_version());
    record.state = enumName(v1::DeviceState_descriptor(), device.state());
    record.lastSeen = toDateTime(device.last_seen());
    record.busy = device.busy();
    record.currentDeploymentId = text(device.current_deployment_id());
    record.revision = device.revision();
    return record;
}

models::GroupRecord toRecord(const v1::Group &group)
{
    models::GroupRecord record;
    record.id = text(group.id());
    record.name = text(group.name());
    record.description = text(group.description());
    if (group.has_filter())
        record.filter = text(group.filter());
    else
        record.staticMembers = toStringList(group.members().device_ids());
    record.createdBy = text(group.created_by());
    record.createdAt = toDateTime(group.created_at());
    record.updatedBy = text(group.updated_by());
    record.updatedAt = toDateTime(group.updated_at());
    record.revision = group.revision();
    return record;
}

models::WindowRecord toRecord(const v1::MaintenanceWindow &window)
{
    models::WindowRecord record;
    record.id = text(window.id());
    record.name = text(window.name());
    record.description = text(window.description());
    record.timeZone = text(window.time_zone());
    if (window.has_cron()) {
        record.cronExpression = text(window.cron().expression());
    } else {
        for (const int weekday : window.weekly().weekdays())
            record.weekdays.append(weekday);
        record.startHour = int(window.weekly().start().hour());
        record.startMinute = int(window.weekly().start().minute());
    }
    record.durationSeconds = seconds(window.duration());
    record.createdBy = text(window.created_by());
    record.createdAt = toDateTime(window.created_at());
    record.updatedBy = text(window.updated_by());
    record.updatedAt = toDateTime(window.updated_at());
    record.revision = window.revision();
    return record;
}

models::ReleaseRecord toRecord(const v1::Release &release)
{
    models::ReleaseRecord record;
    record.id = text(release.id());
    record.version = text(release.version());
    record.securityVersion = release.security_version();
    record.hardwareClasses = toStringList(release.hardware_classes());
    record.vendorId = text(release.vendor_id());
    record.payloadType = text(release.payload_type());
    record.imageSize = release.image_size();
    record.imageSha256 = text(release.image_sha256());
    record.createdAt = toDateTime(release.created_at());
    record.signerKeyIds = toStringList(release.signer_key_ids());
    record.uploadedBy = text(release.uploaded_by());
    record.uploadedAt = toDateTime(release.uploaded_at());
    record.revision = release.revision();
    return record;
}

models::TrustedKeyRecord toRecord(const v1::TrustedKey &key)
{
    models::TrustedKeyRecord record;
    record.id = text(key.id());
    record.name = text(key.name());
    record.comment = text(key.comment());
    record.publicKeyPem = text(key.public_key_pem());
    record.state = enumName(v1::TrustedKeyState_descriptor(), key.state());
    record.addedBy = text(key.added_by());
    record.addedAt = toDateTime(key.added_at());
    record.revokedBy = text(key.revoked_by());
    record.revokedAt = toDateTime(key.revoked_at());
    record.revocationReason = text(key.revocation_reason());
    record.revision = key.revision();
    return record;
}

models::RolloutRecord toRecord(const v1::Rollout &rollout)
{
    models::RolloutRecord record;
    record.id = text(rollout.id());
    record.name = text(rollout.name());
    record.description = text(rollout.description());
    record.releaseId = text(rollout.release_id());
    record.targetGroupIds = toStringList(rollout.target_group_ids());
    record.windowId = text(rollout.window_id());
    for (const v1::RolloutStage &stage : rollout.stages())
        record.stages.append({int(stage.cumulative_percent()), seconds(stage.gate().min_soak()),
                              stage.gate().min_success_percent()});
    record.maxFailurePercent = rollout.failure_policy().max_failure_percent();
    record.minFinished = rollout.failure_policy().min_finished();
    record.state = enumName(v1::RolloutState_descriptor(), rollout.state());
    record.currentStage = int(rollout.current_stage());
    record.createdBy = text(rollout.created_by());
    record.createdAt = toDateTime(rollout.created_at());
    record.updatedBy = text(rollout.updated_by());
    record.updatedAt = toDateTime(rollout.updated_at());
    record.submitted = toRecord(rollout.submitted());
    record.approved = toRecord(rollout.approved());
    record.rejected = toRecord(rollout.rejected());
    record.started = toRecord(rollout.started());
    record.paused = toRecord(rollout.paused());
    record.autoPaused = rollout.auto_paused();
    record.finished = toRecord(rollout.finished());
    record.revision = rollout.revision();
    return record;
}

models::AuditRecord toRecord(const v1::AuditEntry &entry)
{
    models::AuditRecord record;
    record.seq = entry.seq();
    record.time = toDateTime(entry.time());
    record.actor = text(entry.actor());
    record.action = text(entry.action());
    record.object = text(entry.object());
    record.detailsJson = text(entry.details_json());
    record.prevHash = text(entry.prev_hash());
    record.hash = text(entry.hash());
    record.revision = entry.revision();
    return record;
}

models::DeploymentRecord toRecord(const v1::Deployment &deployment)
{
    models::DeploymentRecord record;
    record.id = text(deployment.id());
    record.rolloutId = text(deployment.rollout_id());
    record.deviceId = text(deployment.device_id());
    record.releaseId = text(deployment.release_id());
    record.releaseVersion = text(deployment.release_version());
    record.fromVersion = text(deployment.from_version());
    record.stage = deployment.has_stage() ? int(deployment.stage()) : -1;
    record.state = enumName(v1::DeploymentState_descriptor(), deployment.state());
    record.skipReason = enumName(v1::SkipReason_descriptor(), deployment.skip_reason());
    record.error = enumName(v1::DeploymentError_descriptor(), deployment.error());
    record.detail = text(deployment.detail());
    record.createdAt = toDateTime(deployment.created_at());
    record.updatedAt = toDateTime(deployment.updated_at());
    record.finishedAt = toDateTime(deployment.finished_at());
    record.cancelled = deployment.cancelled();
    return record;
}

std::optional<models::DeletionRecord> toRecord(const v1::Deletion &deletion)
{
    const auto kind = toKind(deletion.kind());
    if (!kind)
        return std::nullopt;
    return models::DeletionRecord{*kind, text(deletion.id()), deletion.revision()};
}

models::ChangeBatch toChangeBatch(const v1::GetChangesResponse &response)
{
    models::ChangeBatch batch;
    for (const auto &device : response.devices())
        batch.devices.append(toRecord(device));
    for (const auto &group : response.groups())
        batch.groups.append(toRecord(group));
    for (const auto &window : response.maintenance_windows())
        batch.windows.append(toRecord(window));
    for (const auto &release : response.releases())
        batch.releases.append(toRecord(release));
    for (const auto &key : response.trusted_keys())
        batch.trustedKeys.append(toRecord(key));
    for (const auto &rollout : response.rollouts())
        batch.rollouts.append(toRecord(rollout));
    for (const auto &entry : response.audit_entries())
        batch.auditEntries.append(toRecord(entry));
    for (const auto &deletion : response.deletions()) {
        if (auto record = toRecord(deletion))
            batch.deletions.append(*record);
    }
    batch.currentRevision = response.current_revision();
    batch.complete = response.next_page_token().empty();
    return batch;
}

v1::Group toProto(const models::GroupRecord &group)
{
    v1::Group proto;
    proto.set_id(bytes(group.id));
    proto.set_name(bytes(group.name));
    proto.set_description(bytes(group.description));
    if (group.filter)
        proto.set_filter(bytes(*group.filter));
    else
        fillStrings(proto.mutable_members()->mutable_device_ids(), group.staticMembers);
    return proto;
}

v1::MaintenanceWindow toProto(const models::WindowRecord &window)
{
    v1::MaintenanceWindow proto;
    proto.set_id(bytes(window.id));
    proto.set_name(bytes(window.name));
    proto.set_description(bytes(window.description));
    proto.set_time_zone(bytes(window.timeZone));
    if (!window.cronExpression.isEmpty()) {
        proto.mutable_cron()->set_expression(bytes(window.cronExpression));
    } else {
        auto *weekly = proto.mutable_weekly();
        for (const int weekday : window.weekdays)
            weekly->add_weekdays(v1::Weekday(weekday));
        weekly->mutable_start()->set_hour(quint32(window.startHour));
        weekly->mutable_start()->set_minute(quint32(window.startMinute));
    }
    proto.mutable_duration()->set_seconds(window.durationSeconds);
    return proto;
}

v1::Rollout toProto(const models::RolloutRecord &rollout)
{
    v1::Rollout proto;
    proto.set_id(bytes(rollout.id));
    proto.set_name(bytes(rollout.name));
    proto.set_description(bytes(rollout.description));
    proto.set_release_id(bytes(rollout.releaseId));
    fillStrings(proto.mutable_target_group_ids(), rollout.targetGroupIds);
    proto.set_window_id(bytes(rollout.windowId));
    for (const models::RolloutStageRecord &stage : rollout.stages) {
        auto *added = proto.add_stages();
        added->set_cumulative_percent(quint32(stage.cumulativePercent));
        added->mutable_gate()->mutable_min_soak()->set_seconds(stage.minSoakSeconds);
        added->mutable_gate()->set_min_success_percent(stage.minSuccessPercent);
    }
    proto.mutable_failure_policy()->set_max_failure_percent(rollout.maxFailurePercent);
    proto.mutable_failure_policy()->set_min_finished(rollout.minFinished);
    return proto;
}

} // namespace otter::client
