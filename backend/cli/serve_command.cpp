// otterd serve: run the update backend until SIGTERM or SIGINT.
#include "backend/cli/commands.h"
#include "backend/server/otter_server.h"
#include "otter_version.h"

#include <QCommandLineParser>
#include <QDir>
#include <QLoggingCategory>

#include <csignal>
#include <pthread.h>

namespace otter::backend::cli {
namespace {

void applyLogLevel(const QString &level)
{
    QString rules =
        QStringLiteral("otter.*.debug=%1\n").arg(level == QLatin1StringView("debug") ? u"true" : u"false");
    if (level == QLatin1StringView("warning") || level == QLatin1StringView("error"))
        rules += QStringLiteral("otter.*.info=false\n");
    if (level == QLatin1StringView("error"))
        rules += QStringLiteral("otter.*.warning=false\n");
    QLoggingCategory::setFilterRules(rules);
}

} // namespace

int runServe(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "otterd — the Otter update backend.\n\n"
        "Usage: otterd [serve] [options]\n"
        "       otterd user add NAME --role viewer|operator|approver|admin [--data-dir DIR]\n"
        "       otterd user list [--data-dir DIR]\n"
        "       otterd device provision (--id ID --hardware-class C [--region R] [--label k=v]… | --csv "
        "FILE)\n\n"
        "On first start otterd creates its data directory, a private CA and a server certificate, and "
        "prints\n"
        "the CA fingerprint that consoles pin. Settings come from --config (INI), then the flags below."));
    parser.addHelpOption();
    parser.addVersionOption();
    addServerOptions(parser);
    parser.process(arguments);
    auto config = loadServerConfig(parser);
    if (!config) {
        printError(QStringLiteral("otterd: %1").arg(config.errorMessage()));
        return 2;
    }
    applyLogLevel(config->logLevel);

    // Signals are taken by sigwait() on this thread only: gRPC's threads must never run a handler.
    sigset_t stopSignals;
    sigemptyset(&stopSignals);
    sigaddset(&stopSignals, SIGINT);
    sigaddset(&stopSignals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);

    auto server = OtterServer::start(*config);
    if (!server) {
        printError(QStringLiteral("otterd: %1").arg(server.errorMessage()));
        return 1;
    }
    if (config->insecure) {
        printError(
            QStringLiteral("otterd: WARNING: --insecure: serving plaintext gRPC. Tokens and releases travel "
                           "unencrypted; use this only on a machine you alone use."));
    } else {
        const ServerTls &tls = (*server)->tls();
        printOut(QStringLiteral("otterd: TLS CA %1 (%2)\notterd: CA fingerprint SHA-256 %3")
                     .arg(QDir(config->tlsDir()).filePath(QStringLiteral("ca.pem")),
                          tls.created ? QStringLiteral("created now") : QStringLiteral("existing"),
                          tls.caFingerprint));
    }
    printOut(QStringLiteral("otterd %1: serving %2 on %3")
                 .arg(QStringLiteral(OTTER_VERSION), config->dataDir, (*server)->listeningAddress()));

    int received = 0;
    sigwait(&stopSignals, &received);
    printOut(QStringLiteral("otterd: %1 received, finishing running calls (up to %2 s)")
                 .arg(received == SIGTERM ? QStringLiteral("SIGTERM") : QStringLiteral("SIGINT"))
                 .arg(config->shutdownGraceSeconds));
    (*server)->shutdown();
    printOut(QStringLiteral("otterd: stopped cleanly"));
    return 0;
}

} // namespace otter::backend::cli
