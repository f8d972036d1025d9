// PreviewGroup. Both kinds of membership become one SQL condition over the devices table, so the count and
// the page come from the same queries ListDevices uses: a static list is bound as a JSON array and read
// with json_each.
#include "backend/services/group_preview.h"

#include "backend/services/device_filter.h"
#include "backend/services/group_validation.h"
#include "backend/storage/device_queries.h"
#include "backend/storage/groups.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace otter::backend {
namespace {

QByteArray jsonArray(const google::protobuf::RepeatedPtrField<std::string> &ids)
{
    QJsonArray array;
    for (const std::string &id : ids)
        array.append(QString::fromStdString(id));
    return QJsonDocument(array).toJson(QJsonDocument::Compact);
}

Result<void> appendUnknownIds(SqliteConnection &connection, const QByteArray &idsJson,
                              v1::PreviewGroupResponse *response)
{
    auto statement = connection.prepare("SELECT DISTINCT j.value FROM json_each(?) AS j WHERE NOT EXISTS "
                                        "(SELECT 1 FROM devices AS d WHERE d.id = j.value) ORDER BY j.key");
    if (!statement)
        return statement.error();
    statement->bindText(1, idsJson);
    while (statement->next())
        response->add_unknown_device_ids(statement->text(0).toStdString());
    if (statement->failed())
        return statement->error();
    return {};
}

Result<void> fillPreview(SqliteConnection &connection, const SqlFragment &condition, int pageSize,
                         v1::PreviewGroupResponse *response)
{
    auto count = countDevices(connection, condition);
    if (!count)
        return count.error();
    response->set_matching_count(quint64(*count));
    DeviceListQuery query;
    query.filter = condition;
    query.limit = pageSize;
    auto page = listDevices(connection, query, response->mutable_devices());
    if (!page)
        return page.error();
    return {};
}

} // namespace

ApiStatus previewGroup(SqliteConnection &connection, const v1::PreviewGroupRequest &request, int pageSize,
                       v1::PreviewGroupResponse *response)
{
    const google::protobuf::RepeatedPtrField<std::string> *members = nullptr;
    std::string filter;
    QString filterField = QStringLiteral("filter");
    v1::Group stored;
    switch (request.subject_case()) {
    case v1::PreviewGroupRequest::SUBJECT_NOT_SET:
        return apiError(grpc::StatusCode::INVALID_ARGUMENT,
                        QStringLiteral("nothing to preview: set group_id, filter or members"));
    case v1::PreviewGroupRequest::kGroupId: {
        const QString id = QString::fromStdString(request.group_id());
        auto found = findGroup(connection, id);
        if (!found)
            return apiError(found.error());
        if (!found->has_value())
            return apiError(grpc::StatusCode::NOT_FOUND,
                            QStringLiteral("no group has the id \"%1\"").arg(id));
        stored = std::move(**found);
        if (stored.has_members())
            members = &stored.members().device_ids();
        filter = stored.filter();
        filterField = QStringLiteral("the filter of group %1").arg(id);
        break;
    }
    case v1::PreviewGroupRequest::kFilter:
        filter = request.filter();
        break;
    case v1::PreviewGroupRequest::kMembers:
        members = &request.members().device_ids();
        if (members->size() > MaxStaticGroupMembers)
            return apiError(grpc::StatusCode::INVALID_ARGUMENT,
                            QStringLiteral("members lists %1 device ids; a static group holds at most %2")
                                .arg(members->size())
                                .arg(MaxStaticGroupMembers));
        break;
    }

    if (members) {
        const QByteArray idsJson = jsonArray(*members);
        const SqlFragment condition{QStringLiteral("id IN (SELECT value FROM json_each(?))"),
                                    {QString::fromUtf8(idsJson)}};
        if (auto ok = fillPreview(connection, condition, pageSize, response); !ok)
            return apiError(ok.error());
        if (auto ok = appendUnknownIds(connection, idsJson, response); !ok)
            return apiError(ok.error());
        return std::nullopt;
    }
    auto compiled = compileDeviceFilter(filter, filterField);
    if (auto *error = std::get_if<ApiError>(&compiled))
        return *error;
    if (auto ok = fillPreview(connection, std::get<CompiledFilter>(compiled).sql, pageSize, response); !ok)
        return apiError(ok.error());
    return std::nullopt;
}

} // namespace otter::backend
