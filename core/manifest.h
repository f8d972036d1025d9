// The release manifest: the signed JSON document that says what a firmware image is and who may install it.
#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QStringList>

#include <optional>

namespace otter {

// Optional AES-256-GCM encryption of the image; the key itself is wrapped and delivered elsewhere.
struct ManifestEncryption
{
    QString algorithm = QStringLiteral("AES-256-GCM");
    QByteArray iv;               // 12 raw bytes
    QString wrappedKeyId;        // names the key-encryption key on the device
    QByteArray ciphertextSha256; // raw 32 bytes: what image.bin holds
    QByteArray plaintextSha256;  // raw 32 bytes: what lands in the bank after decryption

    bool operator==(const ManifestEncryption &) const = default;
};

struct Manifest
{
    static constexpr int CurrentFormatVersion = 1;

    int formatVersion = CurrentFormatVersion;
    QString vendor;
    QStringList hardwareClasses;
    QString version;            // display version, semantic versioning
    qint64 securityVersion = 0; // monotonic anti-rollback counter
    qint64 imageSize = 0;
    QByteArray imageSha256; // raw 32 bytes of image.bin
    QString payloadType = QStringLiteral("full-image");
    QDateTime created; // UTC, second precision
    QString keyId;     // hex SHA-256 of the signer's DER public key
    std::optional<ManifestEncryption> encryption;
    QByteArray deltaBaseSha256; // raw 32 bytes, for payloadType "delta" only
    QByteArray sbomSha256;      // raw 32 bytes of sbom.cdx.json, when the bundle carries one

    // Parses and validates untrusted bytes. Call only after the signature over these exact bytes verified.
    static Result<Manifest> parse(QByteArrayView bytes);
    // The bytes to sign. Stable for a given manifest, but verification never depends on re-serialising.
    QByteArray serialize() const;
    // Checks every field; parse() calls it, and writers call it before signing.
    Result<void> validate() const;

    bool operator==(const Manifest &) const = default;
};

// Manifests are a few hundred bytes; the cap stops a hostile bundle from making us parse megabytes.
inline constexpr qint64 MaxManifestBytes = 64 * 1024;
inline constexpr qint64 MaxImageBytes = qint64(64) << 30;
// JSON numbers are doubles: anything above 2^53 would silently lose precision.
inline constexpr qint64 MaxSecurityVersion = (qint64(1) << 53) - 1;

bool isValidIdentifier(QStringView text); // vendor ids and hardware classes: [A-Za-z0-9._-]{1,64}
bool isValidSemver(QStringView text);

} // namespace otter
