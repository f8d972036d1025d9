// Reading release bundles: verification in a fixed order (signature, manifest, image), and inspection.
#include "core/bundle.h"

#include "core/bundle_scanner.h"
#include "core/manifest_signature.h"

#include <QSaveFile>

namespace otter {
namespace {

const QString ManifestMember = QStringLiteral("manifest.json");
const QString SingleSignatureMember = QStringLiteral("manifest.sig");
const QString ImageMember = QStringLiteral("image.bin");
const QString SbomMember = QStringLiteral("sbom.cdx.json");

// "signatures/<64 hex>.sig" → the key id; anything else → empty.
QString signatureKeyId(const QString &name)
{
    static const QString prefix = QStringLiteral("signatures/");
    static const QString suffix = QStringLiteral(".sig");
    if (!name.startsWith(prefix) || !name.endsWith(suffix))
        return {};
    const QString id = name.mid(prefix.size(), name.size() - prefix.size() - suffix.size());
    return (sha256FromHex(id).isEmpty() || id != id.toLower()) ? QString() : id;
}

bool isSignatureMember(const QString &name)
{
    return name == SingleSignatureMember || name.startsWith(QLatin1StringView("signatures/"));
}

Error structure(ErrorKind kind, const QString &message)
{
    return makeError(kind, message);
}

// The members seen so far, with duplicate and order checks shared by both readers.
struct MemberLedger
{
    QByteArray manifestBytes;
    bool haveManifest = false;
    QList<BundleSignature> signatures;
    bool haveImage = false;
    bool haveSbom = false;

    Result<void> admit(const BundleMember &member)
    {
        if (!member.regularFile)
            return structure(ErrorKind::InvalidInput,
                             QStringLiteral("member %1 is not a regular file").arg(member.name));
        const bool duplicate =
            (member.name == ManifestMember && haveManifest) || (member.name == ImageMember && haveImage) ||
            (member.name == SbomMember && haveSbom) ||
            std::any_of(signatures.begin(), signatures.end(), [&](const BundleSignature &s) {
                return (s.keyId.isEmpty() && member.name == SingleSignatureMember) ||
                       (!s.keyId.isEmpty() && signatureKeyId(member.name) == s.keyId);
            });
        if (duplicate)
            return structure(ErrorKind::InvalidInput,
                             QStringLiteral("the bundle holds %1 twice").arg(member.name));
        if (member.name == ManifestMember || member.name == ImageMember || member.name == SbomMember)
            return {};
        if (member.name == SingleSignatureMember || !signatureKeyId(member.name).isEmpty()) {
            if (signatures.size() >= MaxSignatures)
                return structure(
                    ErrorKind::TooLarge,
                    QStringLiteral("the bundle holds more than %1 signatures").arg(MaxSignatures));
            return {};
        }
        if (isSignatureMember(member.name))
            return structure(ErrorKind::InvalidInput, QStringLiteral("signature member %1 must be named "
                                                                     "signatures/<64 hex digit key id>.sig")
                                                          .arg(member.name));
        return structure(ErrorKind::InvalidInput,
                         QStringLiteral("unexpected member %1: a bundle holds only manifest.json, "
                                        "manifest.sig or signatures/<key id>.sig, image.bin "
                                        "and sbom.cdx.json")
                             .arg(member.name));
    }

    Result<void> readSignature(BundleScanner &scanner, const BundleMember &member)
    {
        auto der = scanner.readAll(member, MaxSignatureBytes);
        if (!der)
            return der.error();
        signatures.append(
            {member.name == SingleSignatureMember ? QString() : signatureKeyId(member.name), *der});
        return {};
    }

    Result<void> complete() const
    {
        if (!haveManifest)
            return structure(ErrorKind::NotFound, QStringLiteral("the bundle has no manifest.json"));
        if (signatures.isEmpty())
            return structure(ErrorKind::NotFound,
                             QStringLiteral("the bundle has no signature (manifest.sig or "
                                            "signatures/<key id>.sig)"));
        if (!haveImage)
            return structure(ErrorKind::NotFound, QStringLiteral("the bundle has no image.bin"));
        return {};
    }
};

class ImageCheck
{
public:
    ImageCheck(const Manifest &manifest, const BundleReadOptions &options)
        : m_manifest(manifest)
        , m_options(options)
    {}

    Result<void> run(BundleScanner &scanner, const BundleMember &member)
    {
        if (member.size != m_manifest.imageSize)
            return makeError(ErrorKind::Tampered,
                             QStringLiteral("image.bin is %1 bytes but the manifest says %2 bytes")
                                 .arg(member.size)
                                 .arg(m_manifest.imageSize));
        if (!m_options.extractImageTo.isEmpty()) {
            m_out = std::make_unique<QSaveFile>(m_options.extractImageTo);
            if (!m_out->open(QIODevice::WriteOnly))
                return makeError(ErrorKind::Io, QStringLiteral("cannot write %1: %2")
                                                    .arg(m_options.extractImageTo, m_out->errorString()));
        }
        Sha256 sha;
        qint64 done = 0;
        bool writeFailed = false;
        auto streamed = scanner.stream(member, [&](QByteArrayView block) {
            sha.update(block);
            if (m_out && m_out->write(block.data(), block.size()) != block.size()) {
                writeFailed = true;
                return false;
            }
            done += block.size();
            return !m_options.progress || m_options.progress(done);
        });
        if (writeFailed)
            return makeError(
                ErrorKind::Io,
                QStringLiteral("cannot write %1: %2").arg(m_options.extractImageTo, m_out->errorString()));
        if (!streamed)
            return streamed;
        if (sha.finish() != m_manifest.imageSha256)
            return makeError(ErrorKind::Tampered,
                             QStringLiteral("image.bin does not match the SHA-256 in the manifest: "
                                            "the image was changed after signing"));
        return {};
    }

