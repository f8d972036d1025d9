// Checking a group sent by a client.
#include "backend/services/group_validation.h"

#include "backend/services/device_filter.h"
#include "backend/services/stored_object_refusals.h"
#include "backend/storage/operator_accounts.h"

#include <QSet>

namespace otter::backend {
namespace {

constexpr int MaxNameLength = 100;
constexpr int MaxDescriptionLength = 2000;

ApiError invalid(const QString &message)
{
    return apiError(grpc::StatusCode::INVALID_ARGUMENT, message);
}

} // namespace

std::variant<v1::Group, ApiError> validatedGroup(const v1::Group &input)
{
    v1::Group group;
    const QString id = QString::fromStdString(input.id());
    if (!id.isEmpty() && !isValidObjectId(id))
        return invalid(QStringLiteral("group.id \"%1\" must be 1 to 64 characters from a-z, 0-9, '.', '_' "
                                      "and '-', starting with a letter or digit (or empty: the server "
                                      "assigns one)")
                           .arg(id));
    group.set_id(input.id());
    const QString name = QString::fromStdString(input.name()).trimmed();
    if (name.isEmpty() || name.size() > MaxNameLength)
        return invalid(QStringLiteral("group.name is required: 1 to %1 characters, e.g. \"EU canary\"")
                           .arg(MaxNameLength));
    group.set_name(name.toStdString());
    if (QString::fromStdString(input.description()).size() > MaxDescriptionLength)
        return invalid(
            QStringLiteral("group.description is longer than %1 characters").arg(MaxDescriptionLength));
    group.set_description(input.description());

    switch (input.membership_case()) {
    case v1::Group::MEMBERSHIP_NOT_SET:
        return invalid(QStringLiteral("group has no membership: set members (the device ids of a static "
                                      "group) or filter (the expression of a dynamic group)"));
    case v1::Group::kMembers: {
        const auto &ids = input.members().device_ids();
        if (ids.size() > MaxStaticGroupMembers)
            return invalid(QStringLiteral("group.members lists %1 device ids; a static group holds at most "
                                          "%2 (label the devices and use a dynamic group instead)")
                               .arg(ids.size())
                               .arg(MaxStaticGroupMembers));
        QSet<QString> seen;
        auto *members = group.mutable_members();
        for (int i = 0; i < ids.size(); ++i) {
            const QString deviceId = QString::fromStdString(ids[i]);
            if (!isValidObjectId(deviceId))
                return invalid(
                    QStringLiteral("group.members.device_ids[%1] \"%2\" is not a device id (1 to 64 "
                                   "characters from a-z, 0-9, '.', '_' and '-')")
                        .arg(i)
                        .arg(deviceId));
            if (!seen.contains(deviceId)) {
                seen.insert(deviceId);
                members->add_device_ids(ids[i]);
            }
        }
        break;
    }
    case v1::Group::kFilter: {
        if (QString::fromStdString(input.filter()).trimmed().isEmpty())
            return invalid(QStringLiteral("group.filter is empty; a dynamic group needs a filter expression, "
                                          "e.g. class == \"gw-200\" (to target every device, say so: id ~ "
                                          "\"*\")"));
        auto compiled = compileDeviceFilter(input.filter(), QStringLiteral("group.filter"));
        if (auto *error = std::get_if<ApiError>(&compiled))
            return *error;
        group.set_filter(input.filter());
        break;
    }
    }
    return group;
}

ApiError groupConflict(grpc::StatusCode code, const QString &message, v1::ErrorReason reason,
                       const v1::Group &stored)
{
    return conflictError(code, message, reason, v1::OBJECT_KIND_GROUP, stored,
                         &v1::CurrentObject::mutable_group);
}

ApiError staleGroup(const v1::Group &stored, qint64 expectedRevision)
{
    return staleRevisionError(QStringLiteral("group"), v1::OBJECT_KIND_GROUP, stored,
                              &v1::CurrentObject::mutable_group, expectedRevision);
}

} // namespace otter::backend
