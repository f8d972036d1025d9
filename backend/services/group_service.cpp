// GroupService: static and dynamic device groups (groups.proto). Every mutation is one transaction that
// checks the stored state (existence, revision, unique name), bumps the revision and writes an audit entry.
#include "backend/services/group_preview.h"
#include "backend/services/group_validation.h"
#include "backend/services/page_token.h"
#include "backend/services/services.h"
#include "backend/services/stored_object_refusals.h"
#include "backend/services/unary_call.h"
#include "backend/storage/groups.h"
#include "otter/v1/groups.grpc.pb.h"

#include <QUuid>

#include <google/protobuf/util/time_util.h>

namespace otter::backend {
namespace {

using google::protobuf::util::TimeUtil;

// What an audit entry says about a group's content.
QJsonObject groupDetails(const v1::Group &group)
{
    QJsonObject details{{QStringLiteral("name"), QString::fromStdString(group.name())},
                        {QStringLiteral("revision"), double(group.revision())}};
    if (group.has_members())
        details.insert(QStringLiteral("members"), group.members().device_ids_size());
    else
        details.insert(QStringLiteral("filter"), QString::fromStdString(group.filter()));
    return details;
}

ApiError nameTaken(const v1::Group &holder)
{
    return groupConflict(grpc::StatusCode::ALREADY_EXISTS,
                         QStringLiteral("the group name \"%1\" is taken by group %2")
                             .arg(QString::fromStdString(holder.name()), QString::fromStdString(holder.id())),
                         v1::ERROR_REASON_ALREADY_EXISTS, holder);
}

ApiError notFound(const QString &id)
{
    return apiError(grpc::StatusCode::NOT_FOUND, QStringLiteral("no group has the id \"%1\"").arg(id));
}

class GroupService final : public v1::GroupService::CallbackService
{
public:
    explicit GroupService(ServiceContext &context)
        : m_context(context)
    {}

    grpc::ServerUnaryReactor *CreateGroup(grpc::CallbackServerContext *call,
                                          const v1::CreateGroupRequest *request,
                                          v1::CreateGroupResponse *response) override
    {
        return serveUnary(m_context, call, v1::ROLE_OPERATOR, "CreateGroup", [&](const Caller &caller) {
            return createGroup(caller, request->group(), response->mutable_group());
        });
    }

    grpc::ServerUnaryReactor *GetGroup(grpc::CallbackServerContext *call, const v1::GetGroupRequest *request,
                                       v1::GetGroupResponse *response) override
    {
        return serveUnary(m_context, call, v1::ROLE_VIEWER, "GetGroup",
                          [&](const Caller &) { return getGroup(*request, response); });
    }

    grpc::ServerUnaryReactor *ListGroups(grpc::CallbackServerContext *call,
                                         const v1::ListGroupsRequest *request,
                                         v1::ListGroupsResponse *response) override
    {
        return serveUnary(m_context, call, v1::ROLE_VIEWER, "ListGroups",
                          [&](const Caller &) { return listGroups(*request, response); });
    }

    grpc::ServerUnaryReactor *UpdateGroup(grpc::CallbackServerContext *call,
                                          const v1::UpdateGroupRequest *request,
                                          v1::UpdateGroupResponse *response) override
    {
        return serveUnary(m_context, call, v1::ROLE_OPERATOR, "UpdateGroup", [&](const Caller &caller) {
            return updateGroup(caller, *request, response->mutable_group());
        });
    }

    grpc::ServerUnaryReactor *DeleteGroup(grpc::CallbackServerContext *call,
                                          const v1::DeleteGroupRequest *request,
                                          v1::DeleteGroupResponse *response) override
    {
        return serveUnary(m_context, call, v1::ROLE_OPERATOR, "DeleteGroup",
                          [&](const Caller &caller) { return deleteGroup(caller, *request, response); });
    }

