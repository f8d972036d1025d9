// otter-sign verify: is this bundle genuine, signed by keys we trust, and intact?
#include "core/bundle.h"
#include "signer/cli.h"
#include "signer/commands.h"

namespace otter::sign {

int runVerify(const QStringList &arguments)
{
    const QString command = QStringLiteral("verify");
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Verify a release bundle: the signature over the manifest, the "
                       "manifest's fields, then the image size and SHA-256.\n"
                       "Exit code 0 when every check passes; otherwise 1 and the "
                       "reason on stderr."));
    const QCommandLineOption keyOption(QStringLiteral("key"),
                                       QStringLiteral("A trusted public key (PEM); repeat for several."),
                                       QStringLiteral("file"));
    const QCommandLineOption require(
        QStringLiteral("require"),
        QStringLiteral("How many distinct trusted keys must have signed (default 1)."), QStringLiteral("n"),
        QStringLiteral("1"));
    const QCommandLineOption extract(
        QStringLiteral("extract-image"),
        QStringLiteral("Write the verified image to <file> (only if every check passes)."),
        QStringLiteral("file"));
    parser.addOptions({keyOption, require, extract});
    parser.addPositionalArgument(QStringLiteral("bundle"), QStringLiteral("The .otb file to verify."));
    int exitCode = 0;
    if (!parseOrExit(parser, arguments, exitCode))
        return exitCode;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1 || !parser.isSet(keyOption)) {
        printError(QStringLiteral("otter-sign verify: usage: otter-sign verify --key pub.pem release.otb"));
        return UsageError;
    }
    BundleReadOptions options;
    for (const QString &path : parser.values(keyOption)) {
        auto key = PublicKey::load(path);
        if (!key)
            return fail(command, key.error());
        options.trust.trustedKeys.append(*key);
    }
    bool numeric = false;
    options.trust.requiredSignatures = parser.value(require).toInt(&numeric);
    if (!numeric || options.trust.requiredSignatures < 1) {
        printError(QStringLiteral("otter-sign verify: --require must be a whole number of at least 1"));
        return UsageError;
    }
    options.extractImageTo = parser.value(extract);

    auto bundle = verifyBundle(positional.first(), options);
    if (!bundle) {
        printError(QStringLiteral("REJECTED %1: %2").arg(positional.first(), bundle.error().message));
        return fail(command, bundle.error()) == UsageError ? UsageError : CheckFailed;
    }
    printOut(QStringLiteral("OK %1: version %2, security version %3, hardware %4, %5 bytes, signed by %6")
                 .arg(positional.first(), bundle->manifest.version)
                 .arg(bundle->manifest.securityVersion)
                 .arg(bundle->manifest.hardwareClasses.join(QStringLiteral(",")))
                 .arg(bundle->manifest.imageSize)
                 .arg(bundle->verifiedKeyIds.join(QStringLiteral(", "))));
    return Success;
}

} // namespace otter::sign
