// otter-sign: creates signing keys, signs firmware into release bundles, verifies bundles and audit exports.
#include "signer/cli.h"
#include "signer/commands.h"

#include "otter_version.h"

#include <QCoreApplication>

namespace {

const char Usage[] = R"(Usage: otter-sign <command> [options]

Signs firmware images into Otter release bundles (.otb) and verifies them.

Commands:
  keygen        Create an ECDSA P-256 signing key (PKCS#8 PEM).
  sign          Sign a firmware image into a release bundle.
  verify        Verify a release bundle against trusted public keys.
  inspect       Print a bundle's manifest, signer key ids and sizes (without trusting it).
  audit-verify  Verify the hash chain of an audit log export (JSON Lines).

Run 'otter-sign <command> --help' for the options of a command.
Exit codes: 0 success, 1 the check failed, 2 usage or input/output error.
)";

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("otter-sign"));
    QCoreApplication::setApplicationVersion(QStringLiteral(OTTER_VERSION));

    QStringList arguments = QCoreApplication::arguments();
    arguments.removeFirst();
    const QString command = arguments.value(0);
    using namespace otter::sign;
    if (command.isEmpty() || command == QLatin1StringView("--help") || command == QLatin1StringView("-h") ||
        command == QLatin1StringView("help")) {
        printOut(QString::fromLatin1(Usage));
        return command.isEmpty() ? UsageError : Success;
    }
    if (command == QLatin1StringView("--version")) {
        printOut(QStringLiteral("otter-sign %1").arg(QStringLiteral(OTTER_VERSION)));
        return Success;
    }
    if (command == QLatin1StringView("keygen"))
        return runKeygen(arguments);
    if (command == QLatin1StringView("sign"))
        return runSign(arguments);
    if (command == QLatin1StringView("verify"))
        return runVerify(arguments);
    if (command == QLatin1StringView("inspect"))
        return runInspect(arguments);
    if (command == QLatin1StringView("audit-verify"))
        return runAuditVerify(arguments);
    printError(QStringLiteral("otter-sign: unknown command \"%1\". Run 'otter-sign --help' for the commands.")
                   .arg(command));
    return UsageError;
}