    grpc::ServerUnaryReactor *PreviewGroup(grpc::CallbackServerContext *call,
                                           const v1::PreviewGroupRequest *request,
                                           v1::PreviewGroupResponse *response) override
    {
        return serveUnary(m_context, call, v1::ROLE_VIEWER, "PreviewGroup", [&](const Caller &) -> ApiStatus {
            const int pageSize = effectivePageSize(m_context, request->page_size());
            auto previewed = m_context.database.read([&](SqliteConnection &connection) -> Result<ApiStatus> {
                return previewGroup(connection, *request, pageSize, response);
            });
            if (!previewed)
                return apiError(previewed.error());
            return *previewed;
        });
    }

private:
    ApiStatus createGroup(const Caller &caller, const v1::Group &input, v1::Group *output)
    {
        auto validated = validatedGroup(input);
        if (auto *error = std::get_if<ApiError>(&validated))
            return *error;
        v1::Group group = std::get<v1::Group>(std::move(validated));
        if (group.id().empty())
            group.set_id(QUuid::createUuid().toString(QUuid::WithoutBraces).toLower().toStdString());
        const QString id = QString::fromStdString(group.id());
        const auto now = TimeUtil::MillisecondsToTimestamp(m_context.clock.now().toMSecsSinceEpoch());
        group.set_created_by(caller.name.toStdString());
        *group.mutable_created_at() = now;
        group.set_updated_by(caller.name.toStdString());
        *group.mutable_updated_at() = now;

        ApiStatus refusal;
        auto written = m_context.database.write([&](WriteContext &tx) -> Result<bool> {
            auto existing = findGroup(tx.sql(), id);
            if (!existing)
                return existing.error();
            if (existing->has_value())
                return refuse(refusal, groupConflict(grpc::StatusCode::ALREADY_EXISTS,
                                                     QStringLiteral("a group with the id %1 already exists "
                                                                    "(\"%2\", revision %3)")
                                                         .arg(id, QString::fromStdString((*existing)->name()))
                                                         .arg((*existing)->revision()),
                                                     v1::ERROR_REASON_ALREADY_EXISTS, **existing));
            if (auto free = checkNameFree(findGroupByName(tx.sql(), QString::fromStdString(group.name())),
                                          group, refusal, nameTaken);
                !free)
                return free.error();
            auto revision = tx.revision();
            if (!revision)
                return revision.error();
            group.set_revision(*revision);
            if (auto ok = saveGroup(tx.sql(), group); !ok)
                return ok.error();
            if (auto ok = tx.audit({caller.name, QStringLiteral("group.create"),
                                    QStringLiteral("group/%1").arg(id), groupDetails(group)});
                !ok)
                return ok.error();
            return true;
        });
        if (refusal)
            return refusal;
        if (!written)
            return apiError(written.error());
        *output = std::move(group);
        return std::nullopt;
    }

    ApiStatus getGroup(const v1::GetGroupRequest &request, v1::GetGroupResponse *response)
    {
        const QString id = QString::fromStdString(request.group_id());
        if (id.isEmpty())
            return apiError(grpc::StatusCode::INVALID_ARGUMENT, QStringLiteral("group_id is required"));
        auto found =
            m_context.database.read([&](SqliteConnection &connection) { return findGroup(connection, id); });
        if (!found)
            return apiError(found.error());
        if (!found->has_value())
            return notFound(id);
        *response->mutable_group() = std::move(**found);
        return std::nullopt;
    }

    ApiStatus listGroups(const v1::ListGroupsRequest &request, v1::ListGroupsResponse *response)
    {
        static const QString fingerprint = QStringLiteral("ListGroups");
        std::optional<GroupListCursor> after;
        if (!request.page_token().empty()) {
            const auto cursor = decodePageToken(QString::fromStdString(request.page_token()), fingerprint);
            if (!cursor || cursor->key.size() != 2)
                return apiError(grpc::StatusCode::INVALID_ARGUMENT,
                                QStringLiteral("page_token is not a token this call returned; start again "
                                               "with an empty page_token"));
            after = GroupListCursor{cursor->key[0], cursor->key[1]};
        }
        const int pageSize = effectivePageSize(m_context, request.page_size());
        // One row beyond the page tells whether another page follows.
        auto groups = m_context.database.read(
            [&](SqliteConnection &connection) { return groupsAfter(connection, after, pageSize + 1); });
        if (!groups)
            return apiError(groups.error());
        const bool more = groups->size() > pageSize;
        for (int i = 0; i < qMin(pageSize, int(groups->size())); ++i)
            *response->add_groups() = std::move((*groups)[i]);
        if (more) {
            const v1::Group &last = response->groups(pageSize - 1);
            response->set_next_page_token(
                encodePageToken({{QString::fromStdString(last.name()), QString::fromStdString(last.id())}},
                                fingerprint)
                    .toStdString());
        }
        return std::nullopt;
    }

