// otter-sign keygen: a new ECDSA P-256 signing key.
#include "core/atomic_file.h"
#include "core/signing.h"
#include "signer/cli.h"
#include "signer/commands.h"

#include <QFileInfo>

namespace otter::sign {

int runKeygen(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Create an ECDSA P-256 signing key as a PKCS#8 PEM file readable "
                       "only by its owner, and print its key id."));
    const QCommandLineOption out(QStringLiteral("out"), QStringLiteral("Write the private key to <file>."),
                                 QStringLiteral("file"));
    const QCommandLineOption pub(QStringLiteral("pub"),
                                 QStringLiteral("Also write the public key to <file>."),
                                 QStringLiteral("file"));
    const QCommandLineOption force(QStringLiteral("force"),
                                   QStringLiteral("Overwrite an existing key file."));
    parser.addOptions({out, pub, force});
    int exitCode = 0;
    if (!parseOrExit(parser, arguments, exitCode))
        return exitCode;
    if (!parser.isSet(out)) {
        printError(QStringLiteral("otter-sign keygen: --out <file> is required"));
        return UsageError;
    }
    // Overwriting a signing key by accident loses the ability to sign for every device that trusts it.
    if (QFileInfo::exists(parser.value(out)) && !parser.isSet(force)) {
        printError(QStringLiteral("otter-sign keygen: %1 already exists; pass --force to replace it")
                       .arg(parser.value(out)));
        return UsageError;
    }
    auto key = PrivateKey::generate();
    if (!key)
        return fail(QStringLiteral("keygen"), key.error());
    if (auto ok = key->save(parser.value(out)); !ok)
        return fail(QStringLiteral("keygen"), ok.error());
    if (parser.isSet(pub)) {
        if (auto ok = writeFileAtomically(parser.value(pub), key->publicKey().toPem()); !ok)
            return fail(QStringLiteral("keygen"), ok.error());
    }
    printOut(QStringLiteral("key id %1").arg(key->keyId()));
    return Success;
}

} // namespace otter::sign
