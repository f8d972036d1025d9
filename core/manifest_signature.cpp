// Deciding whether a manifest is genuine.
#include "core/manifest_signature.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

namespace otter {
namespace {

// The key id the (still unverified) manifest claims. Used only to word an error, never to decide trust.
QString claimedKeyId(QByteArrayView manifestBytes)
{
    const QJsonDocument document = QJsonDocument::fromJson(manifestBytes.toByteArray());
    const QString id = document.object().value(QLatin1StringView("key_id")).toString();
    return sha256FromHex(id).isEmpty() ? QString() : id.toLower();
}

const PublicKey *findKey(const QList<PublicKey> &keys, const QString &keyId)
{
    for (const PublicKey &key : keys) {
        if (key.keyId() == keyId)
            return &key;
    }
    return nullptr;
}

} // namespace

Result<QStringList> verifyManifestSignatures(QByteArrayView manifestBytes,
                                             const QList<BundleSignature> &signatures,
                                             const TrustPolicy &trust)
{
    if (signatures.isEmpty())
        return makeError(ErrorKind::NotFound, QStringLiteral("the release carries no signature"));
    if (trust.trustedKeys.isEmpty())
        return makeError(ErrorKind::Untrusted,
                         QStringLiteral("no trusted key is configured, so no release can be "
                                        "accepted"));

    QSet<QString> verified;
    QStringList tamperedBy; // trusted keys whose signature is present but wrong
    QStringList unknownSigners;
    for (const BundleSignature &signature : signatures) {
        if (!signature.keyId.isEmpty()) {
            const PublicKey *key = findKey(trust.trustedKeys, signature.keyId);
            if (!key)
                unknownSigners.append(signature.keyId);
            else if (key->verify(manifestBytes, signature.der))
                verified.insert(signature.keyId);
            else
                tamperedBy.append(signature.keyId);
            continue;
        }
        // A lone manifest.sig does not say who signed: try the trusted keys (there are only a few).
        bool matched = false;
        for (const PublicKey &key : trust.trustedKeys) {
            if (key.verify(manifestBytes, signature.der)) {
                verified.insert(key.keyId());
                matched = true;
                break;
            }
        }
        if (!matched) {
            const QString claimed = claimedKeyId(manifestBytes);
            if (!claimed.isEmpty() && !findKey(trust.trustedKeys, claimed))
                unknownSigners.append(claimed);
            else
                tamperedBy.append(claimed);
        }
    }

    const int required = qMax(1, trust.requiredSignatures);
    if (verified.size() >= required) {
        QStringList ids(verified.begin(), verified.end());
        ids.sort();
        return ids;
    }
    if (!tamperedBy.isEmpty()) {
        const QString who = tamperedBy.first().isEmpty()
                                ? QStringLiteral("any trusted key")
                                : QStringLiteral("trusted key %1").arg(tamperedBy.first());
        return makeError(ErrorKind::Tampered,
                         QStringLiteral("the manifest signature does not verify with %1: the "
                                        "manifest or its signature was changed after signing")
                             .arg(who));
    }
    if (verified.isEmpty())
        return makeError(ErrorKind::Untrusted,
                         QStringLiteral("the release is signed by key %1, which is not trusted")
                             .arg(unknownSigners.join(QStringLiteral(", "))));
    return makeError(ErrorKind::Untrusted,
                     QStringLiteral("only %1 of the %2 required trusted signatures verify")
                         .arg(verified.size())
                         .arg(required));
}

Result<void> checkManifestSigner(const Manifest &manifest, const QStringList &verifiedKeyIds)
{
    if (!verifiedKeyIds.contains(manifest.keyId))
        return makeError(ErrorKind::Tampered,
                         QStringLiteral("the manifest names signer key %1, but it was signed by %2")
                             .arg(manifest.keyId, verifiedKeyIds.join(QStringLiteral(", "))));
    return {};
}

} // namespace otter
