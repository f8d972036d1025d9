// What every service implementation shares: configuration, storage, authentication and the clock.
#pragma once

#include "backend/server/authenticator.h"
#include "backend/server/clock.h"
#include "backend/server/server_config.h"
#include "backend/storage/database.h"

namespace otter::backend {

class ArtifactStore;

struct ServiceContext
{
    const ServerConfig &config;
    Database &database;
    Authenticator &auth;
    ArtifactStore &artifacts;
    Clock &clock;
};

} // namespace otter::backend
