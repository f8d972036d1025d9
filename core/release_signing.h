// Signing a release: hash the image, fill in its manifest and sign the exact manifest bytes. Shared by
// `otter-sign sign` (which then packs a bundle) and the console (which signs an image on the spot).
#pragma once

#include "core/bundle.h"

#include <QDateTime>

namespace otter {

struct ReleaseSigningSpec
{
    QString imagePath;
    QString sbomPath; // optional
    QString vendor = QStringLiteral("otter");
    QStringList hardwareClasses;
    QString version;
    qint64 securityVersion = 0;
    QDateTime created; // stored at second precision, UTC
};

struct SignedManifest
{
    Manifest manifest;
    QByteArray manifestBytes;
    // One signature: without key id (manifest.sig); several: each names its key (k-of-n).
    QList<BundleSignature> signatures;
};

// Streams the image once (progress: image bytes hashed; returning false cancels), validates the manifest
// and signs it with every key. The manifest names the first key as its signer.
Result<SignedManifest> signRelease(const ReleaseSigningSpec &spec, const QList<PrivateKey> &keys,
                                   const ProgressCallback &progress = {});

} // namespace otter
