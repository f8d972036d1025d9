// RolloutService: drafts, approvals, the lifecycle, per-device outcomes and live progress.
#include "backend/rollouts/rollout_definition.h"
#include "backend/rollouts/rollout_engine.h"
#include "backend/rollouts/rollout_lifecycle.h"
#include "backend/rollouts/rollout_progress.h"
#include "backend/rollouts/rollout_queries.h"
#include "backend/rollouts/watch_rollout.h"
#include "backend/server/proto_time.h"
#include "backend/services/services.h"
#include "backend/services/unary_call.h"
#include "backend/storage/operator_accounts.h"
#include "otter/v1/rollouts.grpc.pb.h"

#include <QJsonObject>
#include <QUuid>

namespace otter::backend {
namespace {

QString text(const std::string &value)
{
    return QString::fromStdString(value);
}

ApiError notFound(const QString &id)
{
    return apiError(grpc::StatusCode::NOT_FOUND, QStringLiteral("rollout %1 does not exist").arg(id));
}

class RolloutService final : public v1::RolloutService::CallbackService
{
public:
    RolloutService(ServiceContext &context, RolloutEngine &engine)
        : m_context(context)
        , m_engine(engine)
    {}

    grpc::ServerUnaryReactor *CreateRollout(grpc::CallbackServerContext *call,
                                            const v1::CreateRolloutRequest *request,
                                            v1::CreateRolloutResponse *response) override
    {
        return serveUnary(
            m_context, call, v1::ROLE_OPERATOR, "CreateRollout", [&](const Caller &caller) -> ApiStatus {
                v1::Rollout rollout;
                copyEditableFields(request->rollout(), rollout);
                QString id = text(request->rollout().id());
                if (id.isEmpty())
                    id = QUuid::createUuid().toString(QUuid::WithoutBraces);
                if (!isValidObjectId(id))
                    return apiError(
                        grpc::StatusCode::INVALID_ARGUMENT,
                        QStringLiteral("rollout id \"%1\" must be 1-64 of a-z, 0-9, '.', '_', '-'").arg(id));
                rollout.set_id(id.toStdString());
                if (auto refused = normaliseRolloutDefinition(rollout))
                    return refused;
                const qint64 now = m_context.clock.now().toMSecsSinceEpoch();
                rollout.set_state(v1::ROLLOUT_STATE_DRAFT);
                rollout.set_created_by(caller.name.toStdString());
                *rollout.mutable_created_at() = timestampFromMs(now);
                rollout.set_updated_by(caller.name.toStdString());
                *rollout.mutable_updated_at() = timestampFromMs(now);
                auto outcome = m_context.database.write([&](WriteContext &tx) -> Result<ApiStatus> {
                    auto existing = loadRollout(tx.sql(), id);
                    if (!existing)
                        return existing.error();
                    if (existing->has_value()) {
                        ApiError error =
                            apiError(grpc::StatusCode::ALREADY_EXISTS,
                                     QStringLiteral("a rollout with id %1 exists already").arg(id),
                                     v1::ERROR_REASON_ALREADY_EXISTS);
                        error.detail->mutable_current()->set_kind(v1::OBJECT_KIND_ROLLOUT);
                        error.detail->mutable_current()->set_id(id.toStdString());
                        error.detail->mutable_current()->set_revision((*existing)->revision());
                        *error.detail->mutable_current()->mutable_rollout() = **existing;
                        return ApiStatus(error);
                    }
                    if (auto refused = checkRolloutReferences(tx.sql(), rollout))
                        return ApiStatus(refused);
                    if (auto ok = storeRollout(tx, rollout); !ok)
                        return ok.error();
                    if (auto ok =
                            tx.audit({caller.name, QStringLiteral("rollout.create"),
                                      QStringLiteral("rollout/%1").arg(id),
                                      QJsonObject{{QStringLiteral("name"), text(rollout.name())},
                                                  {QStringLiteral("release"), text(rollout.release_id())}}});
                        !ok)
                        return ok.error();
                    return ApiStatus();
                });
                if (!outcome)
                    return apiError(outcome.error());
                if (*outcome)
                    return *outcome;
                *response->mutable_rollout() = rollout;
                return std::nullopt;
            });
    }

