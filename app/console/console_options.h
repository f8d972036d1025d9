// How the console was started: where its caches live and, optionally, a server to connect to at once
// (command line, demo, tests) instead of the last one the operator used.
#pragma once

#include "models/records.h"

#include <QString>

#include <optional>

namespace otter::console {

struct ConsoleOptions
{
    // Directory for the offline caches, one SQLite file per server. Empty: the platform's app data dir.
    QString cacheDirectory;
    // Connect to this server right after start. Its CA must be pinned already (caPem set): dialogs that ask
    // the operator are for interactive connections only.
    std::optional<models::ServerProfile> server;
    QString token;
    // Reconnect backoff; tests shorten it so that a restarted otterd is found quickly.
    int backoffInitialMs = 1000;
    int backoffMaximumMs = 30000;
};

} // namespace otter::console
