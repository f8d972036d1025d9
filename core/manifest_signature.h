// Deciding whether a manifest is genuine: its signature(s), checked over the exact bytes, against trusted
// keys.
#pragma once

#include "core/bundle.h"

namespace otter {

// Checks the signatures over the raw manifest bytes before anything parses them. On success returns the
// ids of the trusted keys whose signatures verified (at least trust.requiredSignatures of them).
// Errors: Untrusted when the signer is not among the trusted keys, Tampered when a trusted signer's
// signature does not match (the manifest or the signature was changed).
Result<QStringList> verifyManifestSignatures(QByteArrayView manifestBytes,
                                             const QList<BundleSignature> &signatures,
                                             const TrustPolicy &trust);

// After the signature verified: the manifest must name one of the keys that signed it.
Result<void> checkManifestSigner(const Manifest &manifest, const QStringList &verifiedKeyIds);

} // namespace otter
