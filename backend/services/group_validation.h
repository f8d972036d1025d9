// Checking a group sent by a client (CreateGroup, UpdateGroup): what an operator may set, with messages that
// name the field; output-only fields are dropped.
#pragma once

#include "backend/server/api_error.h"
#include "otter/v1/groups.pb.h"

#include <variant>

namespace otter::backend {

inline constexpr int MaxStaticGroupMembers = 10000;

// The editable part of `input` (id, name, description, membership), trimmed and with duplicate member ids
// dropped (first occurrence kept), or the refusal. An empty id is allowed here; creates assign one.
std::variant<v1::Group, ApiError> validatedGroup(const v1::Group &input);

// ALREADY_EXISTS / ABORTED refusals carrying the stored group in ErrorDetail.current.
ApiError groupConflict(grpc::StatusCode code, const QString &message, v1::ErrorReason reason,
                       const v1::Group &stored);
ApiError staleGroup(const v1::Group &stored, qint64 expectedRevision);

} // namespace otter::backend
