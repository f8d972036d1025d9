// ConsoleClient's outbox replay: creates, updates and deletes of groups, maintenance windows and rollouts,
// each made against the revision the operator saw; a stale revision comes back as a conflict with the
// server's version, never as a silent overwrite.
#include "app/client/call_error.h"
#include "app/client/client_call.h"
#include "app/client/draft_kinds.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace otter::client {

namespace {

constexpr int DraftDeadlineMs = 15000;

template<typename Record>
QByteArray toJsonBytes(const Record &record)
{
    return QJsonDocument(models::toJson(record)).toJson(QJsonDocument::Compact);
}

} // namespace

void ConsoleClient::sendDraft(const models::OutboxEntry &entry)
{
    QMetaObject::invokeMethod(
        this, [this, entry] { doSendDraft(entry); }, Qt::QueuedConnection);
}

void ConsoleClient::doSendDraft(const models::OutboxEntry &entry)
{
    if (!isOnline()) {
        emit draftDeferred(entry.id, tr("not connected to otterd: the draft waits in the outbox"));
        return;
    }
    if (entry.kind == "group"_L1)
        sendDraftAs<GroupDraft>(entry);
    else if (entry.kind == "window"_L1)
        sendDraftAs<WindowDraft>(entry);
    else if (entry.kind == "rollout"_L1)
        sendDraftAs<RolloutDraft>(entry);
    else
        emit draftRejected(entry.id, tr("unknown kind of draft \"%1\"").arg(entry.kind));
}

template<typename Kind>
void ConsoleClient::sendDraftAs(const models::OutboxEntry &entry)
{
    auto stub = Kind::Service::NewStub(m_channel);
    if (entry.operation == "delete"_L1) {
        using Call = UnaryCall<typename Kind::DeleteRequest, typename Kind::DeleteResponse>;
        auto call = std::make_shared<Call>();
        Kind::setId(call->request, entry.objectId.toStdString());
        call->request.set_expected_revision(entry.baseRevision);
        dispatch(
            call, DraftDeadlineMs,
            [&stub](Call *c, Callback f) {
                Kind::remove(*stub, &c->context, &c->request, &c->response, std::move(f));
            },
            [this, entry](const grpc::Status &status, Call &c) {
                if (status.ok())
                    emit draftAccepted(entry.id, c.response.revision());
                else
                    refusedDraft<Kind>(entry, describeFailure(status, c.context, m_profile.address),
                                       std::nullopt);
            });
        return;
    }

    std::optional<typename Kind::Record> draft =
        Kind::parse(QJsonDocument::fromJson(entry.payloadJson).object());
    if (!draft) {
        emit draftRejected(entry.id,
                           tr("the saved draft cannot be read back (it is not a %1 record)").arg(entry.kind));
        return;
    }
    if (draft->id.isEmpty())
        draft->id = entry.objectId;

    if (entry.operation == "create"_L1) {
        using Call = UnaryCall<typename Kind::CreateRequest, typename Kind::CreateResponse>;
        auto call = std::make_shared<Call>();
        *Kind::mutableObject(call->request) = toProto(*draft);
        dispatch(
            call, DraftDeadlineMs,
            [&stub](Call *c, Callback f) {
                Kind::create(*stub, &c->context, &c->request, &c->response, std::move(f));
            },
            [this, entry, draft](const grpc::Status &status, Call &c) {
                if (status.ok())
                    emit draftAccepted(entry.id, Kind::object(c.response).revision());
                else
                    refusedDraft<Kind>(entry, describeFailure(status, c.context, m_profile.address), draft);
            });
    } else if (entry.operation == "update"_L1) {
        using Call = UnaryCall<typename Kind::UpdateRequest, typename Kind::UpdateResponse>;
        auto call = std::make_shared<Call>();
        *Kind::mutableObject(call->request) = toProto(*draft);
        call->request.set_expected_revision(entry.baseRevision);
        dispatch(
            call, DraftDeadlineMs,
            [&stub](Call *c, Callback f) {
                Kind::update(*stub, &c->context, &c->request, &c->response, std::move(f));
            },
            [this, entry, draft](const grpc::Status &status, Call &c) {
                if (status.ok())
                    emit draftAccepted(entry.id, Kind::object(c.response).revision());
                else
                    refusedDraft<Kind>(entry, describeFailure(status, c.context, m_profile.address), draft);
            });
    } else {
        emit draftRejected(entry.id, tr("unknown draft operation \"%1\"").arg(entry.operation));
    }
}

template<typename Kind>
void ConsoleClient::refusedDraft(const models::OutboxEntry &entry, const CallError &error,
                                 const std::optional<typename Kind::Record> &draft)
{
    const typename Kind::Proto *current = error.detail ? Kind::current(error.detail->current()) : nullptr;
    const auto reason = error.detail ? error.detail->reason() : v1::ERROR_REASON_UNSPECIFIED;
    if (error.code == grpc::StatusCode::ABORTED && reason == v1::ERROR_REASON_STALE_REVISION) {
        if (current)
            emit draftConflict(entry.id, toJsonBytes(toRecord(*current)), error.message);
        else
            fetchConflict<Kind>(entry, error.message);
        return;
    }
    if (error.code == grpc::StatusCode::ALREADY_EXISTS && current && draft &&
        current->id() == draft->id.toStdString()) {
        // A replayed create (the first try was applied, its answer lost) finds its own content: done.
        if (toProto(toRecord(*current)).SerializeAsString() == toProto(*draft).SerializeAsString())
            emit draftAccepted(entry.id, current->revision());
        else
            emit draftConflict(entry.id, toJsonBytes(toRecord(*current)), error.message);
        return;
    }
    if (error.code == grpc::StatusCode::NOT_FOUND && entry.operation == "delete"_L1) {
        // Someone else deleted it already: what the draft wanted is the case. Sync brings the deletion.
        emit draftAccepted(entry.id, 0);
        return;
    }
    if (error.isTransient() || error.code == grpc::StatusCode::UNAUTHENTICATED ||
        error.code == grpc::StatusCode::CANCELLED) {
        emit draftDeferred(entry.id, error.message);
        return;
    }
    emit draftRejected(entry.id, error.message);
}

template<typename Kind>
void ConsoleClient::fetchConflict(const models::OutboxEntry &entry, const QString &message)
{
    using Call = UnaryCall<typename Kind::GetRequest, typename Kind::GetResponse>;
    auto call = std::make_shared<Call>();
    Kind::setId(call->request, entry.objectId.toStdString());
    auto stub = Kind::Service::NewStub(m_channel);
    dispatch(
        call, DraftDeadlineMs,
        [&stub](Call *c, Callback f) {
            Kind::get(*stub, &c->context, &c->request, &c->response, std::move(f));
        },
        [this, entry, message](const grpc::Status &status, Call &c) {
            // Without the server's version (deleted meanwhile, or unreadable) the conflict is still reported.
            emit draftConflict(entry.id,
                               status.ok() ? toJsonBytes(toRecord(Kind::object(c.response))) : QByteArray(),
                               message);
        });
}

} // namespace otter::client
