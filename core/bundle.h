// The release bundle (.otb): a plain tar of manifest.json, its signature(s), image.bin and an optional SBOM.
//
// Members, in this order (the order lets a reader check the signature before it touches the image):
//   manifest.json                          the signed manifest, exact bytes
//   manifest.sig | signatures/<keyid>.sig  one DER ECDSA signature, or one per signer for k-of-n
//   image.bin                              the firmware image
//   sbom.cdx.json                          optional CycloneDX software bill of materials
#pragma once

#include "core/manifest.h"
#include "core/result.h"
#include "core/sha256.h"
#include "core/signing.h"

#include <QList>
#include <QString>

namespace otter {

struct BundleSignature
{
    QString keyId; // empty for the single manifest.sig member
    QByteArray der;
};

struct BundleWriteSpec
{
    QByteArray manifestBytes;
    QList<BundleSignature> signatures; // one without key id → manifest.sig; otherwise signatures/<keyid>.sig
    QString imagePath;
    QString sbomPath; // optional
};

// Writes the bundle atomically: `outPath` appears only once the whole tar is on disk.
Result<void> writeBundle(const QString &outPath, const BundleWriteSpec &spec,
                         const ProgressCallback &progress = {});

struct TrustPolicy
{
    QList<PublicKey> trustedKeys;
    int requiredSignatures = 1; // k of k-of-n: distinct trusted keys whose signatures must verify
};

struct BundleReadOptions
{
    TrustPolicy trust;
    // When set, the image is written here, and only after its size and hash matched the manifest.
    QString extractImageTo;
    ProgressCallback progress; // image bytes read so far
};

struct VerifiedBundle
{
    QByteArray manifestBytes;
    Manifest manifest;
    QList<BundleSignature> signatures;
    QStringList verifiedKeyIds; // trusted keys whose signatures verified
    QByteArray sbom;
};

// Verifies, in order: the tar structure and size caps, the signature(s) over the raw manifest bytes, the
// manifest's contents, then the image size and SHA-256. The error says which check failed:
// ErrorKind::Tampered (signature or image hash), Untrusted (signer not trusted), TooLarge (a cap),
// NotFound (a missing member), InvalidInput (anything else malformed), Io (the file could not be read).
Result<VerifiedBundle> verifyBundle(const QString &path, const BundleReadOptions &options);

struct InspectedBundle
{
    QByteArray manifestBytes;
    Result<Manifest> manifest = makeError(ErrorKind::NotFound, QString());
    QList<BundleSignature> signatures;
    qint64 imageSize = -1; // from the tar header; -1 when image.bin is absent
};

// Reads the manifest and signatures without checking any of them: for display only, never for trust.
Result<InspectedBundle> inspectBundle(const QString &path);

inline constexpr qint64 MaxSbomBytes = 16 << 20;
inline constexpr int MaxSignatures = 16;

} // namespace otter
