// ApiError: a refusal as the API reports it — a gRPC code, a message for operators, and optional details
// (errors.proto) sent in the `x-otter-error-bin` trailer for programs that must react to the reason.
#pragma once

#include "core/result.h"
#include "otter/v1/errors.pb.h"

#include <grpcpp/grpcpp.h>

#include <optional>

namespace otter::backend {

struct ApiError
{
    grpc::StatusCode code = grpc::StatusCode::INTERNAL;
    QString message;
    std::optional<v1::ErrorDetail> detail;
    QString actor; // who was refused, when known (a valid token with too low a role)
};

// Ok, or the refusal. Services return this; the handler plumbing turns it into the call's status.
using ApiStatus = std::optional<ApiError>;

ApiError apiError(grpc::StatusCode code, const QString &message,
                  v1::ErrorReason reason = v1::ERROR_REASON_UNSPECIFIED);
// Maps a domain or storage error onto the closest gRPC code, keeping its message.
ApiError apiError(const Error &error);

// Finishes the bookkeeping of a refusal on the call: the trailer, and the status to finish with.
grpc::Status toStatus(grpc::CallbackServerContext *call, const ApiStatus &status);

inline constexpr char ErrorDetailTrailer[] = "x-otter-error-bin";

} // namespace otter::backend