    grpc::ServerUnaryReactor *GetRollout(grpc::CallbackServerContext *call,
                                         const v1::GetRolloutRequest *request,
                                         v1::GetRolloutResponse *response) override
    {
        return serveUnary(m_context, call, v1::ROLE_VIEWER, "GetRollout", [&](const Caller &) -> ApiStatus {
            const QString id = text(request->rollout_id());
            auto found = m_context.database.read([&](SqliteConnection &connection) -> Result<bool> {
                auto rollout = loadRollout(connection, id);
                if (!rollout)
                    return rollout.error();
                if (!rollout->has_value())
                    return false;
                *response->mutable_rollout() = **rollout;
                auto progress =
                    loadProgress(connection, **rollout, m_context.clock.now().toMSecsSinceEpoch());
                if (!progress)
                    return progress.error();
                *response->mutable_progress() = *progress;
                auto events = loadEvents(connection, id, 0, 1000);
                if (!events)
                    return events.error();
                for (const v1::RolloutEvent &event : *events)
                    *response->add_events() = event;
                return true;
            });
            if (!found)
                return apiError(found.error());
            return *found ? ApiStatus() : ApiStatus(notFound(id));
        });
    }

    grpc::ServerUnaryReactor *ListRollouts(grpc::CallbackServerContext *call,
                                           const v1::ListRolloutsRequest *request,
                                           v1::ListRolloutsResponse *response) override
    {
        return serveUnary(m_context, call, v1::ROLE_VIEWER, "ListRollouts", [&](const Caller &) -> ApiStatus {
            return listRollouts(m_context, *request, response);
        });
    }

    grpc::ServerUnaryReactor *UpdateRollout(grpc::CallbackServerContext *call,
                                            const v1::UpdateRolloutRequest *request,
                                            v1::UpdateRolloutResponse *response) override
    {
        return serveUnary(
            m_context, call, v1::ROLE_OPERATOR, "UpdateRollout", [&](const Caller &caller) -> ApiStatus {
                const QString id = text(request->rollout().id());
                auto outcome = m_context.database.write([&](WriteContext &tx) -> Result<ApiStatus> {
                    auto stored = loadRollout(tx.sql(), id);
                    if (!stored)
                        return stored.error();
                    if (!stored->has_value())
                        return ApiStatus(notFound(id));
                    v1::Rollout rollout = **stored;
                    if (request->expected_revision() != rollout.revision())
                        return ApiStatus(staleRevision(rollout, request->expected_revision()));
                    if (rollout.state() != v1::ROLLOUT_STATE_DRAFT)
                        return ApiStatus(wrongState(rollout, QStringLiteral("only a DRAFT can be edited")));
                    copyEditableFields(request->rollout(), rollout);
                    if (auto refused = normaliseRolloutDefinition(rollout))
                        return ApiStatus(refused);
                    if (auto refused = checkRolloutReferences(tx.sql(), rollout))
                        return ApiStatus(refused);
                    rollout.set_updated_by(caller.name.toStdString());
                    *rollout.mutable_updated_at() = toTimestamp(m_context.clock.now());
                    if (auto ok = storeRollout(tx, rollout); !ok)
                        return ok.error();
                    if (auto ok = tx.audit({caller.name, QStringLiteral("rollout.update"),
                                            QStringLiteral("rollout/%1").arg(id),
                                            QJsonObject{{QStringLiteral("name"), text(rollout.name())}}});
                        !ok)
                        return ok.error();
                    *response->mutable_rollout() = rollout;
                    return ApiStatus();
                });
                return outcome ? *outcome : ApiStatus(apiError(outcome.error()));
            });
    }

    grpc::ServerUnaryReactor *DeleteRollout(grpc::CallbackServerContext *call,
                                            const v1::DeleteRolloutRequest *request,
                                            v1::DeleteRolloutResponse *response) override
    {
        return serveUnary(
            m_context, call, v1::ROLE_OPERATOR, "DeleteRollout", [&](const Caller &caller) -> ApiStatus {
                const QString id = text(request->rollout_id());
                auto outcome = m_context.database.write([&](WriteContext &tx) -> Result<ApiStatus> {
                    auto stored = loadRollout(tx.sql(), id);
                    if (!stored)
                        return stored.error();
                    if (!stored->has_value())
                        return ApiStatus(notFound(id));
                    if (request->expected_revision() != (*stored)->revision())
                        return ApiStatus(staleRevision(**stored, request->expected_revision()));
                    if ((*stored)->state() != v1::ROLLOUT_STATE_DRAFT)
                        return ApiStatus(wrongState(
                            **stored, QStringLiteral("only a DRAFT can be deleted; abort it instead")));
                    if (auto ok = deleteRollout(tx, id); !ok)
                        return ok.error();
                    if (auto ok = tx.audit({caller.name, QStringLiteral("rollout.delete"),
                                            QStringLiteral("rollout/%1").arg(id), QJsonObject()});
                        !ok)
                        return ok.error();
                    auto revision = tx.revision();
                    if (!revision)
                        return revision.error();
                    response->set_revision(*revision);
                    return ApiStatus();
                });
                return outcome ? *outcome : ApiStatus(apiError(outcome.error()));
            });
    }

