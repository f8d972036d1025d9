// The console's pre-upload check, mirroring otterd's order so both name the same failed check.
#include "core/release_precheck.h"

#include "core/semver.h"

#include <QFileInfo>

namespace otter {
namespace {

void fillFacts(ReleasePrecheck &check, const QByteArray &manifestBytes, const Manifest &manifest)
{
    check.releaseId = toHex(Sha256::hash(manifestBytes));
    check.version = manifest.version;
    check.securityVersion = manifest.securityVersion;
    check.hardwareClasses = manifest.hardwareClasses;
    check.vendor = manifest.vendor;
    check.payloadType = manifest.payloadType;
    check.imageSize = manifest.imageSize;
    check.imageSha256 = toHex(manifest.imageSha256);
    check.signerKeyId = manifest.keyId;
}

// Takes a copy: the message's arguments may read the same check.
ReleasePrecheck refuse(const ReleasePrecheck &refused, PrecheckFailure failure, const QString &message)
{
    ReleasePrecheck check = refused;
    check.failure = failure;
    check.failedCheck = precheckName(failure);
    check.message = message;
    return check;
}

const KnownKey *findKey(const QList<KnownKey> &keys, const QString &id)
{
    for (const KnownKey &key : keys)
        if (key.id == id)
            return &key;
    return nullptr;
}

TrustPolicy activeKeys(const QList<KnownKey> &keys)
{
    TrustPolicy trust;
    for (const KnownKey &key : keys) {
        if (!key.active)
            continue;
        if (auto parsed = PublicKey::fromPem(key.publicKeyPem))
            trust.trustedKeys.append(*parsed);
    }
    return trust;
}

// The signer is not among the active keys: revoked or never added (otterd tells them apart the same way).
ReleasePrecheck untrusted(const ReleasePrecheck &check, const QList<KnownKey> &keys)
{
    const QString id = check.signerKeyId;
    if (const KnownKey *key = findKey(keys, id); key && !key->active)
        return refuse(
            check, PrecheckFailure::KeyRevoked,
            QStringLiteral("the release is signed by key %1 (\"%2\"), which was revoked on %3 by %4 "
                           "(reason: %5); sign it again with an active trusted key")
                .arg(id, key->name, key->revokedAt.toUTC().toString(Qt::ISODate), key->revokedBy,
                     key->revocationReason));
    return refuse(check, PrecheckFailure::KeyUnknown,
                  QStringLiteral("the release is signed by key %1, which otterd does not trust; if you trust "
                                 "that key, an admin can add its public key under Trusted keys")
                      .arg(id.isEmpty() ? QStringLiteral("(unnamed)") : id));
}

QString sharedClass(const KnownRelease &other, const QStringList &classes)
{
    for (const QString &hardwareClass : other.hardwareClasses)
        if (classes.contains(hardwareClass))
            return hardwareClass;
    return {};
}

// otterd's version rules (release_catalog.cpp): the same manifest, the same version for a shared
// hardware class, then a lower security version than a release sharing a class.
ReleasePrecheck versionRules(const ReleasePrecheck &check, const QList<KnownRelease> &releases)
{
    for (const KnownRelease &other : releases)
        if (other.id == check.releaseId)
            return refuse(
                check, PrecheckFailure::AlreadyExists,
                QStringLiteral("release %1 (version %2) is already stored").arg(other.id, other.version));
    QList<KnownRelease> sharing;
    for (const KnownRelease &other : releases)
        if (!sharedClass(other, check.hardwareClasses).isEmpty())
            sharing.append(other);
    for (const KnownRelease &other : sharing)
        if (compareVersions(other.version, check.version) == 0)
            return refuse(check, PrecheckFailure::AlreadyExists,
                          QStringLiteral("release %1 already has version %2 for hardware class %3; give this "
                                         "build a new version")
                              .arg(other.id, other.version, sharedClass(other, check.hardwareClasses)));
    for (const KnownRelease &other : sharing) {
        if (other.securityVersion <= check.securityVersion)
            continue;
        return refuse(check, PrecheckFailure::Downgrade,
                      QStringLiteral("security version %1 is below the %2 of release %3 (version %4) for "
                                     "hardware class %5: devices that installed it would refuse this one")
                          .arg(check.securityVersion)
                          .arg(other.securityVersion)
                          .arg(other.id, other.version, sharedClass(other, check.hardwareClasses)));
    }
    return check;
}

void nameSigner(ReleasePrecheck &check, const QList<KnownKey> &keys)
{
    if (const KnownKey *key = findKey(keys, check.signerKeyId)) {
        check.signerKeyName = key->name;
        check.signerTrusted = key->active;
    }
}

} // namespace

QString precheckName(PrecheckFailure failure)
{
    switch (failure) {
    case PrecheckFailure::None:
        return {};
    case PrecheckFailure::Unreadable:
        return QStringLiteral("file read");
    case PrecheckFailure::BundleMalformed:
        return QStringLiteral("bundle structure");
    case PrecheckFailure::ManifestInvalid:
        return QStringLiteral("manifest contents");
    case PrecheckFailure::SignatureInvalid:
        return QStringLiteral("signature (tampered bundle)");
    case PrecheckFailure::KeyUnknown:
        return QStringLiteral("trusted key (untrusted key)");
    case PrecheckFailure::KeyRevoked:
        return QStringLiteral("trusted key (revoked key)");
    case PrecheckFailure::ImageMismatch:
        return QStringLiteral("image SHA-256 (tampered image)");
    case PrecheckFailure::AlreadyExists:
        return QStringLiteral("version (already stored)");
    case PrecheckFailure::Downgrade:
        return QStringLiteral("security version (downgrade)");
    case PrecheckFailure::Cancelled:
        return QStringLiteral("cancelled");
    }
    return {};
}

ReleasePrecheck precheckBundle(const QString &path, const QList<KnownKey> &keys,
                               const QList<KnownRelease> &releases, const ProgressCallback &progress)
{
    ReleasePrecheck check;
    const QFileInfo info(path);
    check.fileName = info.fileName();
    check.fileSize = info.exists() ? info.size() : -1;

    // Display facts first, from the unverified manifest, so a refused bundle still shows what it claims.
    auto inspected = inspectBundle(path);
    if (!inspected)
        return refuse(check,
                      inspected.error().kind == ErrorKind::Io ? PrecheckFailure::Unreadable
                                                              : PrecheckFailure::BundleMalformed,
                      inspected.errorMessage());
    if (inspected->manifest)
        fillFacts(check, inspected->manifestBytes, *inspected->manifest);
    else
        check.releaseId = toHex(Sha256::hash(inspected->manifestBytes));
    for (const BundleSignature &signature : inspected->signatures)
        if (check.signerKeyId.isEmpty() && !signature.keyId.isEmpty())
            check.signerKeyId = signature.keyId;
    nameSigner(check, keys);

    BundleReadOptions options;
    options.trust = activeKeys(keys);
    bool cancelled = false;
    options.progress = [&](qint64 done) {
        cancelled = progress && !progress(done);
        return !cancelled;
    };
    auto verified = verifyBundle(path, options);
    if (cancelled)
        return refuse(check, PrecheckFailure::Cancelled, QStringLiteral("the check was cancelled"));
    if (!verified) {
        const Error &error = verified.error();
        switch (error.kind) {
        case ErrorKind::Untrusted:
            return untrusted(check, keys);
        case ErrorKind::Tampered:
            return refuse(check,
                          error.message.startsWith(QStringLiteral("image.bin")) ||
                                  error.message.startsWith(QStringLiteral("sbom"))
                              ? PrecheckFailure::ImageMismatch
                              : PrecheckFailure::SignatureInvalid,
                          error.message);
        case ErrorKind::Io:
            return refuse(check, PrecheckFailure::Unreadable, error.message);
        default:
            return refuse(check,
                          inspected->manifest ? PrecheckFailure::BundleMalformed
                                              : PrecheckFailure::ManifestInvalid,
                          error.message);
        }
    }
    fillFacts(check, verified->manifestBytes, verified->manifest);
    check.imageVerified = true;
    nameSigner(check, keys);
    return versionRules(check, releases);
}

ReleasePrecheck precheckSigned(const QString &imagePath, const SignedManifest &release,
                               const QList<KnownKey> &keys, const QList<KnownRelease> &releases)
{
    ReleasePrecheck check;
    const QFileInfo info(imagePath);
    check.fileName = info.fileName();
    check.fileSize = info.size();
    fillFacts(check, release.manifestBytes, release.manifest);
    check.imageVerified = true; // hashed while signing
    nameSigner(check, keys);
    if (!check.signerTrusted)
        return untrusted(check, keys);
    return versionRules(check, releases);
}

} // namespace otter
