// otter-sim: a simulated device fleet (run) and a check-in load generator (load) for otterd.
#include "otter_version.h"
#include "simulator/sim_commands.h"

#include <QCoreApplication>

#include <atomic>
#include <csignal>
#include <cstdio>

namespace {

std::atomic<bool> stopRequested{false};

void onSignal(int)
{
    stopRequested.store(true); // lock-free: safe in a signal handler; the loops poll it
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("otter-sim"));
    QCoreApplication::setApplicationVersion(QStringLiteral(OTTER_VERSION));
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    const QStringList arguments = QCoreApplication::arguments();
    const QString command = arguments.value(1);
    if (command == QLatin1StringView("--version")) {
        std::printf("otter-sim %s\n", OTTER_VERSION);
        return 0;
    }
    // Each subcommand parses its own flags; it sees the program name followed by them.
    QStringList rest = arguments;
    rest.removeAt(1);
    if (command == QLatin1StringView("run"))
        return otter::sim::runFleetCommand(rest, &stopRequested);
    if (command == QLatin1StringView("load"))
        return otter::sim::runLoadCommand(rest, &stopRequested);
    std::fprintf(
        stderr, "%s",
        qPrintable(QCoreApplication::translate(
            "otter::sim", "usage: otter-sim run --server HOST:PORT --ca CA.pem --provision CREDS.csv "
                          "[--devices N] [--state FILE] [--trust KEY.pem]… (see otter-sim run --help)\n"
                          "       otter-sim load --server HOST:PORT --ca CA.pem --provision CREDS.csv "
                          "[--rate N|max] [--duration S] [--concurrency C]\n"
                          "       otter-sim --version\n")));
    return command == QLatin1StringView("--help") || command == QLatin1StringView("-h") ? 0 : 2;
}
