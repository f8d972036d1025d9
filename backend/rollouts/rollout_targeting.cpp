// Targeting: which devices a rollout reaches, which it skips and why, and which stage brings each in.
#include "backend/rollouts/rollout_targeting.h"

#include "backend/rollouts/rollout_definition.h"
#include "backend/storage/device_queries.h"
#include "core/filter_expression.h"
#include "core/rollout_stages.h"
#include "core/semver.h"
#include "otter/v1/groups.pb.h"

#include <QHash>

#include <algorithm>

namespace otter::backend {
namespace {

void collectRows(SqliteStatement &query, QHash<QString, TargetDevice> &devices)
{
    while (query.next()) {
        TargetDevice device{query.text(0), query.text(1), query.text(2), query.int64(3)};
        devices.insert(device.id, device);
    }
}

Result<void> addGroupMembers(SqliteConnection &connection, const QString &groupId,
                             QHash<QString, TargetDevice> &devices)
{
    auto body = connection.prepare("SELECT body FROM groups WHERE id = ?");
    if (!body)
        return body.error();
    body->bind(1, groupId);
    if (!body->next())
        return makeError(ErrorKind::NotFound, QStringLiteral("group %1 does not exist").arg(groupId));
    v1::Group group;
    group.ParseFromString(body->blob(0).toStdString());
    if (group.membership_case() == v1::Group::kFilter) {
        auto filter = FilterExpression::parse(QString::fromStdString(group.filter()));
        if (!filter)
            return makeError(
                ErrorKind::InvalidInput,
                QStringLiteral("group %1 has an invalid filter: %2").arg(groupId, filter.errorMessage()));
        const SqlFragment where = filter->toSql(deviceFilterColumns());
        auto query = connection.prepareDynamic(
            QStringLiteral("SELECT id, hardware_class, firmware_version, security_version FROM devices%1")
                .arg(where.sql.isEmpty() ? QString() : QStringLiteral(" WHERE ") + where.sql));
        if (!query)
            return query.error();
        int index = 1;
        for (const QVariant &param : where.params) {
            if (param.typeId() == QMetaType::LongLong || param.typeId() == QMetaType::Int ||
                param.typeId() == QMetaType::Bool)
                query->bind(index++, param.toLongLong());
            else
                query->bind(index++, param.toString());
        }
        collectRows(*query, devices);
        return {};
    }
    auto members =
        connection.prepare("SELECT d.id, d.hardware_class, d.firmware_version, d.security_version FROM "
                           "group_members m JOIN devices d ON d.id = m.device_id WHERE m.group_id = ?");
    if (!members)
        return members.error();
    members->bind(1, groupId);
    collectRows(*members, devices);
    return {};
}

} // namespace

Result<v1::Release> loadRelease(SqliteConnection &connection, const QString &releaseId)
{
    auto query = connection.prepare("SELECT body FROM releases WHERE id = ?");
    if (!query)
        return query.error();
    query->bind(1, releaseId);
    if (!query->next())
        return makeError(ErrorKind::NotFound, QStringLiteral("release %1 does not exist").arg(releaseId));
    v1::Release release;
    release.ParseFromString(query->blob(0).toStdString());
    return release;
}

Result<TargetPlan> planTargets(SqliteConnection &connection, const v1::Rollout &rollout,
                               const v1::Release &release)
{
    QHash<QString, TargetDevice> devices;
    for (const std::string &group : rollout.target_group_ids()) {
        if (auto ok = addGroupMembers(connection, QString::fromStdString(group), devices); !ok)
            return ok.error();
    }
    QStringList classes;
    for (const std::string &hardwareClass : release.hardware_classes())
        classes << QString::fromStdString(hardwareClass);
    const QString version = QString::fromStdString(release.version());
    const qint64 securityVersion = qint64(release.security_version());
    const QString rolloutId = QString::fromStdString(rollout.id());

    TargetPlan plan;
    plan.targeted = devices.size();
    QList<std::pair<quint64, TargetDevice>> ordered;
    for (const TargetDevice &device : std::as_const(devices)) {
        if (!classes.contains(device.hardwareClass))
            plan.skipped[v1::SKIP_REASON_INCOMPATIBLE_HARDWARE].append(device);
        else if (!device.firmwareVersion.isEmpty() && compareVersions(device.firmwareVersion, version) == 0)
            plan.skipped[v1::SKIP_REASON_ALREADY_CURRENT].append(device);
        else if (securityVersion < device.securityVersion)
            plan.skipped[v1::SKIP_REASON_DOWNGRADE].append(device);
        else
            ordered.append({stageOrderKey(rolloutId, device.id), device});
    }
    // Ties in the 64-bit key are vanishingly rare; the id breaks them so the order stays total.
    std::sort(ordered.begin(), ordered.end(), [](const auto &a, const auto &b) {
        return a.first != b.first ? a.first < b.first : a.second.id < b.second.id;
    });
    for (const auto &[key, device] : ordered)
        plan.eligible.append(device);
    for (auto &list : plan.skipped)
        std::sort(list.begin(), list.end(),
                  [](const TargetDevice &a, const TargetDevice &b) { return a.id < b.id; });
    auto sizes = cumulativeStageSizes(plan.eligible.size(), stagePercents(rollout));
    if (!sizes)
        return sizes.error();
    plan.stageSizes = *sizes;
    return plan;
}

} // namespace otter::backend
