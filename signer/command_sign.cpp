// otter-sign sign: hash an image, write and sign its manifest, and pack the release bundle.
#include "core/bundle.h"
#include "core/manifest.h"
#include "core/release_signing.h"
#include "signer/cli.h"
#include "signer/commands.h"

namespace otter::sign {
namespace {

// Reproducible builds set SOURCE_DATE_EPOCH; then the same inputs give the same bundle.
QDateTime creationTime(const QString &explicitTime)
{
    if (!explicitTime.isEmpty())
        return QDateTime::fromString(explicitTime, Qt::ISODate).toUTC();
    bool ok = false;
    const qint64 epoch = qEnvironmentVariable("SOURCE_DATE_EPOCH").toLongLong(&ok);
    QDateTime time = ok ? QDateTime::fromSecsSinceEpoch(epoch, Qt::UTC) : QDateTime::currentDateTimeUtc();
    return time.addMSecs(-time.time().msec());
}

} // namespace

int runSign(const QStringList &arguments)
{
    const QString command = QStringLiteral("sign");
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Sign a firmware image into a release bundle (.otb).\n"
                                                    "Repeat --key to sign with several keys (k-of-n)."));
    const QCommandLineOption keyOption(QStringLiteral("key"), QStringLiteral("Private signing key (PEM)."),
                                       QStringLiteral("file"));
    const QCommandLineOption image(QStringLiteral("image"), QStringLiteral("The firmware image."),
                                   QStringLiteral("file"));
    const QCommandLineOption version(QStringLiteral("version"),
                                     QStringLiteral("Display version, semantic (1.2.3)."),
                                     QStringLiteral("semver"));
    const QCommandLineOption securityVersion(QStringLiteral("security-version"),
                                             QStringLiteral("Anti-rollback security version (whole number)."),
                                             QStringLiteral("n"));
    const QCommandLineOption hardwareClass(
        QStringLiteral("hardware-class"),
        QStringLiteral("Hardware class the image is for; repeat for several."), QStringLiteral("class"));
    const QCommandLineOption vendor(QStringLiteral("vendor"), QStringLiteral("Vendor id (default: otter)."),
                                    QStringLiteral("id"), QStringLiteral("otter"));
    const QCommandLineOption sbom(QStringLiteral("sbom"), QStringLiteral("CycloneDX SBOM to include."),
                                  QStringLiteral("file"));
    const QCommandLineOption created(
        QStringLiteral("created"),
        QStringLiteral("Creation time, ISO 8601 UTC (default: SOURCE_DATE_EPOCH or now)."),
        QStringLiteral("time"));
    const QCommandLineOption out(QStringLiteral("out"), QStringLiteral("Where to write the bundle."),
                                 QStringLiteral("file"));
    parser.addOptions(
        {keyOption, image, version, securityVersion, hardwareClass, vendor, sbom, created, out});
    int exitCode = 0;
    if (!parseOrExit(parser, arguments, exitCode))
        return exitCode;
    for (const QCommandLineOption *required :
         {&keyOption, &image, &version, &securityVersion, &hardwareClass, &out}) {
        if (!parser.isSet(*required)) {
            printError(QStringLiteral("otter-sign sign: --%1 is required").arg(required->names().first()));
            return UsageError;
        }
    }

    QList<PrivateKey> keys;
    for (const QString &path : parser.values(keyOption)) {
        auto key = PrivateKey::load(path);
        if (!key)
            return fail(command, key.error());
        keys.append(*key);
    }

    ReleaseSigningSpec signing;
    signing.imagePath = parser.value(image);
    signing.sbomPath = parser.value(sbom);
    signing.vendor = parser.value(vendor);
    signing.hardwareClasses = parser.values(hardwareClass);
    signing.version = parser.value(version);
    bool numeric = false;
    signing.securityVersion = parser.value(securityVersion).toLongLong(&numeric);
    if (!numeric) {
        printError(QStringLiteral("otter-sign sign: --security-version must be a whole number, not \"%1\"")
                       .arg(parser.value(securityVersion)));
        return UsageError;
    }
    signing.created = creationTime(parser.value(created));
    auto signedManifest = signRelease(signing, keys);
    if (!signedManifest)
        return fail(command, signedManifest.error());
    const Manifest &manifest = signedManifest->manifest;

    BundleWriteSpec spec;
    spec.manifestBytes = signedManifest->manifestBytes;
    spec.signatures = signedManifest->signatures;
    spec.imagePath = signing.imagePath;
    spec.sbomPath = signing.sbomPath;
    if (auto ok = writeBundle(parser.value(out), spec); !ok)
        return fail(command, ok.error());
    printOut(
        QStringLiteral("signed %1 %2 (security version %3) for %4 with key %5 → %6")
            .arg(manifest.vendor, manifest.version)
            .arg(manifest.securityVersion)
            .arg(manifest.hardwareClasses.join(QStringLiteral(", ")), manifest.keyId, parser.value(out)));
    return Success;
}

} // namespace otter::sign
