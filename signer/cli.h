// Small helpers shared by the otter-sign subcommands: parsing with --help, and messages on stdout/stderr.
#pragma once

#include "core/result.h"

#include <QCommandLineParser>
#include <QString>

namespace otter::sign {

// Parses `arguments` (the subcommand name first). Returns false after printing help or a usage error;
// `exitCode` then holds what the process should return.
bool parseOrExit(QCommandLineParser &parser, const QStringList &arguments, int &exitCode);

void printOut(const QString &text);
void printError(const QString &text);
// "otter-sign <command>: <message>" on stderr, and the exit code matching the error's kind.
int fail(const QString &command, const Error &error);

} // namespace otter::sign
