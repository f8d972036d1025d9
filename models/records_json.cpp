// JSON form of groups, maintenance windows, rollouts, releases and trusted keys.
#include "models/records_json.h"

#include "models/json_fields.h"

#include <limits>

using namespace Qt::StringLiterals;

namespace otter::models {

namespace {

void putAuthorship(QJsonObject &json, const QString &createdBy, const QDateTime &createdAt,
                   const QString &updatedBy, const QDateTime &updatedAt)
{
    putText(json, "createdBy"_L1, createdBy);
    putTime(json, "createdAt"_L1, createdAt);
    putText(json, "updatedBy"_L1, updatedBy);
    putTime(json, "updatedAt"_L1, updatedAt);
}

void readAuthorship(JsonFieldReader &in, QString &createdBy, QDateTime &createdAt, QString &updatedBy,
                    QDateTime &updatedAt)
{
    in.text("createdBy"_L1, createdBy);
    in.time("createdAt"_L1, createdAt);
    in.text("updatedBy"_L1, updatedBy);
    in.time("updatedAt"_L1, updatedAt);
}

void putStamp(QJsonObject &json, QLatin1StringView key, const ActorStampRecord &stamp)
{
    if (stamp.actor.isEmpty() && !stamp.time.isValid())
        return;
    QJsonObject object;
    putText(object, "actor"_L1, stamp.actor);
    putTime(object, "time"_L1, stamp.time);
    putText(object, "comment"_L1, stamp.comment);
    json.insert(key, object);
}

void readStamp(JsonFieldReader &in, QLatin1StringView key, ActorStampRecord &stamp)
{
    const QJsonObject object = in.object(key);
    JsonFieldReader stampIn(object);
    stampIn.text("actor"_L1, stamp.actor);
    stampIn.time("time"_L1, stamp.time);
    stampIn.text("comment"_L1, stamp.comment);
    if (!stampIn.ok())
        in.fail();
}

} // namespace

QJsonObject toJson(const GroupRecord &group)
{
    QJsonObject json{{"id"_L1, group.id}};
    putText(json, "name"_L1, group.name);
    putText(json, "description"_L1, group.description);
    if (group.filter)
        json.insert("filter"_L1, *group.filter); // kept even when empty: an empty filter matches every device
    putTexts(json, "staticMembers"_L1, group.staticMembers);
    putAuthorship(json, group.createdBy, group.createdAt, group.updatedBy, group.updatedAt);
    json.insert("revision"_L1, group.revision);
    return json;
}

std::optional<GroupRecord> groupFromJson(const QJsonObject &json)
{
    GroupRecord group;
    JsonFieldReader in(json);
    in.requiredId(group.id);
    in.text("name"_L1, group.name);
    in.text("description"_L1, group.description);
    if (in.has("filter"_L1)) {
        QString filter;
        in.text("filter"_L1, filter);
        group.filter = filter;
    }
    in.texts("staticMembers"_L1, group.staticMembers);
    readAuthorship(in, group.createdBy, group.createdAt, group.updatedBy, group.updatedAt);
    in.integer("revision"_L1, group.revision);
    if (!in.ok())
        return std::nullopt;
    return group;
}

QJsonObject toJson(const WindowRecord &window)
{
    QJsonObject json{{"id"_L1, window.id}};
    putText(json, "name"_L1, window.name);
    putText(json, "description"_L1, window.description);
    putText(json, "timeZone"_L1, window.timeZone);
    QJsonArray weekdays;
    for (int day : window.weekdays)
        weekdays.append(day);
    if (!weekdays.isEmpty())
        json.insert("weekdays"_L1, weekdays);
    json.insert("startHour"_L1, window.startHour);
    json.insert("startMinute"_L1, window.startMinute);
    putText(json, "cronExpression"_L1, window.cronExpression);
    json.insert("durationSeconds"_L1, window.durationSeconds);
    putAuthorship(json, window.createdBy, window.createdAt, window.updatedBy, window.updatedAt);
    json.insert("revision"_L1, window.revision);
    return json;
}

std::optional<WindowRecord> windowFromJson(const QJsonObject &json)
{
    WindowRecord window;
    JsonFieldReader in(json);
    in.requiredId(window.id);
    in.text("name"_L1, window.name);
    in.text("description"_L1, window.description);
    in.text("timeZone"_L1, window.timeZone);
    const QJsonArray weekdays = in.array("weekdays"_L1);
    for (const QJsonValue &day : weekdays) {
        const int number = day.toInt(-1);
        if (!day.isDouble() || number < 1 || number > 7)
            return std::nullopt;
        window.weekdays.append(number);
    }
    in.integer("startHour"_L1, window.startHour);
    in.integer("startMinute"_L1, window.startMinute);
    in.text("cronExpression"_L1, window.cronExpression);
    in.integer("durationSeconds"_L1, window.durationSeconds);
    readAuthorship(in, window.createdBy, window.createdAt, window.updatedBy, window.updatedAt);
    in.integer("revision"_L1, window.revision);
    if (!in.ok())
        return std::nullopt;
    return window;
}

QJsonObject toJson(const RolloutRecord &rollout)
{
    QJsonObject json{{"id"_L1, rollout.id}};
    putText(json, "name"_L1, rollout.name);
    putText(json, "description"_L1, rollout.description);
    putText(json, "releaseId"_L1, rollout.releaseId);
    putTexts(json, "targetGroupIds"_L1, rollout.targetGroupIds);
    putText(json, "windowId"_L1, rollout.windowId);
    QJsonArray stages;
    for (const RolloutStageRecord &stage : rollout.stages)
        stages.append(QJsonObject{{"cumulativePercent"_L1, stage.cumulativePercent},
                                  {"minSoakSeconds"_L1, stage.minSoakSeconds},
                                  {"minSuccessPercent"_L1, stage.minSuccessPercent}});
    if (!stages.isEmpty())
        json.insert("stages"_L1, stages);
    json.insert("maxFailurePercent"_L1, rollout.maxFailurePercent);
    json.insert("minFinished"_L1, qint64(rollout.minFinished));
    putText(json, "state"_L1, rollout.state);
    json.insert("currentStage"_L1, rollout.currentStage);
    putAuthorship(json, rollout.createdBy, rollout.createdAt, rollout.updatedBy, rollout.updatedAt);
    putStamp(json, "submitted"_L1, rollout.submitted);
    putStamp(json, "approved"_L1, rollout.approved);
    putStamp(json, "rejected"_L1, rollout.rejected);
    putStamp(json, "started"_L1, rollout.started);
    putStamp(json, "paused"_L1, rollout.paused);
    if (rollout.autoPaused)
        json.insert("autoPaused"_L1, true);
    putStamp(json, "finished"_L1, rollout.finished);
    json.insert("revision"_L1, rollout.revision);
    return json;
}

std::optional<RolloutRecord> rolloutFromJson(const QJsonObject &json)
{
    RolloutRecord rollout;
    JsonFieldReader in(json);
    in.requiredId(rollout.id);
    in.text("name"_L1, rollout.name);
    in.text("description"_L1, rollout.description);
    in.text("releaseId"_L1, rollout.releaseId);
    in.texts("targetGroupIds"_L1, rollout.targetGroupIds);
    in.text("windowId"_L1, rollout.windowId);
    const QJsonArray stages = in.array("stages"_L1);
    for (const QJsonValue &value : stages) {
        if (!value.isObject())
            return std::nullopt;
        const QJsonObject object = value.toObject();
        JsonFieldReader stageIn(object);
        RolloutStageRecord stage;
        stageIn.integer("cumulativePercent"_L1, stage.cumulativePercent);
        stageIn.integer("minSoakSeconds"_L1, stage.minSoakSeconds);
        stageIn.number("minSuccessPercent"_L1, stage.minSuccessPercent);
        if (!stageIn.ok())
            return std::nullopt;
        rollout.stages.append(stage);
    }
    in.number("maxFailurePercent"_L1, rollout.maxFailurePercent);
    qint64 minFinished = 0;
    in.integer("minFinished"_L1, minFinished);
    if (minFinished < 0 || minFinished > std::numeric_limits<quint32>::max())
        return std::nullopt;
    rollout.minFinished = quint32(minFinished);
    in.text("state"_L1, rollout.state);
    in.integer("currentStage"_L1, rollout.currentStage);
    readAuthorship(in, rollout.createdBy, rollout.createdAt, rollout.updatedBy, rollout.updatedAt);
    readStamp(in, "submitted"_L1, rollout.submitted);
    readStamp(in, "approved"_L1, rollout.approved);
    readStamp(in, "rejected"_L1, rollout.rejected);
    readStamp(in, "started"_L1, rollout.started);
    readStamp(in, "paused"_L1, rollout.paused);
    in.boolean("autoPaused"_L1, rollout.autoPaused);
    readStamp(in, "finished"_L1, rollout.finished);
    in.integer("revision"_L1, rollout.revision);
    if (!in.ok())
        return std::nullopt;
    return rollout;
}

QJsonObject toJson(const ReleaseRecord &release)
{
    QJsonObject json{{"id"_L1, release.id}};
    putText(json, "version"_L1, release.version);
    json.insert("securityVersion"_L1, qint64(release.securityVersion));
    putTexts(json, "hardwareClasses"_L1, release.hardwareClasses);
    putText(json, "vendorId"_L1, release.vendorId);
    putText(json, "payloadType"_L1, release.payloadType);
    json.insert("imageSize"_L1, qint64(release.imageSize));
    putText(json, "imageSha256"_L1, release.imageSha256);
    putTime(json, "createdAt"_L1, release.createdAt);
    putTexts(json, "signerKeyIds"_L1, release.signerKeyIds);
    putText(json, "uploadedBy"_L1, release.uploadedBy);
    putTime(json, "uploadedAt"_L1, release.uploadedAt);
    json.insert("revision"_L1, release.revision);
    return json;
}

std::optional<ReleaseRecord> releaseFromJson(const QJsonObject &json)
{
    ReleaseRecord release;
    JsonFieldReader in(json);
    in.requiredId(release.id);
    in.text("version"_L1, release.version);
    in.unsignedInteger("securityVersion"_L1, release.securityVersion);
    in.texts("hardwareClasses"_L1, release.hardwareClasses);
    in.text("vendorId"_L1, release.vendorId);
    in.text("payloadType"_L1, release.payloadType);
    in.unsignedInteger("imageSize"_L1, release.imageSize);
    in.text("imageSha256"_L1, release.imageSha256);
    in.time("createdAt"_L1, release.createdAt);
    in.texts("signerKeyIds"_L1, release.signerKeyIds);
    in.text("uploadedBy"_L1, release.uploadedBy);
    in.time("uploadedAt"_L1, release.uploadedAt);
    in.integer("revision"_L1, release.revision);
    if (!in.ok())
        return std::nullopt;
    return release;
}

QJsonObject toJson(const TrustedKeyRecord &key)
{
    QJsonObject json{{"id"_L1, key.id}};
    putText(json, "name"_L1, key.name);
    putText(json, "comment"_L1, key.comment);
    putText(json, "publicKeyPem"_L1, key.publicKeyPem);
    putText(json, "state"_L1, key.state);
    putText(json, "addedBy"_L1, key.addedBy);
    putTime(json, "addedAt"_L1, key.addedAt);
    putText(json, "revokedBy"_L1, key.revokedBy);
    putTime(json, "revokedAt"_L1, key.revokedAt);
    putText(json, "revocationReason"_L1, key.revocationReason);
    json.insert("revision"_L1, key.revision);
    return json;
}

std::optional<TrustedKeyRecord> trustedKeyFromJson(const QJsonObject &json)
{
    TrustedKeyRecord key;
    JsonFieldReader in(json);
    in.requiredId(key.id);
    in.text("name"_L1, key.name);
    in.text("comment"_L1, key.comment);
    in.text("publicKeyPem"_L1, key.publicKeyPem);
    in.text("state"_L1, key.state);
    in.text("addedBy"_L1, key.addedBy);
    in.time("addedAt"_L1, key.addedAt);
    in.text("revokedBy"_L1, key.revokedBy);
    in.time("revokedAt"_L1, key.revokedAt);
    in.text("revocationReason"_L1, key.revocationReason);
    in.integer("revision"_L1, key.revision);
    if (!in.ok())
        return std::nullopt;
    return key;
}

} // namespace otter::models
