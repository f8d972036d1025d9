// otter-sign audit-verify: check the hash chain of an exported audit log (JSON Lines).
#include "core/audit_export.h"
#include "core/sha256.h"
#include "signer/cli.h"
#include "signer/commands.h"

#include <QFile>

namespace otter::sign {

int runAuditVerify(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Verify an audit log export (JSON Lines): every entry's hash, the links between entries, the "
        "sequence "
        "numbers and the trailer's chain head. Reads standard input when the file is '-'.\n"
        "Exit code 0 when the chain is intact; otherwise 1 and the first bad line on stderr."));
    const QCommandLineOption head(
        QStringLiteral("expect-head"),
        QStringLiteral("Also require this chain head (64 hex digits), e.g. one noted "
                       "from the console or a previous report."),
        QStringLiteral("hash"));
    const QCommandLineOption genesis(
        QStringLiteral("from-genesis"),
        QStringLiteral("Require the export to start at the first entry of the log."));
    parser.addOptions({head, genesis});
    parser.addPositionalArgument(QStringLiteral("export"), QStringLiteral("The .jsonl export to verify."));
    int exitCode = 0;
    if (!parseOrExit(parser, arguments, exitCode))
        return exitCode;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1) {
        printError(QStringLiteral("otter-sign audit-verify: usage: otter-sign audit-verify audit.jsonl"));
        return UsageError;
    }
    AuditExportOptions options;
    if (parser.isSet(genesis))
        options.start = AuditChainStart::genesis();
    if (parser.isSet(head)) {
        const QByteArray expected = sha256FromHex(parser.value(head));
        if (expected.isEmpty()) {
            printError(QStringLiteral("otter-sign audit-verify: --expect-head needs 64 hex digits"));
            return UsageError;
        }
        options.expectedHead = expected;
    }
    QFile file;
    const QString path = positional.first();
    const bool opened = path == QLatin1StringView("-")
                            ? file.open(stdin, QIODevice::ReadOnly)
                            : (file.setFileName(path), file.open(QIODevice::ReadOnly));
    if (!opened) {
        printError(
            QStringLiteral("otter-sign audit-verify: cannot read %1: %2").arg(path, file.errorString()));
        return UsageError;
    }
    const AuditExportVerification verification = AuditExport::verify(&file, options);
    if (!verification.ok()) {
        printError(QStringLiteral("BROKEN %1: %2").arg(path, verification.summary()));
        return CheckFailed;
    }
    printOut(QStringLiteral("OK %1: %2").arg(path, verification.summary()));
    return Success;
}

} // namespace otter::sign