    ApiStatus updateGroup(const Caller &caller, const v1::UpdateGroupRequest &request, v1::Group *output)
    {
        if (request.group().id().empty())
            return apiError(grpc::StatusCode::INVALID_ARGUMENT,
                            QStringLiteral("group.id is required: it names the group to update"));
        auto validated = validatedGroup(request.group());
        if (auto *error = std::get_if<ApiError>(&validated))
            return *error;
        v1::Group group = std::get<v1::Group>(std::move(validated));
        const QString id = QString::fromStdString(group.id());

        ApiStatus refusal;
        auto written = m_context.database.write([&](WriteContext &tx) -> Result<bool> {
            auto stored = storedAtRevision(
                findGroup(tx.sql(), id), request.expected_revision(), refusal, [&] { return notFound(id); },
                staleGroup);
            if (!stored)
                return stored.error();
            const v1::Group &current = *stored;
            if (auto free = checkNameFree(findGroupByName(tx.sql(), QString::fromStdString(group.name())),
                                          group, refusal, nameTaken);
                !free)
                return free.error();
            auto revision = tx.revision();
            if (!revision)
                return revision.error();
            group.set_created_by(current.created_by());
            *group.mutable_created_at() = current.created_at();
            group.set_updated_by(caller.name.toStdString());
            *group.mutable_updated_at() =
                TimeUtil::MillisecondsToTimestamp(m_context.clock.now().toMSecsSinceEpoch());
            group.set_revision(*revision);
            if (auto ok = saveGroup(tx.sql(), group); !ok)
                return ok.error();
            QJsonObject details = groupDetails(group);
            details.insert(QStringLiteral("previous_revision"), double(current.revision()));
            if (auto ok = tx.audit({caller.name, QStringLiteral("group.update"),
                                    QStringLiteral("group/%1").arg(id), details});
                !ok)
                return ok.error();
            return true;
        });
        if (refusal)
            return refusal;
        if (!written)
            return apiError(written.error());
        *output = std::move(group);
        return std::nullopt;
    }

    ApiStatus deleteGroup(const Caller &caller, const v1::DeleteGroupRequest &request,
                          v1::DeleteGroupResponse *response)
    {
        const QString id = QString::fromStdString(request.group_id());
        if (id.isEmpty())
            return apiError(grpc::StatusCode::INVALID_ARGUMENT, QStringLiteral("group_id is required"));
        ApiStatus refusal;
        auto written = m_context.database.write([&](WriteContext &tx) -> Result<qint64> {
            auto stored = storedAtRevision(
                findGroup(tx.sql(), id), request.expected_revision(), refusal, [&] { return notFound(id); },
                staleGroup);
            if (!stored)
                return stored.error();
            const v1::Group &current = *stored;
            auto users = rolloutsBlockingGroupDeletion(tx.sql(), id);
            if (!users)
                return users.error();
            if (!users->isEmpty())
                return refuse(refusal,
                              inUseByRollouts(QStringLiteral("group %1 is targeted by rollouts that have not "
                                                             "started (%2); remove it from them or delete "
                                                             "them first")
                                                  .arg(id, users->join(QStringLiteral(", "))),
                                              *users));
            if (auto ok = otter::backend::deleteGroup(tx.sql(), id); !ok)
                return ok.error();
            if (auto ok = tx.tombstone(int(v1::OBJECT_KIND_GROUP), id); !ok)
                return ok.error();
            if (auto ok = tx.audit({caller.name, QStringLiteral("group.delete"),
                                    QStringLiteral("group/%1").arg(id), groupDetails(current)});
                !ok)
                return ok.error();
            return tx.revision();
        });
        if (refusal)
            return refusal;
        if (!written)
            return apiError(written.error());
        response->set_revision(*written);
        return std::nullopt;
    }

    ServiceContext &m_context;
};

} // namespace

std::unique_ptr<grpc::Service> makeGroupService(ServiceContext &context)
{
    return std::make_unique<GroupService>(context);
}

} // namespace otter::backend
