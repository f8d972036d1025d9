// SIGINT and SIGTERM end the console like closing its window does (settings saved, connection closed), not
// with the abrupt default: the demo and service managers stop it this way.
#pragma once

class QObject;

namespace otter::console {

// Call once, after the QApplication exists.
void quitOnTerminationSignals(QObject *context);

} // namespace otter::console
