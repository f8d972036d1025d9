// Who is calling: operators by bearer token and role, devices by their per-device credentials.
#pragma once

#include "backend/server/api_error.h"
#include "backend/storage/database.h"
#include "otter/v1/common.pb.h"

#include <variant>

namespace otter::backend {

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
    // The device behind `x-otter-device-id` and `x-otter-device-token`.
    std::variant<QString, ApiError> authenticateDevice(const grpc::CallbackServerContext *call) const;

private:
    Database &m_database;
};

inline constexpr char AuthorizationHeader[] = "authorization";
inline constexpr char DeviceIdHeader[] = "x-otter-device-id";
inline constexpr char DeviceTokenHeader[] = "x-otter-device-token";

} // namespace otter::backend
