// A failed gRPC call in an operator's words.
#include "app/client/call_error.h"

#include <QCoreApplication>

namespace otter::client {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("otter::client::CallError", text);
}

// grpc reports a refused server certificate as UNAVAILABLE with the TLS library's words in the message.
bool mentionsCertificate(const QString &message)
{
    return message.contains(u"CERTIFICATE_VERIFY_FAILED", Qt::CaseInsensitive) ||
           message.contains(u"certificate verify failed", Qt::CaseInsensitive) ||
           message.contains(u"handshake failed", Qt::CaseInsensitive);
}

} // namespace

bool CallError::isTransient() const
{
    return !certificateRejected &&
           (code == grpc::StatusCode::UNAVAILABLE || code == grpc::StatusCode::DEADLINE_EXCEEDED);
}

CallError describeFailure(const grpc::Status &status, const QString &address)
{
    CallError error;
    error.code = status.error_code();
    const QString server = QString::fromStdString(status.error_message());
    switch (status.error_code()) {
    case grpc::StatusCode::UNAVAILABLE:
        if (mentionsCertificate(server)) {
            error.certificateRejected = true;
            error.message = tr("the server's certificate is not signed by the pinned CA (%1)").arg(address);
        } else {
            error.message = tr("otterd at %1 is not reachable").arg(address);
        }
        break;
    case grpc::StatusCode::UNAUTHENTICATED:
        error.message = tr("the token was not accepted by otterd at %1").arg(address);
        break;
    case grpc::StatusCode::DEADLINE_EXCEEDED:
        error.message = tr("otterd at %1 did not answer in time").arg(address);
        break;
    case grpc::StatusCode::CANCELLED:
        error.message = tr("the request was cancelled");
        break;
    case grpc::StatusCode::INTERNAL:
    case grpc::StatusCode::UNKNOWN:
        error.message = server.isEmpty() ? tr("otterd at %1 reported an internal fault").arg(address)
                                         : tr("otterd at %1 reported a fault: %2").arg(address, server);
        break;
    case grpc::StatusCode::UNIMPLEMENTED:
        error.message =
            tr("otterd at %1 does not offer this request (an older server version?)").arg(address);
        break;
    default:
        // The remaining codes carry a sentence the server wrote for operators (common.proto).
        error.message = server.isEmpty() ? tr("otterd at %1 refused the request").arg(address) : server;
        break;
    }
    return error;
}

CallError describeFailure(const grpc::Status &status, const grpc::ClientContext &context,
                          const QString &address)
{
    CallError error = describeFailure(status, address);
    const auto &trailers = context.GetServerTrailingMetadata();
    const auto found = trailers.find("x-otter-error-bin");
    if (found != trailers.end()) {
        v1::ErrorDetail detail;
        if (detail.ParseFromArray(found->second.data(), int(found->second.size())))
            error.detail = std::move(detail);
    }
    return error;
}

} // namespace otter::client
