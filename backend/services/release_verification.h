// Verifying an uploaded release in the order releases.proto prescribes (signature over the raw manifest
// bytes, manifest contents, image size and hash), turning each failure into its own status and
// ErrorDetail reason so that an operator — or the console — can tell a forged release from a revoked key.
#pragma once

#include "backend/server/api_error.h"
#include "backend/storage/database.h"
#include "core/bundle.h"
#include "otter/v1/keys.pb.h"
#include "otter/v1/releases.pb.h"

#include <functional>
#include <optional>
#include <variant>

namespace otter::backend {

// A value, or the refusal to send instead.
template<typename T>
using Checked = std::variant<T, ApiError>;

// The trusted keys as stored when the check began: the active ones decide, the revoked ones only explain.
class ReleaseTrust
{
public:
    static Checked<ReleaseTrust> load(Database &database);

    const TrustPolicy &policy() const { return m_policy; }
    // The ids of the active trusted keys whose signatures verify over exactly `manifest`, or the refusal:
    // SIGNATURE_INVALID, KEY_UNKNOWN or KEY_REVOKED.
    Checked<QStringList> verifySignatures(QByteArrayView manifest,
                                          const QList<BundleSignature> &signatures) const;
    // Gives every signature its key id (a lone manifest.sig names none): everything otterd sends names it.
    QList<BundleSignature> named(QByteArrayView manifest, QList<BundleSignature> signatures) const;

private:
    ApiError explain(const Error &failure, QByteArrayView manifest,
                     const QList<BundleSignature> &signatures) const;

    QList<v1::TrustedKey> m_keys;
    TrustPolicy m_policy;
};

// A release that passed every content check; `imagePath` is a scratch file holding the verified image.
struct VerifiedRelease
{
    QByteArray manifestBytes;
    Manifest manifest;
    QList<BundleSignature> signatures;
    QStringList signerKeyIds;
    QString imagePath;
};

// Parses a manifest whose signature verified, and checks that it names one of its signers.
Checked<Manifest> checkManifest(QByteArrayView bytes, const QStringList &signerKeyIds);

// What precedes image.bin in a bundle: enough to check the signature before the image is read.
struct BundlePrefix
{
    QByteArray manifestBytes;
    bool haveManifest = false;
    QList<BundleSignature> signatures;
    qint64 imageSize = -1; // from image.bin's tar header
};

// Reads the members before image.bin of a bundle that is still arriving. nullopt while they have not all
// arrived (or the file cannot be judged yet); a refusal only for faults more bytes cannot mend.
Checked<std::optional<BundlePrefix>> probeArrivingBundle(const QString &path);

// Checks the signature and manifest of a bundle prefix, and the image size its tar header announces.
Checked<VerifiedRelease> checkBundlePrefix(const BundlePrefix &prefix, const ReleaseTrust &trust);

// Verifies a complete bundle file and extracts its image to `extractTo` (only if every check passed).
// `cancelled` is polled while the image is hashed.
Checked<VerifiedRelease> verifyUploadedBundle(const QString &path, const ReleaseTrust &trust,
                                              const QString &extractTo,
                                              const std::function<bool()> &cancelled);

// Parts mode: the header's manifest and signatures, checked before any image byte is accepted. The image
// must then be `totalSize` bytes, which the manifest must also say.
Checked<VerifiedRelease> checkPartsHeader(const v1::PartsFormat &parts, quint64 totalSize,
                                          const ReleaseTrust &trust);

} // namespace otter::backend
