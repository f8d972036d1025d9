// otterd's subcommands: serve (the default), user, device. Each returns the process exit code.
#pragma once

#include <QStringList>

namespace otter::backend::cli {

int runServe(const QStringList &arguments);
int runUser(const QStringList &arguments);
int runDevice(const QStringList &arguments);

void printOut(const QString &text);
void printError(const QString &text);

} // namespace otter::backend::cli
