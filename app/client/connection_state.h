// Where the console's connection to otterd stands, as the status bar shows it.
#pragma once

#include <QObject>

namespace otter::client {
Q_NAMESPACE

enum class ConnectionState {
    Offline,      // not connected and not trying (never connected, disconnected, or refused for good)
    Connecting,   // first attempt after connectTo()
    Online,       // signed in; sync and drafts flow
    Reconnecting, // the server went away or cannot be reached; retrying with backoff
};
Q_ENUM_NS(ConnectionState)

} // namespace otter::client
