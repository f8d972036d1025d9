// otter-sim's subcommands: `run` (the fleet) and `load` (the check-in load generator). Each returns the
// process exit code: 0 done, 1 a runtime failure, 2 a usage error.
#pragma once

#include <QStringList>

#include <atomic>

namespace otter::sim {

// `arguments` starts with the program name, then the subcommand. `stopFlag` turns true on SIGINT/SIGTERM.
int runFleetCommand(const QStringList &arguments, const std::atomic<bool> *stopFlag);
int runLoadCommand(const QStringList &arguments, const std::atomic<bool> *stopFlag);

} // namespace otter::sim
