// Verifying an uploaded release, one ErrorDetail reason per failure.
#include "backend/services/release_verification.h"

#include "backend/storage/trusted_keys.h"
#include "core/bundle_scanner.h"
#include "core/manifest_signature.h"

#include <google/protobuf/util/time_util.h>

#include <QJsonDocument>
#include <QJsonObject>

namespace otter::backend {
namespace {

const QString ManifestMember = QStringLiteral("manifest.json");
const QString SingleSignatureMember = QStringLiteral("manifest.sig");
const QString ImageMember = QStringLiteral("image.bin");
const QString SbomMember = QStringLiteral("sbom.cdx.json");

ApiError refusal(grpc::StatusCode code, v1::ErrorReason reason, const QString &message)
{
    return apiError(code, message, reason);
}

ApiError malformed(const QString &why)
{
    return refusal(grpc::StatusCode::INVALID_ARGUMENT, v1::ERROR_REASON_BUNDLE_MALFORMED,
                   QStringLiteral("the upload is not a valid release bundle: %1").arg(why));
}

ApiError manifestInvalid(const QString &why)
{
    return refusal(grpc::StatusCode::INVALID_ARGUMENT, v1::ERROR_REASON_MANIFEST_INVALID,
                   QStringLiteral("the release manifest is invalid: %1").arg(why));
}

// "signatures/<64 lower-case hex>.sig" → the key id; "manifest.sig" → empty; anything else → nullopt.
std::optional<QString> signatureMemberKeyId(const QString &name)
{
    if (name == SingleSignatureMember)
        return QString();
    static const QString prefix = QStringLiteral("signatures/");
    static const QString suffix = QStringLiteral(".sig");
    if (!name.startsWith(prefix) || !name.endsWith(suffix))
        return std::nullopt;
    const QString id = name.mid(prefix.size(), name.size() - prefix.size() - suffix.size());
    if (sha256FromHex(id).isEmpty() || id != id.toLower())
        return std::nullopt;
    return id;
}

QString timeText(const google::protobuf::Timestamp &time)
{
    return QDateTime::fromMSecsSinceEpoch(google::protobuf::util::TimeUtil::TimestampToMilliseconds(time),
                                          Qt::UTC)
        .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"));
}

// The key id an unverified manifest claims: read only to word a refusal, never to decide trust.
QString claimedKeyId(QByteArrayView manifest)
{
    const QJsonDocument document = QJsonDocument::fromJson(manifest.toByteArray());
    return document.object().value(QLatin1StringView("key_id")).toString().toLower();
}

struct CompleteBundle
{
    BundlePrefix prefix;
    bool haveImage = false;
    std::optional<QByteArray> sbom;
};

// Reads every member of a complete bundle except the image's contents, mapping each structural fault.
Checked<CompleteBundle> readCompleteBundle(const QString &path)
{
    auto opened = BundleScanner::open(path);
    if (!opened) {
        if (opened.error().kind == ErrorKind::Io)
            return apiError(grpc::StatusCode::UNAVAILABLE, opened.errorMessage());
        return malformed(QStringLiteral("it is not a tar archive"));
    }
    BundleScanner &scanner = opened.value();
    CompleteBundle bundle;
    BundlePrefix &prefix = bundle.prefix;
    for (;;) {
        auto next = scanner.next(); // skips the image's contents: they are hashed later, once
        if (!next)
            return malformed(next.errorMessage());
        const BundleMember member = *next;
        if (member.name.isEmpty())
            break;
        if (member.name == ManifestMember) {
            if (prefix.haveManifest)
                return malformed(QStringLiteral("it holds manifest.json twice"));
            auto bytes = scanner.readAll(member, MaxManifestBytes);
            if (!bytes)
                return bytes.error().kind == ErrorKind::TooLarge ? manifestInvalid(bytes.errorMessage())
                                                                 : malformed(bytes.errorMessage());
            prefix.manifestBytes = *bytes;
            prefix.haveManifest = true;
        } else if (const auto keyId = signatureMemberKeyId(member.name)) {
            if (prefix.signatures.size() >= MaxSignatures)
                return malformed(QStringLiteral("it holds more than %1 signatures").arg(MaxSignatures));
            auto der = scanner.readAll(member, MaxSignatureBytes);
            if (!der)
                return malformed(der.errorMessage());
            prefix.signatures.append({*keyId, *der});
        } else if (member.name == ImageMember) {
            if (bundle.haveImage)
                return malformed(QStringLiteral("it holds image.bin twice"));
            if (!prefix.haveManifest || prefix.signatures.isEmpty())
                return malformed(QStringLiteral("image.bin comes before the manifest and its signature"));
            prefix.imageSize = member.size;
            bundle.haveImage = true;
        } else if (member.name == SbomMember) {
            auto sbom = scanner.readAll(member, MaxSbomBytes);
            if (!sbom)
                return malformed(sbom.errorMessage());
            bundle.sbom = *sbom;
        }
        // Any other member is refused by the full verification, with its own message.
    }
    if (!prefix.haveManifest)
        return malformed(QStringLiteral("it has no manifest.json"));
    if (prefix.signatures.isEmpty())
        return malformed(QStringLiteral("it has no signature (manifest.sig or signatures/<key id>.sig)"));
    if (!bundle.haveImage)
        return malformed(QStringLiteral("it has no image.bin"));
    return bundle;
}

} // namespace

Checked<ReleaseTrust> ReleaseTrust::load(Database &database)
{
    auto keys = database.read([](SqliteConnection &connection) { return allTrustedKeys(connection); });
    if (!keys)
        return apiError(grpc::StatusCode::UNAVAILABLE,
                        QStringLiteral("cannot read the trusted keys: %1").arg(keys.errorMessage()));
    ReleaseTrust trust;
    trust.m_keys = *keys;
    for (const v1::TrustedKey &key : trust.m_keys) {
        if (key.state() != v1::TRUSTED_KEY_STATE_ACTIVE)
            continue;
        auto parsed = PublicKey::fromPem(QByteArrayView(key.public_key_pem()));
        if (!parsed)
            return apiError(grpc::StatusCode::INTERNAL,
                            QStringLiteral("stored trusted key %1 cannot be read: %2")
                                .arg(QString::fromStdString(key.id()), parsed.errorMessage()));
        trust.m_policy.trustedKeys.append(*parsed);
    }
    return trust;
}

Checked<QStringList> ReleaseTrust::verifySignatures(QByteArrayView manifest,
                                                    const QList<BundleSignature> &signatures) const
{
    auto verified = verifyManifestSignatures(manifest, signatures, m_policy);
    if (verified)
        return *verified;
    return explain(verified.error(), manifest, signatures);
}

ApiError ReleaseTrust::explain(const Error &failure, QByteArrayView manifest,
                               const QList<BundleSignature> &signatures) const
{
    switch (failure.kind) {
    case ErrorKind::Tampered:
        return refusal(grpc::StatusCode::INVALID_ARGUMENT, v1::ERROR_REASON_SIGNATURE_INVALID,
                       failure.message);
    case ErrorKind::NotFound:
        return apiError(grpc::StatusCode::INVALID_ARGUMENT, failure.message);
    case ErrorKind::Untrusted:
        break;
    default:
        return apiError(failure);
    }
    // No active key vouches for the manifest. Only now is its claimed signer read, to say which key it was.
    QStringList candidates;
    for (const BundleSignature &signature : signatures) {
        if (!signature.keyId.isEmpty())
            candidates << signature.keyId;
    }
    candidates << claimedKeyId(manifest);
    for (const QString &candidate : std::as_const(candidates)) {
        for (const v1::TrustedKey &key : m_keys) {
            if (QString::fromStdString(key.id()) != candidate || key.state() != v1::TRUSTED_KEY_STATE_REVOKED)
                continue;
            return refusal(grpc::StatusCode::FAILED_PRECONDITION, v1::ERROR_REASON_KEY_REVOKED,
                           QStringLiteral("the release is signed by key %1 (\"%2\"), which was revoked on %3 "
                                          "by %4 (reason: %5); sign it again with an active trusted key")
                               .arg(candidate, QString::fromStdString(key.name()), timeText(key.revoked_at()),
                                    QString::fromStdString(key.revoked_by()),
                                    QString::fromStdString(key.revocation_reason())));
        }
    }
    return refusal(grpc::StatusCode::FAILED_PRECONDITION, v1::ERROR_REASON_KEY_UNKNOWN,
                   QStringLiteral("%1; if you trust that key, an admin can add its public key with "
                                  "AddTrustedKey")
                       .arg(failure.message));
}

QList<BundleSignature> ReleaseTrust::named(QByteArrayView manifest, QList<BundleSignature> signatures) const
{
    for (BundleSignature &signature : signatures) {
        if (!signature.keyId.isEmpty())
            continue;
        for (const PublicKey &key : m_policy.trustedKeys) {
            if (key.verify(manifest, signature.der)) {
                signature.keyId = key.keyId();
                break;
            }
        }
    }
    return signatures;
}

Checked<Manifest> checkManifest(QByteArrayView bytes, const QStringList &signerKeyIds)
{
    auto manifest = Manifest::parse(bytes);
    if (!manifest)
        return manifestInvalid(manifest.errorMessage());
    if (auto ok = checkManifestSigner(*manifest, signerKeyIds); !ok)
        return refusal(grpc::StatusCode::INVALID_ARGUMENT, v1::ERROR_REASON_SIGNATURE_INVALID,
                       ok.errorMessage());
    return std::move(manifest).value();
}

Checked<std::optional<BundlePrefix>> probeArrivingBundle(const QString &path)
{
    const std::optional<BundlePrefix> notYet;
    auto opened = BundleScanner::open(path);
    if (!opened)
        return notYet;
    BundleScanner &scanner = opened.value();
    BundlePrefix prefix;
    for (;;) {
        // A header or member cut off by the end of what has arrived reads as damage: wait for more.
        auto next = scanner.next();
        if (!next || next->name.isEmpty())
            return notYet;
        const BundleMember member = *next;
        if (member.name == ManifestMember) {
            if (prefix.haveManifest)
                return malformed(QStringLiteral("it holds manifest.json twice"));
            auto bytes = scanner.readAll(member, MaxManifestBytes);
            if (!bytes && bytes.error().kind == ErrorKind::TooLarge)
                return manifestInvalid(bytes.errorMessage());
            if (!bytes)
                return notYet;
            prefix.manifestBytes = *bytes;
            prefix.haveManifest = true;
        } else if (const auto keyId = signatureMemberKeyId(member.name)) {
            if (prefix.signatures.size() >= MaxSignatures)
                return malformed(QStringLiteral("it holds more than %1 signatures").arg(MaxSignatures));
            auto der = scanner.readAll(member, MaxSignatureBytes);
            if (!der && der.error().kind == ErrorKind::TooLarge)
                return malformed(der.errorMessage());
            if (!der)
                return notYet;
            prefix.signatures.append({*keyId, *der});
        } else if (member.name == ImageMember) {
            if (!prefix.haveManifest || prefix.signatures.isEmpty())
                return malformed(QStringLiteral("image.bin comes before the manifest and its signature"));
            prefix.imageSize = member.size;
            return std::optional<BundlePrefix>(prefix);
        } else {
            // An unusual layout: the full verification at the end judges it.
            return notYet;
        }
    }
}

namespace {

// Signature over the raw bytes first, then the contents: nothing unverified is parsed for a decision.
Checked<VerifiedRelease> checkSignedManifest(const QByteArray &manifest,
                                             const QList<BundleSignature> &signatures,
                                             const ReleaseTrust &trust)
{
    auto signers = trust.verifySignatures(manifest, signatures);
    if (auto *error = std::get_if<ApiError>(&signers))
        return *error;
    const QStringList &signerIds = std::get<QStringList>(signers);
    auto parsed = checkManifest(manifest, signerIds);
    if (auto *error = std::get_if<ApiError>(&parsed))
        return *error;
    return VerifiedRelease{manifest, std::get<Manifest>(std::move(parsed)), trust.named(manifest, signatures),
                           signerIds, QString()};
}

} // namespace

Checked<VerifiedRelease> checkBundlePrefix(const BundlePrefix &prefix, const ReleaseTrust &trust)
{
    auto checked = checkSignedManifest(prefix.manifestBytes, prefix.signatures, trust);
    if (auto *error = std::get_if<ApiError>(&checked))
        return *error;
    VerifiedRelease &release = std::get<VerifiedRelease>(checked);
    if (prefix.imageSize != release.manifest.imageSize)
        return refusal(grpc::StatusCode::INVALID_ARGUMENT, v1::ERROR_REASON_IMAGE_SIZE_MISMATCH,
                       QStringLiteral("image.bin is %1 bytes but the signed manifest says %2 bytes")
                           .arg(prefix.imageSize)
                           .arg(release.manifest.imageSize));
    return checked;
}

Checked<VerifiedRelease> verifyUploadedBundle(const QString &path, const ReleaseTrust &trust,
                                              const QString &extractTo,
                                              const std::function<bool()> &cancelled)
{
    // First everything but the image, so that each fault gets its own reason before any hashing starts.
    auto read = readCompleteBundle(path);
    if (auto *error = std::get_if<ApiError>(&read))
        return *error;
    const CompleteBundle &bundle = std::get<CompleteBundle>(read);
    auto checked = checkBundlePrefix(bundle.prefix, trust);
    if (auto *error = std::get_if<ApiError>(&checked))
        return *error;
    VerifiedRelease release = std::get<VerifiedRelease>(std::move(checked));
    if (!release.manifest.sbomSha256.isEmpty()) {
        if (!bundle.sbom)
            return malformed(QStringLiteral("the manifest names an SBOM but there is no sbom.cdx.json"));
        if (Sha256::hash(*bundle.sbom) != release.manifest.sbomSha256)
            return malformed(QStringLiteral("sbom.cdx.json does not match the SHA-256 in the manifest"));
    }

    // Then the authoritative pass: the same checks again, the image hashed and extracted.
    BundleReadOptions options;
    options.trust = trust.policy();
    options.extractImageTo = extractTo;
    options.progress = [&](qint64) { return !cancelled(); };
    auto verified = verifyBundle(path, options);
    if (!verified) {
        if (cancelled())
            return apiError(grpc::StatusCode::CANCELLED, QStringLiteral("the upload was cancelled"));
        switch (verified.error().kind) {
        case ErrorKind::Tampered:
            // Signature, signer, size and SBOM were checked above: only the image's hash is left.
            return refusal(grpc::StatusCode::INVALID_ARGUMENT, v1::ERROR_REASON_IMAGE_HASH_MISMATCH,
                           verified.errorMessage());
        case ErrorKind::Untrusted: // the same trust passed above: only members the first pass ignored
        case ErrorKind::InvalidInput:
        case ErrorKind::NotFound:
        case ErrorKind::TooLarge:
            return malformed(verified.errorMessage());
        case ErrorKind::Io:
            return apiError(grpc::StatusCode::UNAVAILABLE,
                            QStringLiteral("cannot verify the upload: %1").arg(verified.errorMessage()));
        case ErrorKind::Internal:
            break;
        }
        return apiError(grpc::StatusCode::INTERNAL, verified.errorMessage());
    }
    release.signerKeyIds = verified->verifiedKeyIds;
    release.imagePath = extractTo;
    return release;
}

Checked<VerifiedRelease> checkPartsHeader(const v1::PartsFormat &parts, quint64 totalSize,
                                          const ReleaseTrust &trust)
{
    const QByteArray manifest = QByteArray::fromStdString(parts.manifest());
    if (manifest.isEmpty())
        return manifestInvalid(QStringLiteral("header.parts.manifest is empty: send the manifest exactly "
                                              "as signed"));
    if (manifest.size() > MaxManifestBytes)
        return manifestInvalid(QStringLiteral("header.parts.manifest is %1 bytes, more than the %2 bytes a "
                                              "manifest may have")
                                   .arg(manifest.size())
                                   .arg(MaxManifestBytes));
    if (parts.signatures().empty())
        return apiError(grpc::StatusCode::INVALID_ARGUMENT,
                        QStringLiteral("header.parts.signatures is empty: a release needs at least one "
                                       "signature over its manifest"));
    if (parts.signatures_size() > MaxSignatures)
        return apiError(grpc::StatusCode::INVALID_ARGUMENT,
                        QStringLiteral("header.parts.signatures holds %1 signatures; at most %2 are allowed")
                            .arg(parts.signatures_size())
                            .arg(MaxSignatures));
    QList<BundleSignature> signatures;
    for (int i = 0; i < parts.signatures_size(); ++i) {
        const v1::ManifestSignature &signature = parts.signatures(i);
        const QString keyId = QString::fromStdString(signature.key_id());
        if (!keyId.isEmpty() && (sha256FromHex(keyId).isEmpty() || keyId != keyId.toLower()))
            return apiError(grpc::StatusCode::INVALID_ARGUMENT,
                            QStringLiteral("header.parts.signatures[%1].key_id must be 64 lower-case hex "
                                           "digits")
                                .arg(i));
        if (keyId.isEmpty() && parts.signatures_size() > 1)
            return apiError(grpc::StatusCode::INVALID_ARGUMENT,
                            QStringLiteral("header.parts.signatures[%1].key_id is empty: with several "
                                           "signatures each must name its key")
                                .arg(i));
        if (signature.signature().empty())
            return apiError(grpc::StatusCode::INVALID_ARGUMENT,
                            QStringLiteral("header.parts.signatures[%1].signature is empty").arg(i));
        if (qint64(signature.signature().size()) > MaxSignatureBytes)
            return refusal(grpc::StatusCode::INVALID_ARGUMENT, v1::ERROR_REASON_SIGNATURE_INVALID,
                           QStringLiteral("header.parts.signatures[%1].signature is %2 bytes; an ECDSA P-256 "
                                          "signature is at most 72")
                               .arg(i)
                               .arg(signature.signature().size()));
        signatures.append({keyId, QByteArray::fromStdString(signature.signature())});
    }
    auto checked = checkSignedManifest(manifest, signatures, trust);
    if (auto *error = std::get_if<ApiError>(&checked))
        return *error;
    const qint64 announced = qint64(totalSize);
    if (std::get<VerifiedRelease>(checked).manifest.imageSize != announced)
        return refusal(grpc::StatusCode::INVALID_ARGUMENT, v1::ERROR_REASON_IMAGE_SIZE_MISMATCH,
                       QStringLiteral("the signed manifest says the image is %1 bytes, but header.total_size "
                                      "announces %2 bytes")
                           .arg(std::get<VerifiedRelease>(checked).manifest.imageSize)
                           .arg(announced));
    return checked;
}

} // namespace otter::backend
