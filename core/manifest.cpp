// Parsing, validation and serialisation of the release manifest.
#include "core/manifest.h"

#include "core/sha256.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <cmath>

namespace otter {
namespace {

using namespace Qt::Literals::StringLiterals;

Error invalid(const QString &message)
{
    return makeError(ErrorKind::InvalidInput, QStringLiteral("manifest: %1").arg(message));
}

// Reads one JSON object strictly: every read names its field, and fields nobody read are reported at the end.
class StrictObject
{
public:
    StrictObject(const QJsonObject &object, QString path)
        : m_object(object)
        , m_path(std::move(path))
    {}

    bool has(const QString &key) const { return m_object.contains(key); }

    Result<QString> string(const QString &key)
    {
        m_seen.append(key);
        const QJsonValue value = m_object.value(key);
        if (value.isUndefined())
            return invalid(QStringLiteral("field \"%1\" is missing").arg(name(key)));
        if (!value.isString())
            return invalid(QStringLiteral("field \"%1\" must be a string").arg(name(key)));
        return value.toString();
    }

    Result<qint64> integer(const QString &key, qint64 min, qint64 max)
    {
        m_seen.append(key);
        const QJsonValue value = m_object.value(key);
        if (value.isUndefined())
            return invalid(QStringLiteral("field \"%1\" is missing").arg(name(key)));
        const double number = value.toDouble(std::nan(""));
        if (!value.isDouble() || number != std::floor(number))
            return invalid(QStringLiteral("field \"%1\" must be a whole number").arg(name(key)));
        if (number < double(min) || number > double(max))
            return invalid(
                QStringLiteral("field \"%1\" must be between %2 and %3").arg(name(key)).arg(min).arg(max));
        return qint64(number);
    }

    Result<QByteArray> digest(const QString &key, qsizetype rawSize = Sha256::DigestSize)
    {
        auto text = string(key);
        if (!text)
            return text.error();
        static const QRegularExpression lowerHex(QStringLiteral("^[0-9a-f]*$"));
        if (text->size() != rawSize * 2 || !lowerHex.match(*text).hasMatch())
            return invalid(QStringLiteral("field \"%1\" must be %2 lower-case hex digits")
                               .arg(name(key))
                               .arg(rawSize * 2));
        return QByteArray::fromHex(text->toLatin1());
    }

    Result<QJsonArray> array(const QString &key)
    {
        m_seen.append(key);
        const QJsonValue value = m_object.value(key);
        if (!value.isArray())
            return invalid(QStringLiteral("field \"%1\" must be a list").arg(name(key)));
        return value.toArray();
    }

    Result<QJsonObject> object(const QString &key)
    {
        m_seen.append(key);
        const QJsonValue value = m_object.value(key);
        if (!value.isObject())
            return invalid(QStringLiteral("field \"%1\" must be an object").arg(name(key)));
        return value.toObject();
    }

    // Unknown fields are refused: a signed document must mean exactly one thing to every reader.
    Result<void> rejectUnknown() const
    {
        for (auto it = m_object.begin(); it != m_object.end(); ++it) {
            if (!m_seen.contains(it.key()))
                return invalid(QStringLiteral("unknown field \"%1\"").arg(name(it.key())));
        }
        return {};
    }

private:
    QString name(const QString &key) const { return m_path.isEmpty() ? key : m_path + u'.' + key; }

    QJsonObject m_object;
    QString m_path;
    QStringList m_seen;
};

#define OTTER_TRY_ASSIGN(target, expression)                                                                 \
    do {                                                                                                     \
        auto otterTryResult = (expression);                                                                  \
        if (!otterTryResult)                                                                                 \
            return otterTryResult.error();                                                                   \
        target = std::move(otterTryResult).value();                                                          \
    } while (false)

QString hex(const QByteArray &raw)
{
    return toHex(raw);
}

Result<ManifestEncryption> parseEncryption(const QJsonObject &json)
{
    StrictObject object(json, QStringLiteral("encryption"));
    ManifestEncryption encryption;
    OTTER_TRY_ASSIGN(encryption.algorithm, object.string(u"algorithm"_s));
    OTTER_TRY_ASSIGN(encryption.iv, object.digest(u"iv"_s, 12));
    OTTER_TRY_ASSIGN(encryption.wrappedKeyId, object.string(u"wrapped_key_id"_s));
    OTTER_TRY_ASSIGN(encryption.ciphertextSha256, object.digest(u"ciphertext_sha256"_s));
    OTTER_TRY_ASSIGN(encryption.plaintextSha256, object.digest(u"plaintext_sha256"_s));
    if (auto ok = object.rejectUnknown(); !ok)
        return ok.error();
    return encryption;
}

} // namespace

bool isValidIdentifier(QStringView text)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9._-]{1,64}$"));
    return pattern.match(text).hasMatch();
}

