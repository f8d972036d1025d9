// otterd: the Otter update backend. `otterd [serve]` runs the server; `user` and `device` administer it.
#include "backend/cli/commands.h"
#include "core/large_buffers.h"
#include "otter_version.h"

#include <QCoreApplication>

#include <absl/synchronization/mutex.h>

int main(int argc, char *argv[])
{
    // gRPC's mutexes come from Abseil, whose Debian build checks every lock for deadlock cycles: a few
    // per cent of the server's CPU on the device API's hot path, for a check meant for debugging.
    absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
    otter::keepLargeBuffersInHeap();
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("otterd"));
    QCoreApplication::setApplicationVersion(QStringLiteral(OTTER_VERSION));
    QStringList arguments = QCoreApplication::arguments();
    const QString command = arguments.value(1);
    using namespace otter::backend::cli;
    if (command == QLatin1StringView("user") || command == QLatin1StringView("device")) {
        arguments.removeAt(1);
        return command == QLatin1StringView("user") ? runUser(arguments) : runDevice(arguments);
    }
    if (command == QLatin1StringView("serve"))
        arguments.removeAt(1);
    return runServe(arguments);
}
