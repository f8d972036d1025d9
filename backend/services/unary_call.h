// The shape every unary operator RPC shares: authenticate with a minimum role, run the handler, turn its
// ApiStatus into the call's status, and write refusals to the audit log.
#pragma once

#include "backend/services/service_context.h"

#include <QJsonObject>

namespace otter::backend {

// Writes one audit entry for a refused call, in its own transaction (the refused work wrote nothing).
void auditRefusal(ServiceContext &context, const QString &actor, const char *rpc, const ApiError &error);

template<typename Handler>
grpc::ServerUnaryReactor *serveUnary(ServiceContext &context, grpc::CallbackServerContext *call,
                                     v1::Role minimum, const char *rpc, Handler &&handler)
{
    grpc::ServerUnaryReactor *reactor = call->DefaultReactor();
    auto authenticated = context.auth.authenticateOperator(call, minimum, rpc);
    ApiStatus status;
    QString actor = QStringLiteral("anonymous");
    if (auto *error = std::get_if<ApiError>(&authenticated)) {
        status = *error;
    } else {
        const Caller &caller = std::get<Caller>(authenticated);
        actor = caller.name;
        status = handler(caller);
    }
    if (status)
        auditRefusal(context, actor, rpc, *status);
    reactor->Finish(toStatus(call, status));
    return reactor;
}

// The newest page-size rule of common.proto: 0 means 100, anything above the server's maximum is clamped.
int effectivePageSize(const ServiceContext &context, quint32 requested);

} // namespace otter::backend
