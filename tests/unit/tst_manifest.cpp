// The manifest parser: strict types, caps, unknown fields and versions refused, serialisation round trip.
#include "core/manifest.h"
#include "core/sha256.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace otter;

namespace {

Manifest sample()
{
    Manifest m;
    m.vendor = QStringLiteral("acme");
    m.hardwareClasses = {QStringLiteral("gw-200"), QStringLiteral("gw-210")};
    m.version = QStringLiteral("1.2.3-rc.1+build.5");
    m.securityVersion = 7;
    m.imageSize = 4096;
    m.imageSha256 = Sha256::hash("image");
    m.created = QDateTime(QDate(2026, 11, 21), QTime(12, 0), Qt::UTC);
    m.keyId = toHex(Sha256::hash("key"));
    return m;
}

QByteArray withField(const QString &path, const QJsonValue &value)
{
    QJsonObject object = QJsonDocument::fromJson(sample().serialize()).object();
    if (path.startsWith(QLatin1StringView("image."))) {
        QJsonObject image = object.value(QLatin1StringView("image")).toObject();
        if (value.isUndefined())
            image.remove(path.mid(6));
        else
            image.insert(path.mid(6), value);
        object.insert(QStringLiteral("image"), image);
    } else if (value.isUndefined()) {
        object.remove(path);
    } else {
        object.insert(path, value);
    }
    return QJsonDocument(object).toJson();
}

} // namespace

class TestManifest : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip()
    {
        const Manifest m = sample();
        QVERIFY(m.validate().ok());
        auto parsed = Manifest::parse(m.serialize());
        QVERIFY2(parsed.ok(), qPrintable(parsed.errorMessage()));
        QCOMPARE(*parsed, m);
        // Serialising is deterministic: signing the same manifest twice signs the same bytes.
        QCOMPARE(parsed->serialize(), m.serialize());
    }

    void optionalFieldsRoundTrip()
    {
        Manifest m = sample();
        m.payloadType = QStringLiteral("delta");
        m.deltaBaseSha256 = Sha256::hash("base");
        m.sbomSha256 = Sha256::hash("sbom");
        ManifestEncryption encryption;
        encryption.iv = QByteArray(12, 'i');
        encryption.wrappedKeyId = QStringLiteral("fleet-kek-1");
        encryption.ciphertextSha256 = Sha256::hash("c");
        encryption.plaintextSha256 = Sha256::hash("p");
        m.encryption = encryption;
        auto parsed = Manifest::parse(m.serialize());
        QVERIFY2(parsed.ok(), qPrintable(parsed.errorMessage()));
        QCOMPARE(*parsed, m);
    }

    void rejects_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not json") << QByteArray("{\"format_version\": 1,")
                                  << QStringLiteral("not valid JSON");
        QTest::newRow("array") << QByteArray("[1]") << QStringLiteral("JSON object");
        QTest::newRow("future format") << withField(QStringLiteral("format_version"), 2)
                                       << QStringLiteral("format version 2 is not supported");
        QTest::newRow("format as string") << withField(QStringLiteral("format_version"), QStringLiteral("1"))
                                          << QStringLiteral("whole number");
        QTest::newRow("missing version") << withField(QStringLiteral("version"), QJsonValue::Undefined)
                                         << QStringLiteral("\"version\" is missing");
        QTest::newRow("bad semver") << withField(QStringLiteral("version"), QStringLiteral("1.2"))
                                    << QStringLiteral("not a semantic version");
        QTest::newRow("svn fraction")
            << withField(QStringLiteral("security_version"), 1.5) << QStringLiteral("whole number");
        QTest::newRow("svn negative")
            << withField(QStringLiteral("security_version"), -1) << QStringLiteral("between");
        QTest::newRow("svn huge") << withField(QStringLiteral("security_version"), 1e300)
                                  << QStringLiteral("between");
        QTest::newRow("svn string") << withField(QStringLiteral("security_version"), QStringLiteral("7"))
                                    << QStringLiteral("whole number");
        QTest::newRow("no classes") << withField(QStringLiteral("hardware_classes"), QJsonArray())
                                    << QStringLiteral("at least one hardware class");
        QTest::newRow("class not string") << withField(QStringLiteral("hardware_classes"), QJsonArray{1})
                                          << QStringLiteral("must list strings");
        QTest::newRow("class with space")
            << withField(QStringLiteral("hardware_classes"), QJsonArray{QStringLiteral("gw 200")})
            << QStringLiteral("hardware class \"gw 200\"");
        QTest::newRow("short hash") << withField(QStringLiteral("image.sha256"), QStringLiteral("abcd"))
                                    << QStringLiteral("64 lower-case hex digits");
        QTest::newRow("upper hash") << withField(QStringLiteral("image.sha256"),
                                                 toHex(Sha256::hash("x")).toUpper())
                                    << QStringLiteral("lower-case hex");
        QTest::newRow("image extra") << withField(QStringLiteral("image.url"), QStringLiteral("http://x"))
                                     << QStringLiteral("unknown field \"image.url\"");
        QTest::newRow("unknown field")
            << withField(QStringLiteral("install_script"), QStringLiteral("rm -rf /"))
            << QStringLiteral("unknown field \"install_script\"");
        QTest::newRow("bad payload") << withField(QStringLiteral("payload_type"), QStringLiteral("script"))
                                     << QStringLiteral("payload type");
        QTest::newRow("delta without base")
            << withField(QStringLiteral("payload_type"), QStringLiteral("delta"))
            << QStringLiteral("delta_base_sha256");
        QTest::newRow("local time") << withField(QStringLiteral("created"),
                                                 QStringLiteral("2026-11-21T12:00:00"))
                                    << QStringLiteral("UTC");
        QTest::newRow("bad key id") << withField(QStringLiteral("key_id"), QStringLiteral("me"))
                                    << QStringLiteral("key id");
        QTest::newRow("oversized") << QByteArray(MaxManifestBytes + 1, ' ')
                                   << QStringLiteral("more than the");
    }

    void rejects()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        auto parsed = Manifest::parse(bytes);
        QVERIFY(!parsed.ok());
        QVERIFY2(parsed.errorMessage().contains(expected), qPrintable(parsed.errorMessage()));
    }

    void identifiersAndVersions()
    {
        QVERIFY(isValidSemver(u"0.0.0"));
        QVERIFY(isValidSemver(u"10.20.30-alpha.1+sha.5114f85"));
        QVERIFY(!isValidSemver(u"01.2.3"));
        QVERIFY(!isValidSemver(u"1.2.3-"));
        QVERIFY(!isValidSemver(u"v1.2.3"));
        QVERIFY(isValidIdentifier(u"gw-200_a.b"));
        QVERIFY(!isValidIdentifier(u""));
        QVERIFY(!isValidIdentifier(QString(65, u'a')));
    }
};

QTEST_GUILESS_MAIN(TestManifest)
#include "tst_manifest.moc"
