// otter-sign inspect: show what a bundle claims, without trusting any of it.
#include "core/bundle.h"
#include "signer/cli.h"
#include "signer/commands.h"

namespace otter::sign {

int runInspect(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Print a bundle's manifest and signer key ids. Nothing is "
                       "verified: use 'otter-sign verify' to decide trust."));
    const QCommandLineOption raw(QStringLiteral("raw"), QStringLiteral("Print only the raw manifest bytes."));
    parser.addOption(raw);
    parser.addPositionalArgument(QStringLiteral("bundle"), QStringLiteral("The .otb file to inspect."));
    int exitCode = 0;
    if (!parseOrExit(parser, arguments, exitCode))
        return exitCode;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1) {
        printError(QStringLiteral("otter-sign inspect: usage: otter-sign inspect release.otb"));
        return UsageError;
    }
    auto bundle = inspectBundle(positional.first());
    if (!bundle)
        return fail(QStringLiteral("inspect"), bundle.error());
    if (parser.isSet(raw)) {
        printOut(QString::fromUtf8(bundle->manifestBytes));
        return Success;
    }
    QStringList lines;
    lines << QStringLiteral("bundle:      %1 (NOT verified)").arg(positional.first());
    if (bundle->manifest) {
        const Manifest &m = *bundle->manifest;
        lines << QStringLiteral("vendor:      %1").arg(m.vendor)
              << QStringLiteral("version:     %1").arg(m.version)
              << QStringLiteral("security:    %1").arg(m.securityVersion)
              << QStringLiteral("hardware:    %1").arg(m.hardwareClasses.join(QStringLiteral(", ")))
              << QStringLiteral("payload:     %1").arg(m.payloadType)
              << QStringLiteral("image size:  %1 bytes").arg(m.imageSize)
              << QStringLiteral("image sha256: %1").arg(toHex(m.imageSha256))
              << QStringLiteral("created:     %1").arg(m.created.toString(Qt::ISODate))
              << QStringLiteral("key id:      %1").arg(m.keyId);
    } else {
        lines << QStringLiteral("manifest:    unreadable: %1").arg(bundle->manifest.error().message);
    }
    for (const BundleSignature &signature : std::as_const(bundle->signatures))
        lines << QStringLiteral("signature:   %1 (%2 bytes)")
                     .arg(signature.keyId.isEmpty() ? QStringLiteral("manifest.sig") : signature.keyId)
                     .arg(signature.der.size());
    if (bundle->imageSize >= 0 && bundle->manifest && bundle->imageSize != bundle->manifest->imageSize)
        lines << QStringLiteral("warning:     image.bin is %1 bytes, not the %2 the manifest says")
                     .arg(bundle->imageSize)
                     .arg(bundle->manifest->imageSize);
    printOut(lines.join(u'\n'));
    return Success;
}

} // namespace otter::sign