    // Only a fully verified bundle makes its image appear at the destination.
    Result<void> commit()
    {
        if (m_out && !m_out->commit())
            return makeError(
                ErrorKind::Io,
                QStringLiteral("cannot write %1: %2").arg(m_options.extractImageTo, m_out->errorString()));
        return {};
    }

private:
    const Manifest &m_manifest;
    const BundleReadOptions &m_options;
    std::unique_ptr<QSaveFile> m_out; // discarded unless committed
};

} // namespace

Result<VerifiedBundle> verifyBundle(const QString &path, const BundleReadOptions &options)
{
    auto opened = BundleScanner::open(path);
    if (!opened)
        return opened.error();
    BundleScanner &scanner = opened.value();
    MemberLedger ledger;
    VerifiedBundle bundle;
    std::unique_ptr<ImageCheck> image;

    for (;;) {
        auto next = scanner.next();
        if (!next)
            return next.error();
        const BundleMember member = *next;
        if (member.name.isEmpty())
            break;
        if (auto ok = ledger.admit(member); !ok)
            return ok.error();

        if (member.name == ManifestMember) {
            auto bytes = scanner.readAll(member, MaxManifestBytes);
            if (!bytes)
                return makeError(bytes.error().kind,
                                 QStringLiteral("manifest: %1").arg(bytes.error().message));
            ledger.manifestBytes = *bytes;
            ledger.haveManifest = true;
        } else if (isSignatureMember(member.name)) {
            if (auto ok = ledger.readSignature(scanner, member); !ok)
                return ok.error();
        } else if (member.name == ImageMember) {
            if (!ledger.haveManifest || ledger.signatures.isEmpty())
                return makeError(ErrorKind::InvalidInput,
                                 QStringLiteral("image.bin comes before the manifest and its "
                                                "signature: bundles list them first"));
            // Signature over the raw bytes first: nothing untrusted is parsed before it verified.
            auto signers = verifyManifestSignatures(ledger.manifestBytes, ledger.signatures, options.trust);
            if (!signers)
                return signers.error();
            auto manifest = Manifest::parse(ledger.manifestBytes);
            if (!manifest)
                return manifest.error();
            if (auto ok = checkManifestSigner(*manifest, *signers); !ok)
                return ok.error();
            bundle.manifest = *manifest;
            bundle.verifiedKeyIds = *signers;
            image = std::make_unique<ImageCheck>(bundle.manifest, options);
            if (auto ok = image->run(scanner, member); !ok)
                return ok.error();
            ledger.haveImage = true;
        } else if (member.name == SbomMember) {
            auto sbom = scanner.readAll(member, MaxSbomBytes);
            if (!sbom)
                return sbom.error();
            bundle.sbom = *sbom;
            ledger.haveSbom = true;
        }
    }
    if (auto ok = ledger.complete(); !ok)
        return ok.error();
    if (!bundle.manifest.sbomSha256.isEmpty() && Sha256::hash(bundle.sbom) != bundle.manifest.sbomSha256)
        return makeError(ErrorKind::Tampered, ledger.haveSbom
                                                  ? QStringLiteral("sbom.cdx.json does not match the "
                                                                   "SHA-256 in the manifest")
                                                  : QStringLiteral("the manifest names an SBOM but the "
                                                                   "bundle has no sbom.cdx.json"));
    if (auto ok = image->commit(); !ok)
        return ok.error();
    bundle.manifestBytes = ledger.manifestBytes;
    bundle.signatures = ledger.signatures;
    return bundle;
}

Result<InspectedBundle> inspectBundle(const QString &path)
{
    auto opened = BundleScanner::open(path);
    if (!opened)
        return opened.error();
    BundleScanner &scanner = opened.value();
    MemberLedger ledger;
    InspectedBundle result;
    for (;;) {
        auto next = scanner.next();
        if (!next)
            return next.error();
        const BundleMember member = *next;
        if (member.name.isEmpty())
            break;
        if (auto ok = ledger.admit(member); !ok)
            return ok.error();
        if (member.name == ManifestMember) {
            auto bytes = scanner.readAll(member, MaxManifestBytes);
            if (!bytes)
                return bytes.error();
            ledger.manifestBytes = *bytes;
            ledger.haveManifest = true;
        } else if (isSignatureMember(member.name)) {
            if (auto ok = ledger.readSignature(scanner, member); !ok)
                return ok.error();
        } else if (member.name == ImageMember) {
            result.imageSize = member.size;
            ledger.haveImage = true;
        } else if (member.name == SbomMember) {
            ledger.haveSbom = true;
        }
    }
    if (!ledger.haveManifest)
        return makeError(ErrorKind::NotFound, QStringLiteral("the bundle has no manifest.json"));
    result.manifestBytes = ledger.manifestBytes;
    result.manifest = Manifest::parse(ledger.manifestBytes);
    result.signatures = ledger.signatures;
    return result;
}

} // namespace otter
