// Refusals about a stored object (it exists, it changed, it is in use) and the check every update or delete
// of an operator-edited object starts with, shared by the services of groups, windows, keys and releases.
#pragma once

#include "backend/server/api_error.h"

#include <QStringList>

#include <optional>

namespace otter::backend {

// A refusal that names the stored object it collided with in ErrorDetail.current (kind, id, revision).
template<typename Message>
ApiError conflictError(grpc::StatusCode code, const QString &message, v1::ErrorReason reason,
                       v1::ObjectKind kind, const Message &stored)
{
    ApiError error = apiError(code, message, reason);
    v1::CurrentObject *current = error.detail->mutable_current();
    current->set_kind(kind);
    current->set_id(stored.id());
    current->set_revision(stored.revision());
    return error;
}

// The same, also carrying the stored object itself, for the kinds operators edit: `copyInto` is the
// CurrentObject field that holds it (&v1::CurrentObject::mutable_group).
template<typename Message>
ApiError conflictError(grpc::StatusCode code, const QString &message, v1::ErrorReason reason,
                       v1::ObjectKind kind, const Message &stored, Message *(v1::CurrentObject::*copyInto)())
{
    ApiError error = conflictError(code, message, reason, kind, stored);
    *(error.detail->mutable_current()->*copyInto)() = stored;
    return error;
}

// ABORTED: the caller edited `expectedRevision` of the object `what` ("group") but the server has moved on.
template<typename Message>
ApiError staleRevisionError(const QString &what, v1::ObjectKind kind, const Message &stored,
                            Message *(v1::CurrentObject::*copyInto)(), qint64 expectedRevision)
{
    ApiError error = conflictError(grpc::StatusCode::ABORTED,
                                   QStringLiteral("%1 %2 changed: you edited revision %3, the server has "
                                                  "revision %4")
                                       .arg(what, QString::fromStdString(stored.id()))
                                       .arg(expectedRevision)
                                       .arg(stored.revision()),
                                   v1::ERROR_REASON_STALE_REVISION, kind, stored, copyInto);
    error.detail->set_expected_revision(expectedRevision);
    return error;
}

// FAILED_PRECONDITION: rollouts still need the object; their ids go in ErrorDetail.used_by_rollout_ids.
inline ApiError inUseByRollouts(const QString &message, const QStringList &rolloutIds)
{
    ApiError error = apiError(grpc::StatusCode::FAILED_PRECONDITION, message, v1::ERROR_REASON_IN_USE);
    for (const QString &rollout : rolloutIds)
        error.detail->add_used_by_rollout_ids(rollout.toStdString());
    return error;
}

// A refusal decided inside a transaction: recorded, and the transaction rolled back by returning an error.
inline Error refuse(ApiStatus &refusal, ApiError error)
{
    refusal = std::move(error);
    return makeError(ErrorKind::InvalidInput, refusal->message);
}

// Inside a write transaction: the stored object an update or delete names (`found`, as its find function
// returned it), provided the caller edited its current revision. Otherwise the refusal — notFound() when
// there is none, stale(stored, expectedRevision) when it changed — is recorded and returned as the error
// that rolls the transaction back.
template<typename Message, typename NotFound, typename Stale>
Result<Message> storedAtRevision(Result<std::optional<Message>> found, qint64 expectedRevision,
                                 ApiStatus &refusal, NotFound notFound, Stale stale)
{
    if (!found)
        return found.error();
    if (!found->has_value())
        return refuse(refusal, notFound());
    Message &stored = **found;
    if (stored.revision() != expectedRevision)
        return refuse(refusal, stale(stored, expectedRevision));
    return std::move(stored);
}

// Inside a write transaction: refuses with nameTaken(holder) when an object other than `self` holds the
// name (`holder`, as the find-by-name function returned it); names are unique within a kind.
template<typename Message, typename NameTaken>
Result<void> checkNameFree(Result<std::optional<Message>> holder, const Message &self, ApiStatus &refusal,
                           NameTaken nameTaken)
{
    if (!holder)
        return holder.error();
    if (holder->has_value() && (*holder)->id() != self.id())
        return refuse(refusal, nameTaken(**holder));
    return {};
}

} // namespace otter::backend
