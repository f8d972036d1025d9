// A device's deployment history for GetDevice. Deployments keep the rollout; the release (and its display
// version) comes from the rollout's release row, read once per release however many deployments use it.
#include "backend/services/device_history.h"

#include "otter/v1/releases.pb.h"

#include <QHash>

#include <google/protobuf/util/time_util.h>

namespace otter::backend {
namespace {

using google::protobuf::util::TimeUtil;

Result<QString> releaseVersion(SqliteConnection &connection, const QString &releaseId)
{
    auto statement = connection.prepare("SELECT body FROM releases WHERE id = ?");
    if (!statement)
        return statement.error();
    statement->bind(1, releaseId);
    if (!statement->next())
        return statement->failed() ? Result<QString>(statement->error()) : Result<QString>(QString());
    v1::Release release;
    const QByteArray body = statement->blob(0);
    if (!release.ParseFromArray(body.constData(), int(body.size())))
        return QString();
    return QString::fromStdString(release.version());
}

} // namespace

Result<void> appendDeviceDeploymentHistory(SqliteConnection &connection, const QString &deviceId, int limit,
                                           google::protobuf::RepeatedPtrField<v1::Deployment> *history)
{
    auto statement = connection.prepare(
        "SELECT d.id, d.rollout_id, r.release_id, d.stage, d.state, d.skip_reason, d.error, d.detail, "
        "d.from_version, d.cancelled, d.created_at, d.updated_at, d.finished_at "
        "FROM deployments AS d JOIN rollouts AS r ON r.id = d.rollout_id WHERE d.device_id = ? "
        "ORDER BY d.created_at DESC, d.id DESC LIMIT ?");
    if (!statement)
        return statement.error();
    statement->bind(1, deviceId).bind(2, limit);
    QHash<QString, QString> versions; // release id → display version
    while (statement->next()) {
        v1::Deployment *deployment = history->Add();
        const QString releaseId = statement->text(2);
        deployment->set_id(statement->text(0).toStdString());
        deployment->set_rollout_id(statement->text(1).toStdString());
        deployment->set_device_id(deviceId.toStdString());
        deployment->set_release_id(releaseId.toStdString());
        if (!statement->isNull(3))
            deployment->set_stage(quint32(statement->int64(3)));
        deployment->set_state(v1::DeploymentState(statement->int64(4)));
        deployment->set_skip_reason(v1::SkipReason(statement->int64(5)));
        deployment->set_error(v1::DeploymentError(statement->int64(6)));
        deployment->set_detail(statement->text(7).toStdString());
        deployment->set_from_version(statement->text(8).toStdString());
        deployment->set_cancelled(statement->int64(9) != 0);
        *deployment->mutable_created_at() = TimeUtil::MillisecondsToTimestamp(statement->int64(10));
        *deployment->mutable_updated_at() = TimeUtil::MillisecondsToTimestamp(statement->int64(11));
        if (!statement->isNull(12))
            *deployment->mutable_finished_at() = TimeUtil::MillisecondsToTimestamp(statement->int64(12));
    }
    if (statement->failed())
        return statement->error();
    // One lookup per release, however many of the device's deployments came from it.
    for (v1::Deployment &deployment : *history) {
        const QString releaseId = QString::fromStdString(deployment.release_id());
        if (!versions.contains(releaseId)) {
            auto version = releaseVersion(connection, releaseId);
            if (!version)
                return version.error();
            versions.insert(releaseId, *version);
        }
        deployment.set_release_version(versions.value(releaseId).toStdString());
    }
    return {};
}

} // namespace otter::backend
