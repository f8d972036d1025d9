// otterd's settings: defaults, then a configuration file, then command-line flags (the last one wins).
#pragma once

#include "core/result.h"

#include <QCommandLineParser>
#include <QString>
#include <QStringList>

namespace otter::backend {

struct ServerConfig
{
    QString listen = QStringLiteral("127.0.0.1:7443");
    QString dataDir = QStringLiteral("/var/lib/otter");
    bool insecure = false;                   // plaintext gRPC: local experiments only
    QStringList tlsNames;                    // extra DNS names / IPs for the server certificate
    qint64 maxMessageBytes = 8 << 20;        // any single gRPC message
    qint64 maxUploadBytes = qint64(4) << 30; // a whole release upload
    qint64 downloadChunkBytes = 256 << 10;
    int maxPageSize = 1000;
    int checkInIntervalSeconds = 60;
    int maxConcurrentDownloads = 500;
    QString logLevel = QStringLiteral("info"); // debug, info, warning, error
    int shutdownGraceSeconds = 10;
    QString clockOffsetFile; // tests only: shift the server's clock by the milliseconds in this file

    QString databasePath() const;
    QString artifactDir() const;
    QString uploadDir() const;
    QString tlsDir() const;
};

// Adds every option of `otterd serve` to the parser, so --help documents them all in one place.
void addServerOptions(QCommandLineParser &parser);
// Reads --config (or <data-dir>/otterd.conf when present), then applies the flags that were given.
Result<ServerConfig> loadServerConfig(const QCommandLineParser &parser);

} // namespace otter::backend
