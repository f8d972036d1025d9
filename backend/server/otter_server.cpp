// otterd's gRPC server.
#include "backend/server/otter_server.h"

#include "backend/services/services.h"

#include <QDir>
#include <QFile>
#include <QLoggingCategory>

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>

#include <chrono>

Q_LOGGING_CATEGORY(lcServer, "otter.backend.server")

namespace otter::backend {

Result<std::unique_ptr<Database>> openDataDirectory(const QString &dataDir)
{
    if (!QDir().mkpath(dataDir))
        return makeError(ErrorKind::Io, QStringLiteral("cannot create the data directory %1").arg(dataDir));
    // The database holds token hashes and the audit log: readable by otterd's user only.
    QFile::setPermissions(dataDir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    ServerConfig paths;
    paths.dataDir = dataDir;
    auto database = Database::open(paths.databasePath());
    if (!database)
        return makeError(
            database.error().kind,
            QStringLiteral("cannot open %1: %2").arg(paths.databasePath(), database.errorMessage()));
    return database;
}

Result<std::unique_ptr<OtterServer>> OtterServer::start(const ServerConfig &config)
{
    std::unique_ptr<OtterServer> server(new OtterServer(config));
    auto database = openDataDirectory(config.dataDir);
    if (!database)
        return database.error();
    server->m_database = std::move(database).value();
    server->m_artifacts = std::make_unique<ArtifactStore>(config.artifactDir(), config.uploadDir());
    if (auto ok = server->m_artifacts->open(); !ok)
        return ok.error();
    server->m_auth = std::make_unique<Authenticator>(*server->m_database);
    if (!config.clockOffsetFile.isEmpty())
        server->m_clock.followOffsetFile(config.clockOffsetFile);
    server->m_context = std::make_unique<ServiceContext>(ServiceContext{
        server->m_config, *server->m_database, *server->m_auth, *server->m_artifacts, server->m_clock});

    std::shared_ptr<grpc::ServerCredentials> credentials;
    if (config.insecure) {
        credentials = grpc::InsecureServerCredentials();
    } else {
        auto tls = loadOrCreateServerTls(config.tlsDir(), config.tlsNames);
        if (!tls)
            return tls.error();
        server->m_tls = *tls;
        grpc::SslServerCredentialsOptions options;
        options.pem_key_cert_pairs.push_back(
            {server->m_tls.privateKeyPem.toStdString(), server->m_tls.certificatePem.toStdString()});
        credentials = grpc::SslServerCredentials(options);
    }

    grpc::EnableDefaultHealthCheckService(true);
    grpc::reflection::InitProtoReflectionServerBuilderPlugin();
    grpc::ServerBuilder builder;
    int port = 0;
    builder.AddListeningPort(config.listen.toStdString(), credentials, &port);
    builder.SetMaxReceiveMessageSize(int(config.maxMessageBytes));
    builder.SetMaxSendMessageSize(int(config.maxMessageBytes));
    for (auto make :
         {makeIdentityService, makeTrustedKeyService, makeReleaseService, makeDeviceInventoryService,
          makeGroupService, makeMaintenanceWindowService, makeAuditService, makeSyncService}) {
        server->m_services.push_back(make(*server->m_context));
        builder.RegisterService(server->m_services.back().get());
    }
    server->m_engine = std::make_unique<RolloutEngine>(*server->m_context);
    for (auto make : {makeRolloutService, makeDeviceService}) {
        server->m_services.push_back(make(*server->m_context, *server->m_engine));
        builder.RegisterService(server->m_services.back().get());
    }
    server->m_server = builder.BuildAndStart();
    if (!server->m_server || port == 0)
        return makeError(ErrorKind::Io,
                         QStringLiteral("cannot listen on %1 (is the address valid and the port free?)")
                             .arg(config.listen));
    server->m_engine->start();
    const QString host = config.listen.left(config.listen.lastIndexOf(u':'));
    server->m_address = QStringLiteral("%1:%2").arg(host).arg(port);
    return server;
}

OtterServer::~OtterServer()
{
    shutdown();
}

void OtterServer::shutdown()
{
    if (!m_server)
        return;
    // Streams waiting for new revisions must wake up, or Shutdown would wait out the whole grace period.
    m_database->wakeWaiters();
    m_engine->stop();
    m_server->Shutdown(std::chrono::system_clock::now() +
                       std::chrono::seconds(m_config.shutdownGraceSeconds));
    m_server->Wait();
    m_server.reset();
    m_services.clear();
    m_database.reset();
}

void OtterServer::wait()
{
    if (m_server)
        m_server->Wait();
}

} // namespace otter::backend
