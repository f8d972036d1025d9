// Signing a release: the manifest built from the image's digest, signed by each key.
#include "core/release_signing.h"

namespace otter {

Result<SignedManifest> signRelease(const ReleaseSigningSpec &spec, const QList<PrivateKey> &keys,
                                   const ProgressCallback &progress)
{
    if (keys.isEmpty())
        return makeError(ErrorKind::InvalidInput, QStringLiteral("a release needs at least one signing key"));
    SignedManifest signedManifest;
    Manifest &manifest = signedManifest.manifest;
    manifest.vendor = spec.vendor;
    manifest.hardwareClasses = spec.hardwareClasses;
    manifest.version = spec.version;
    manifest.securityVersion = spec.securityVersion;
    const QDateTime created = spec.created.toUTC();
    manifest.created = created.addMSecs(-created.time().msec());
    manifest.keyId = keys.first().keyId();

    auto digest = hashFile(spec.imagePath, progress);
    if (!digest)
        return digest.error();
    manifest.imageSize = digest->size;
    manifest.imageSha256 = digest->sha256;
    if (!spec.sbomPath.isEmpty()) {
        auto sbomDigest = hashFile(spec.sbomPath);
        if (!sbomDigest)
            return sbomDigest.error();
        manifest.sbomSha256 = sbomDigest->sha256;
    }
    if (auto ok = manifest.validate(); !ok)
        return ok.error();

    signedManifest.manifestBytes = manifest.serialize();
    for (const PrivateKey &key : keys) {
        auto signature = key.sign(signedManifest.manifestBytes);
        if (!signature)
            return signature.error();
        signedManifest.signatures.append({keys.size() == 1 ? QString() : key.keyId(), *signature});
    }
    return signedManifest;
}

} // namespace otter
