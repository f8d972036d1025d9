// otterd's gRPC server: storage, TLS, services, health and reflection, and an orderly shutdown.
#pragma once

#include "backend/rollouts/rollout_engine.h"
#include "backend/server/authenticator.h"
#include "backend/server/clock.h"
#include "backend/server/server_config.h"
#include "backend/server/tls_bootstrap.h"
#include "backend/services/service_context.h"
#include "backend/storage/artifact_store.h"
#include "backend/storage/database.h"

#include <grpcpp/grpcpp.h>
#include <grpcpp/impl/codegen/service_type.h>

#include <memory>
#include <vector>

namespace otter::backend {

class OtterServer
{
public:
    // Opens (or creates) the data directory and starts serving. Fails with a message an operator can act on.
    static Result<std::unique_ptr<OtterServer>> start(const ServerConfig &config);
    ~OtterServer();

    QString listeningAddress() const { return m_address; }
    const ServerTls &tls() const { return m_tls; }
    Database &database() { return *m_database; }

    // Stops accepting calls, lets running ones finish for the configured grace period, then cancels
    // the rest and closes storage. Safe to call once from any thread.
    void shutdown();
    void wait();

private:
    OtterServer(const ServerConfig &config)
        : m_config(config)
    {}

    ServerConfig m_config;
    ServerTls m_tls;
    std::unique_ptr<Database> m_database;
    std::unique_ptr<ArtifactStore> m_artifacts;
    std::unique_ptr<Authenticator> m_auth;
    Clock m_clock;
    std::unique_ptr<ServiceContext> m_context;
    std::unique_ptr<RolloutEngine> m_engine;
    std::vector<std::unique_ptr<grpc::Service>> m_services;
    std::unique_ptr<grpc::Server> m_server;
    QString m_address;
};

// Opens the database of a data directory (creating it) for the command-line tools (user add, provision).
Result<std::unique_ptr<Database>> openDataDirectory(const QString &dataDir);

} // namespace otter::backend
