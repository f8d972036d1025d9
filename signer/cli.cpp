// Small helpers shared by the otter-sign subcommands.
#include "signer/cli.h"

#include "signer/commands.h"

#include <cstdio>

namespace otter::sign {

bool parseOrExit(QCommandLineParser &parser, const QStringList &arguments, int &exitCode)
{
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show this help."));
    parser.addOption(help);
    if (!parser.parse(arguments)) {
        printError(QStringLiteral("otter-sign %1: %2\nRun 'otter-sign %1 --help' for usage.")
                       .arg(arguments.value(0), parser.errorText()));
        exitCode = UsageError;
        return false;
    }
    if (parser.isSet(help)) {
        printOut(parser.helpText().replace(QStringLiteral("[options]"),
                                           arguments.value(0) + QStringLiteral(" [options]")));
        exitCode = Success;
        return false;
    }
    return true;
}

void printOut(const QString &text)
{
    std::fputs(text.toLocal8Bit().constData(), stdout);
    if (!text.endsWith(u'\n'))
        std::fputc('\n', stdout);
}

void printError(const QString &text)
{
    std::fputs(text.toLocal8Bit().constData(), stderr);
    if (!text.endsWith(u'\n'))
        std::fputc('\n', stderr);
}

int fail(const QString &command, const Error &error)
{
    printError(QStringLiteral("otter-sign %1: %2").arg(command, error.message));
    switch (error.kind) {
    case ErrorKind::Tampered:
    case ErrorKind::Untrusted:
    case ErrorKind::InvalidInput:
    case ErrorKind::NotFound:
    case ErrorKind::TooLarge:
        return CheckFailed;
    case ErrorKind::Io:
    case ErrorKind::Internal:
        return UsageError;
    }
    return UsageError;
}

} // namespace otter::sign
