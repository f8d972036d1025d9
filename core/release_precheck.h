// The console's check of a release before it is uploaded: the checks otterd's UploadRelease makes, in
// its order (bundle structure, signature by an active trusted key, manifest, image size and SHA-256,
// version rules), against what the console knows of the server — its cached trusted keys and releases.
// The server stays the authority; this only saves sending gigabytes that it would refuse.
#pragma once

#include "core/release_signing.h"

#include <QDateTime>

namespace otter {

// A trusted key as the server lists it.
struct KnownKey
{
    QString id;
    QString name;
    QByteArray publicKeyPem;
    bool active = true;
    QString revokedBy;
    QDateTime revokedAt;
    QString revocationReason;
};

// A release the server stores, as far as the version rules need it.
struct KnownRelease
{
    QString id;
    QString version;
    qint64 securityVersion = 0;
    QStringList hardwareClasses;
};

// Which check refused the release; the names follow otterd's ErrorDetail reasons.
enum class PrecheckFailure {
    None,
    Unreadable,       // the file could not be read
    BundleMalformed,  // not a bundle, or a member missing, duplicated or unexpected
    ManifestInvalid,  // the manifest does not parse or a field is out of range
    SignatureInvalid, // the manifest or its signature was changed after signing
    KeyUnknown,       // signed by a key the server does not trust
    KeyRevoked,       // signed by a key the server revoked
    ImageMismatch,    // the image's size or SHA-256 differs from the manifest: changed after signing
    AlreadyExists,    // the same release, or another with this version for a shared hardware class
    Downgrade,        // security version below a stored release's for a shared hardware class
    Cancelled,
};

// What the operator sees before sending: the manifest's facts and the verdict.
struct ReleasePrecheck
{
    QString fileName;
    qint64 fileSize = -1; // the bundle, or the image when signed on the spot
    QString releaseId;    // hex SHA-256 of the manifest bytes
    QString version;
    qint64 securityVersion = -1;
    QStringList hardwareClasses;
    QString vendor;
    QString payloadType;
    qint64 imageSize = -1;
    QString imageSha256; // hex; verified when `imageVerified`
    bool imageVerified = false;
    QString signerKeyId;
    QString signerKeyName; // from the trusted keys, when known there
    bool signerTrusted = false;

    PrecheckFailure failure = PrecheckFailure::None;
    QString failedCheck; // the check's name, for the error panel
    QString message;     // a sentence saying what is wrong and what to do

    bool passed() const { return failure == PrecheckFailure::None; }
};

// Streams the bundle once (progress: image bytes hashed; returning false cancels).
ReleasePrecheck precheckBundle(const QString &path, const QList<KnownKey> &keys,
                               const QList<KnownRelease> &releases, const ProgressCallback &progress = {});

// A manifest just signed on the spot (its image was hashed while signing).
ReleasePrecheck precheckSigned(const QString &imagePath, const SignedManifest &release,
                               const QList<KnownKey> &keys, const QList<KnownRelease> &releases);

// The short name of a check, as the error panel titles it.
QString precheckName(PrecheckFailure failure);

} // namespace otter
