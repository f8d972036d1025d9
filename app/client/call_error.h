// A failed gRPC call in an operator's words, with the server's machine-readable ErrorDetail when it sent one.
#pragma once

#include "otter/v1/errors.pb.h"

#include <QString>

#include <grpcpp/client_context.h>
#include <grpcpp/support/status.h>

#include <optional>

namespace otter::client {

struct CallError
{
    grpc::StatusCode code = grpc::StatusCode::UNKNOWN;
    // What the console shows: the server's own sentence where it wrote one for operators, otherwise a
    // sentence naming the server ("otterd at host:port is not reachable").
    QString message;
    // The x-otter-error-bin trailer, when the server attached one.
    std::optional<v1::ErrorDetail> detail;

    // TLS refused the server's certificate: the pinned CA did not sign it.
    bool certificateRejected = false;

    // The server could not be reached or went away: worth retrying with backoff.
    bool isTransient() const;
};

// `address` is host:port of the server, named in messages about reaching it. Reads the trailer from the
// finished call's context.
CallError describeFailure(const grpc::Status &status, const grpc::ClientContext &context,
                          const QString &address);
// For a status without a finished context (a stream that never started, a local failure).
CallError describeFailure(const grpc::Status &status, const QString &address);

} // namespace otter::client