bool isValidSemver(QStringView text)
{
    static const QRegularExpression pattern(QStringLiteral(
        "^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?$"));
    return text.size() <= 128 && pattern.match(text).hasMatch();
}

Result<Manifest> Manifest::parse(QByteArrayView bytes)
{
    if (bytes.size() > MaxManifestBytes)
        return makeError(ErrorKind::TooLarge,
                         QStringLiteral("manifest: %1 bytes, more than the %2 bytes allowed")
                             .arg(bytes.size())
                             .arg(MaxManifestBytes));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(bytes.toByteArray(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return invalid(QStringLiteral("not valid JSON at byte %1: %2")
                           .arg(parseError.offset)
                           .arg(parseError.errorString()));
    if (!document.isObject())
        return invalid(QStringLiteral("the top level must be a JSON object"));

    StrictObject object(document.object(), QString());
    Manifest m;
    qint64 format = 0;
    OTTER_TRY_ASSIGN(format, object.integer(u"format_version"_s, 0, 1 << 20));
    if (format != CurrentFormatVersion)
        return invalid(QStringLiteral("format version %1 is not supported (this build reads version %2)")
                           .arg(format)
                           .arg(CurrentFormatVersion));
    m.formatVersion = int(format);
    OTTER_TRY_ASSIGN(m.vendor, object.string(u"vendor"_s));
    QJsonArray classes;
    OTTER_TRY_ASSIGN(classes, object.array(u"hardware_classes"_s));
    for (const QJsonValue &value : std::as_const(classes)) {
        if (!value.isString())
            return invalid(QStringLiteral("field \"hardware_classes\" must list strings"));
        m.hardwareClasses.append(value.toString());
    }
    OTTER_TRY_ASSIGN(m.version, object.string(u"version"_s));
    OTTER_TRY_ASSIGN(m.securityVersion, object.integer(u"security_version"_s, 0, MaxSecurityVersion));
    QJsonObject image;
    OTTER_TRY_ASSIGN(image, object.object(u"image"_s));
    {
        StrictObject imageObject(image, QStringLiteral("image"));
        OTTER_TRY_ASSIGN(m.imageSize, imageObject.integer(u"size"_s, 0, MaxImageBytes));
        OTTER_TRY_ASSIGN(m.imageSha256, imageObject.digest(u"sha256"_s));
        if (auto ok = imageObject.rejectUnknown(); !ok)
            return ok.error();
    }
    OTTER_TRY_ASSIGN(m.payloadType, object.string(u"payload_type"_s));
    QString created;
    OTTER_TRY_ASSIGN(created, object.string(u"created"_s));
    m.created = QDateTime::fromString(created, Qt::ISODate);
    if (!m.created.isValid() || !created.endsWith(u'Z') || m.created.time().msec() != 0)
        return invalid(QStringLiteral(
            "field \"created\" must be an ISO 8601 UTC time in whole seconds, like 2026-01-31T12:00:00Z"));
    m.created = m.created.toUTC();
    OTTER_TRY_ASSIGN(m.keyId, object.string(u"key_id"_s));
    if (object.has(u"encryption"_s)) {
        QJsonObject encryption;
        OTTER_TRY_ASSIGN(encryption, object.object(u"encryption"_s));
        OTTER_TRY_ASSIGN(m.encryption, parseEncryption(encryption));
    }
    if (object.has(u"delta_base_sha256"_s))
        OTTER_TRY_ASSIGN(m.deltaBaseSha256, object.digest(u"delta_base_sha256"_s));
    if (object.has(u"sbom_sha256"_s))
        OTTER_TRY_ASSIGN(m.sbomSha256, object.digest(u"sbom_sha256"_s));
    if (auto ok = object.rejectUnknown(); !ok)
        return ok.error();
    if (auto ok = m.validate(); !ok)
        return ok.error();
    return m;
}

Result<void> Manifest::validate() const
{
    if (formatVersion != CurrentFormatVersion)
        return invalid(QStringLiteral("format version %1 is not supported").arg(formatVersion));
    if (!isValidIdentifier(vendor))
        return invalid(
            QStringLiteral("vendor \"%1\" must be 1-64 letters, digits, '.', '_' or '-'").arg(vendor));
    if (hardwareClasses.isEmpty())
        return invalid(QStringLiteral("at least one hardware class is required"));
    if (hardwareClasses.size() > 64)
        return invalid(QStringLiteral("at most 64 hardware classes are allowed"));
    for (const QString &hardwareClass : hardwareClasses) {
        if (!isValidIdentifier(hardwareClass))
            return invalid(
                QStringLiteral("hardware class \"%1\" must be 1-64 letters, digits, '.', '_' or '-'")
                    .arg(hardwareClass));
    }
    if (!isValidSemver(version))
        return invalid(QStringLiteral("version \"%1\" is not a semantic version like 1.2.3").arg(version));
    if (securityVersion < 0 || securityVersion > MaxSecurityVersion)
        return invalid(QStringLiteral("security version %1 is out of range").arg(securityVersion));
    if (imageSize < 0 || imageSize > MaxImageBytes)
        return invalid(QStringLiteral("image size %1 is out of range").arg(imageSize));
    if (imageSha256.size() != Sha256::DigestSize)
        return invalid(QStringLiteral("the image SHA-256 is missing"));
    if (payloadType != u"full-image"_s && payloadType != u"delta"_s)
        return invalid(
            QStringLiteral("payload type \"%1\" is unknown (expected full-image or delta)").arg(payloadType));
    if ((payloadType == u"delta"_s) != !deltaBaseSha256.isEmpty())
        return invalid(
            QStringLiteral("a delta payload needs delta_base_sha256, and only a delta payload may have it"));
    if (!created.isValid())
        return invalid(QStringLiteral("the creation time is missing"));
    if (sha256FromHex(keyId).isEmpty() || keyId != keyId.toLower())
        return invalid(QStringLiteral("key id must be 64 lower-case hex digits"));
    if (encryption && encryption->algorithm != u"AES-256-GCM"_s)
        return invalid(QStringLiteral("encryption algorithm \"%1\" is unknown (expected AES-256-GCM)")
                           .arg(encryption->algorithm));
    return {};
}

QByteArray Manifest::serialize() const
{
    QJsonObject image{{QStringLiteral("size"), double(imageSize)},
                      {QStringLiteral("sha256"), hex(imageSha256)}};
    QJsonObject object{
        {QStringLiteral("format_version"), formatVersion},
        {QStringLiteral("vendor"), vendor},
        {QStringLiteral("hardware_classes"), QJsonArray::fromStringList(hardwareClasses)},
        {QStringLiteral("version"), version},
        {QStringLiteral("security_version"), double(securityVersion)},
        {QStringLiteral("image"), image},
        {QStringLiteral("payload_type"), payloadType},
        {QStringLiteral("created"), created.toUTC().toString(Qt::ISODate)},
        {QStringLiteral("key_id"), keyId},
    };
    if (encryption) {
        object.insert(QStringLiteral("encryption"),
                      QJsonObject{{QStringLiteral("algorithm"), encryption->algorithm},
                                  {QStringLiteral("iv"), hex(encryption->iv)},
                                  {QStringLiteral("wrapped_key_id"), encryption->wrappedKeyId},
                                  {QStringLiteral("ciphertext_sha256"), hex(encryption->ciphertextSha256)},
                                  {QStringLiteral("plaintext_sha256"), hex(encryption->plaintextSha256)}});
    }
    if (!deltaBaseSha256.isEmpty())
        object.insert(QStringLiteral("delta_base_sha256"), hex(deltaBaseSha256));
    if (!sbomSha256.isEmpty())
        object.insert(QStringLiteral("sbom_sha256"), hex(sbomSha256));
    return QJsonDocument(object).toJson(QJsonDocument::Indented);
}

} // namespace otter
