// The shape every unary operator RPC shares.
#include "backend/services/unary_call.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcRefusal, "otter.backend.refusal")

namespace otter::backend {

void auditRefusal(ServiceContext &context, const QString &actor, const char *rpc, const ApiError &error)
{
    // Internal faults and unavailability are the server's problem, not a refusal of the caller.
    if (error.code == grpc::StatusCode::INTERNAL || error.code == grpc::StatusCode::UNAVAILABLE) {
        qCWarning(lcRefusal) << rpc << "failed:" << error.message;
        return;
    }
    // A caller with a valid token but too low a role is named, not "anonymous".
    const QString who = error.actor.isEmpty() ? actor : error.actor;
    auto written = context.database.write([&](WriteContext &tx) -> Result<bool> {
        if (auto ok = tx.audit({who, QStringLiteral("call.refused"), QString::fromLatin1(rpc),
                                QJsonObject{{QStringLiteral("code"), int(error.code)},
                                            {QStringLiteral("message"), error.message}}});
            !ok)
            return ok.error();
        return true;
    });
    if (!written)
        qCWarning(lcRefusal) << "cannot audit a refusal of" << rpc << ":" << written.errorMessage();
}

int effectivePageSize(const ServiceContext &context, quint32 requested)
{
    if (requested == 0)
        return qMin(100, context.config.maxPageSize);
    return int(qMin<quint32>(requested, quint32(context.config.maxPageSize)));
}

} // namespace otter::backend
