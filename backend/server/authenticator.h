// Who is calling: operators by bearer token and role, devices by their per-device credentials.
#pragma once

#include "backend/server/api_error.h"
#include "backend/storage/database.h"
#include "otter/v1/common.pb.h"

#include <variant>

namespace otter::backend {

// What a device presented: its id and the SHA-256 of its token, hashed on the calling thread.
struct DeviceCredentials
{
    QString id;
    QByteArray tokenHash;
};

struct Caller
{
    QString name;
    v1::Role role = v1::ROLE_UNSPECIFIED;
};

class Authenticator
{
public:
    explicit Authenticator(Database &database)
        : m_database(database)
    {}

    // The operator behind `authorization: Bearer <token>`, if their role is at least `minimum`. Refusals name
    // what is missing: no token, an unknown token, or the role needed against the role held.
    std::variant<Caller, ApiError> authenticateOperator(const grpc::CallbackServerContext *call,
                                                        v1::Role minimum, const char *rpc) const;
    // The credentials in `x-otter-device-id` and `x-otter-device-token`, not yet checked; refuses a call
    // that lacks either.
    static std::variant<DeviceCredentials, ApiError> presentedDevice(const grpc::CallbackServerContext *call);
    // Checks presented credentials against the stored ones inside the caller's transaction: the device
    // API verifies in the same snapshot (or group-commit write) that serves the call, so a device re-
    // provisioned by `otterd device provision` in another process is refused at once, with no cache to
    // invalidate and no extra transaction per call. A refusal names the device, never the token.
    static Result<ApiStatus> verifyDevice(SqliteConnection &connection, const DeviceCredentials &device);

private:
    Database &m_database;
};

inline constexpr char AuthorizationHeader[] = "authorization";
inline constexpr char DeviceIdHeader[] = "x-otter-device-id";
inline constexpr char DeviceTokenHeader[] = "x-otter-device-token";

} // namespace otter::backend
