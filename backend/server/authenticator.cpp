// Who is calling: operators by bearer token and role, devices by their per-device credentials.
#include "backend/server/authenticator.h"

#include "backend/server/tokens.h"
#include "backend/storage/operator_accounts.h"

#include <openssl/crypto.h>

namespace otter::backend {
namespace {

QString metadata(const grpc::CallbackServerContext *call, const char *key)
{
    const auto &headers = call->client_metadata();
    const auto it = headers.find(key);
    if (it == headers.end())
        return {};
    return QString::fromUtf8(it->second.data(), qsizetype(it->second.size()));
}

} // namespace

std::variant<Caller, ApiError> Authenticator::authenticateOperator(const grpc::CallbackServerContext *call,
                                                                   v1::Role minimum, const char *rpc) const
{
    const QString header = metadata(call, AuthorizationHeader);
    if (header.isEmpty()) {
        if (!metadata(call, DeviceTokenHeader).isEmpty())
            return apiError(
                grpc::StatusCode::UNAUTHENTICATED,
                QStringLiteral("device credentials are not accepted here: %1 needs an operator token")
                    .arg(QString::fromLatin1(rpc)));
        return apiError(
            grpc::StatusCode::UNAUTHENTICATED,
            QStringLiteral("no operator token: send 'authorization: Bearer <token>' (create one with "
                           "'otterd user add')"));
    }
    if (!header.startsWith(QLatin1StringView("Bearer ")))
        return apiError(grpc::StatusCode::UNAUTHENTICATED,
                        QStringLiteral("the authorization header must read 'Bearer <token>'"));
    const QString token = header.mid(7).trimmed();
    auto account =
        m_database.read([&](SqliteConnection &connection) { return findOperatorByToken(connection, token); });
    if (!account)
        return apiError(grpc::StatusCode::UNAVAILABLE,
                        QStringLiteral("cannot check the token: %1").arg(account.errorMessage()));
    if (!account->has_value())
        return apiError(grpc::StatusCode::UNAUTHENTICATED,
                        QStringLiteral("the operator token is not known to this server (was it replaced with "
                                       "'otterd user add'?)"));
    const OperatorAccount &found = **account;
    if (found.role < minimum)
        return apiError(
            grpc::StatusCode::PERMISSION_DENIED,
            QStringLiteral("%1 needs the %2 role; %3 has the %4 role")
                .arg(QString::fromLatin1(rpc), roleName(minimum), found.name, roleName(found.role)));
    return Caller{found.name, found.role};
}

std::variant<DeviceCredentials, ApiError>
Authenticator::presentedDevice(const grpc::CallbackServerContext *call)
{
    const QString id = metadata(call, DeviceIdHeader);
    const auto &headers = call->client_metadata();
    const auto token = headers.find(DeviceTokenHeader);
    if (id.isEmpty() || token == headers.end() || token->second.empty())
        return apiError(
            grpc::StatusCode::UNAUTHENTICATED,
            QStringLiteral("device credentials missing: send x-otter-device-id and x-otter-device-token"));
    return DeviceCredentials{
        id, hashToken(QByteArray::fromRawData(token->second.data(), qsizetype(token->second.size())))};
}

Result<ApiStatus> Authenticator::verifyDevice(SqliteConnection &connection, const DeviceCredentials &device)
{
    auto query = connection.prepare("SELECT token_hash FROM devices WHERE id = ?");
    if (!query)
        return query.error();
    query->bind(1, device.id);
    QByteArray stored;
    if (query->next())
        stored = query->blob(0);
    else if (query->failed())
        return query->error();
    const QByteArray &presented = device.tokenHash;
    // Constant-time comparison: response timing must not reveal how much of a token was right.
    if (stored.size() != presented.size() ||
        CRYPTO_memcmp(stored.constData(), presented.constData(), size_t(presented.size())) != 0)
        return ApiStatus(
            apiError(grpc::StatusCode::UNAUTHENTICATED,
                     QStringLiteral("device %1 is not provisioned or its token is wrong").arg(device.id)));
    return ApiStatus();
}

} // namespace otter::backend