    grpc::ServerUnaryReactor *PreviewRollout(grpc::CallbackServerContext *call,
                                             const v1::PreviewRolloutRequest *request,
                                             v1::PreviewRolloutResponse *response) override
    {
        return serveUnary(
            m_context, call, v1::ROLE_VIEWER, "PreviewRollout",
            [&](const Caller &) -> ApiStatus { return previewRollout(m_context, *request, response); });
    }

#define OTTER_ROLLOUT_ACTION(Rpc, Action, Role, CommentField)                                                \
    grpc::ServerUnaryReactor *Rpc##Rollout(grpc::CallbackServerContext *call,                                \
                                           const v1::Rpc##RolloutRequest *request,                           \
                                           v1::Rpc##RolloutResponse *response) override                      \
    {                                                                                                        \
        return serveUnary(m_context, call, Role, #Rpc "Rollout", [&](const Caller &caller) -> ApiStatus {    \
            return act(RolloutAction::Action, caller, text(request->rollout_id()),                           \
                       request->expected_revision(), text(request->CommentField()),                          \
                       response->mutable_rollout());                                                         \
        });                                                                                                  \
    }
    OTTER_ROLLOUT_ACTION(Submit, Submit, v1::ROLE_OPERATOR, comment)
    OTTER_ROLLOUT_ACTION(Approve, Approve, v1::ROLE_APPROVER, comment)
    OTTER_ROLLOUT_ACTION(Reject, Reject, v1::ROLE_APPROVER, comment)
    OTTER_ROLLOUT_ACTION(Start, Start, v1::ROLE_OPERATOR, comment)
    OTTER_ROLLOUT_ACTION(Pause, Pause, v1::ROLE_OPERATOR, reason)
    OTTER_ROLLOUT_ACTION(Resume, Resume, v1::ROLE_OPERATOR, comment)
    OTTER_ROLLOUT_ACTION(Abort, Abort, v1::ROLE_OPERATOR, reason)
#undef OTTER_ROLLOUT_ACTION

    grpc::ServerUnaryReactor *ListDeployments(grpc::CallbackServerContext *call,
                                              const v1::ListDeploymentsRequest *request,
                                              v1::ListDeploymentsResponse *response) override
    {
        return serveUnary(
            m_context, call, v1::ROLE_VIEWER, "ListDeployments",
            [&](const Caller &) -> ApiStatus { return listDeployments(m_context, *request, response); });
    }

    grpc::ServerWriteReactor<v1::WatchRolloutResponse> *
    WatchRollout(grpc::CallbackServerContext *call, const v1::WatchRolloutRequest *request) override
    {
        return startWatchRollout(m_context, m_engine, call, *request);
    }

private:
    ApiStatus act(RolloutAction action, const Caller &caller, const QString &id, qint64 expectedRevision,
                  const QString &comment, v1::Rollout *out)
    {
        const ActionRequest request{action,  id,     expectedRevision,
                                    comment, caller, m_context.clock.now().toMSecsSinceEpoch()};
        auto outcome =
            m_context.database.write([&](WriteContext &tx) { return applyRolloutAction(tx, request); });
        if (!outcome)
            return apiError(outcome.error());
        if (auto *refused = std::get_if<ApiError>(&*outcome))
            return *refused;
        *out = std::get<v1::Rollout>(*outcome);
        m_engine.wake(); // a start or resume may let devices move at once
        return std::nullopt;
    }

    ServiceContext &m_context;
    RolloutEngine &m_engine;
};

} // namespace

std::unique_ptr<grpc::Service> makeRolloutService(ServiceContext &context, RolloutEngine &engine)
{
    return std::make_unique<RolloutService>(context, engine);
}

} // namespace otter::backend
