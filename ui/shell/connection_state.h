// The connection states the console shows; the client layer maps its own life cycle onto these.
#pragma once

#include <QMetaType>

namespace otter::ui {

enum class ConnectionState { Offline, Connecting, Online, Reconnecting };

} // namespace otter::ui

Q_DECLARE_METATYPE(otter::ui::ConnectionState)
