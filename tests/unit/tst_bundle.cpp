// Release bundles: the happy path, and every way a bundle can be tampered with, truncated or malformed.
#include "core/bundle.h"
#include "core/sha256.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

#include <archive.h>
#include <archive_entry.h>

using namespace otter;

namespace {

struct Fixture
{
    QTemporaryDir dir;
    PrivateKey key = PrivateKey::generate().value();
    QString imagePath;
    QByteArray image;
    QByteArray manifestBytes;
    QByteArray signature;

    explicit Fixture(qsizetype imageSize = 300000)
    {
        image.resize(imageSize);
        for (qsizetype i = 0; i < imageSize; ++i)
            image[i] = char((i * 7919) >> 3);
        imagePath = dir.filePath(QStringLiteral("fw.bin"));
        QFile file(imagePath);
        file.open(QIODevice::WriteOnly);
        file.write(image);
        file.close();
        Manifest m;
        m.vendor = QStringLiteral("acme");
        m.hardwareClasses = {QStringLiteral("gw-200")};
        m.version = QStringLiteral("2.0.0");
        m.securityVersion = 3;
        m.imageSize = image.size();
        m.imageSha256 = Sha256::hash(image);
        m.created = QDateTime(QDate(2026, 11, 1), QTime(8, 0), Qt::UTC);
        m.keyId = key.keyId();
        manifestBytes = m.serialize();
        signature = key.sign(manifestBytes).value();
    }

    QString path(const QString &name) const { return dir.filePath(name); }

    QString writeGood(const QString &name = QStringLiteral("good.otb")) const
    {
        BundleWriteSpec spec{manifestBytes, {{QString(), signature}}, imagePath, QString()};
        const auto ok = writeBundle(path(name), spec);
        Q_ASSERT(ok.ok());
        return path(name);
    }

    BundleReadOptions trusting() const
    {
        BundleReadOptions options;
        options.trust.trustedKeys = {key.publicKey()};
        return options;
    }
};

// Writes an arbitrary tar with libarchive, to build the malformed bundles otter-sign never would.
QString writeTar(const QString &path, const QList<std::pair<QString, QByteArray>> &members)
{
    archive *a = archive_write_new();
    archive_write_set_format_pax_restricted(a);
    archive_write_open_filename(a, QFile::encodeName(path).constData());
    for (const auto &[name, data] : members) {
        archive_entry *entry = archive_entry_new();
        archive_entry_set_pathname(entry, name.toUtf8().constData());
        archive_entry_set_size(entry, data.size());
        archive_entry_set_filetype(entry, AE_IFREG);
        archive_entry_set_perm(entry, 0644);
        archive_write_header(a, entry);
        archive_write_data(a, data.constData(), size_t(data.size()));
        archive_entry_free(entry);
    }
    archive_write_close(a);
    archive_write_free(a);
    return path;
}

} // namespace

class TestBundle : public QObject
{
    Q_OBJECT

private slots:
    void goodBundleVerifiesAndExtracts()
    {
        Fixture f;
        const QString bundle = f.writeGood();
        BundleReadOptions options = f.trusting();
        options.extractImageTo = f.path(QStringLiteral("extracted.bin"));
        qint64 lastProgress = 0;
        options.progress = [&](qint64 done) {
            lastProgress = done;
            return true;
        };
        auto verified = verifyBundle(bundle, options);
        QVERIFY2(verified.ok(), qPrintable(verified.errorMessage()));
        QCOMPARE(verified->manifestBytes, f.manifestBytes);
        QCOMPARE(verified->manifest.version, QStringLiteral("2.0.0"));
        QCOMPARE(verified->verifiedKeyIds, QStringList{f.key.keyId()});
        QCOMPARE(lastProgress, f.image.size());
        QFile extracted(options.extractImageTo);
        QVERIFY(extracted.open(QIODevice::ReadOnly));
        QCOMPARE(extracted.readAll(), f.image);
    }

    void sameInputsGiveSameBytes()
    {
        Fixture f;
        QFile a(f.writeGood(QStringLiteral("a.otb")));
        QFile b(f.writeGood(QStringLiteral("b.otb")));
        QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
        QCOMPARE(a.readAll(), b.readAll());
    }

    // Every single byte of the manifest flipped: the signature no longer verifies. Flips inside the
    // key_id value make the manifest name a key nobody trusts, which is reported as such.
    void everyManifestByteFlipped()
    {
        Fixture f(4096);
        const qsizetype keyIdAt = f.manifestBytes.indexOf(f.key.keyId().toLatin1());
        QVERIFY(keyIdAt > 0);
        for (qsizetype i = 0; i < f.manifestBytes.size(); ++i) {
            QByteArray tampered = f.manifestBytes;
            tampered[i] = char(tampered[i] ^ 0x01);
            const QString bundle =
                writeTar(f.path(QStringLiteral("t.otb")), {{QStringLiteral("manifest.json"), tampered},
                                                           {QStringLiteral("manifest.sig"), f.signature},
                                                           {QStringLiteral("image.bin"), f.image}});
            auto verified = verifyBundle(bundle, f.trusting());
            QVERIFY2(!verified.ok(), qPrintable(QStringLiteral("byte %1 accepted").arg(i)));
            const bool inKeyId = i >= keyIdAt && i < keyIdAt + 64;
            const ErrorKind kind = verified.error().kind;
            if (inKeyId)
                QVERIFY2(kind == ErrorKind::Untrusted || kind == ErrorKind::Tampered,
                         qPrintable(verified.errorMessage()));
            else
                QVERIFY2(kind == ErrorKind::Tampered &&
                             verified.errorMessage().contains(QLatin1StringView("signature")),
                         qPrintable(QStringLiteral("byte %1: %2").arg(i).arg(verified.errorMessage())));
        }
    }

    void everySignatureByteFlipped()
    {
        Fixture f(4096);
        for (qsizetype i = 0; i < f.signature.size(); ++i) {
            for (int bit : {0x01, 0x80}) {
                QByteArray tampered = f.signature;
                tampered[i] = char(tampered[i] ^ bit);
                const QString bundle = writeTar(f.path(QStringLiteral("t.otb")),
                                                {{QStringLiteral("manifest.json"), f.manifestBytes},
                                                 {QStringLiteral("manifest.sig"), tampered},
                                                 {QStringLiteral("image.bin"), f.image}});
                auto verified = verifyBundle(bundle, f.trusting());
                QVERIFY2(!verified.ok(), qPrintable(QStringLiteral("signature byte %1 accepted").arg(i)));
                QCOMPARE(verified.error().kind, ErrorKind::Tampered);
            }
        }
    }

    void sampledImageBytesFlipped()
    {
        Fixture f;
        for (qsizetype i : {qsizetype(0), qsizetype(1), qsizetype(511), qsizetype(512), f.image.size() / 2,
                            f.image.size() - 2, f.image.size() - 1}) {
            QByteArray tampered = f.image;
            tampered[i] = char(tampered[i] ^ 0x40);
            const QString bundle =
                writeTar(f.path(QStringLiteral("t.otb")), {{QStringLiteral("manifest.json"), f.manifestBytes},
                                                           {QStringLiteral("manifest.sig"), f.signature},
                                                           {QStringLiteral("image.bin"), tampered}});
            BundleReadOptions options = f.trusting();
            options.extractImageTo = f.path(QStringLiteral("must-not-exist.bin"));
            auto verified = verifyBundle(bundle, options);
            QVERIFY(!verified.ok());
            QCOMPARE(verified.error().kind, ErrorKind::Tampered);
            QVERIFY2(verified.errorMessage().contains(QLatin1StringView("SHA-256")),
                     qPrintable(verified.errorMessage()));
            // A rejected image never appears at the destination, not even partly.
            QVERIFY(!QFile::exists(options.extractImageTo));
        }
    }

    void wrongKeyIsUntrusted()
    {
        Fixture f;
        const QString bundle = f.writeGood();
        BundleReadOptions options;
        options.trust.trustedKeys = {PrivateKey::generate()->publicKey()};
        auto verified = verifyBundle(bundle, options);
        QVERIFY(!verified.ok());
        QCOMPARE(verified.error().kind, ErrorKind::Untrusted);
        QVERIFY2(verified.errorMessage().contains(f.key.keyId()), qPrintable(verified.errorMessage()));
        options.trust.trustedKeys.clear();
        QCOMPARE(verifyBundle(bundle, options).error().kind, ErrorKind::Untrusted);
    }

    void truncatedBundle()
    {
        Fixture f;
        QFile good(f.writeGood());
        QVERIFY(good.open(QIODevice::ReadOnly));
        const QByteArray bytes = good.readAll();
        for (qsizetype cut : {qsizetype(0), qsizetype(100), qsizetype(512), qsizetype(1500), bytes.size() / 2,
                              bytes.size() - 2048}) {
            const QString path = f.path(QStringLiteral("cut.otb"));
            QFile out(path);
            QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
            out.write(bytes.left(cut));
            out.close();
            auto verified = verifyBundle(path, f.trusting());
            QVERIFY2(!verified.ok(), qPrintable(QStringLiteral("cut at %1 accepted").arg(cut)));
            QVERIFY2(!verified.errorMessage().isEmpty(), "an error without words");
        }
    }

    void malformed_data()
    {
        QTest::addColumn<QString>("layout");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("expected");
        QTest::newRow("missing image")
            << QStringLiteral("manifest,sig") << int(ErrorKind::NotFound) << QStringLiteral("no image.bin");
        QTest::newRow("missing signature") << QStringLiteral("manifest,image") << int(ErrorKind::InvalidInput)
                                           << QStringLiteral("before the manifest and its signature");
        QTest::newRow("missing manifest") << QStringLiteral("sig,image") << int(ErrorKind::InvalidInput)
                                          << QStringLiteral("before the manifest");
        QTest::newRow("extra member")
            << QStringLiteral("manifest,sig,image,extra") << int(ErrorKind::InvalidInput)
            << QStringLiteral("unexpected member install.sh");
        QTest::newRow("duplicate manifest")
            << QStringLiteral("manifest,manifest,sig,image") << int(ErrorKind::InvalidInput)
            << QStringLiteral("manifest.json twice");
        QTest::newRow("image first") << QStringLiteral("image,manifest,sig") << int(ErrorKind::InvalidInput)
                                     << QStringLiteral("before the manifest");
        QTest::newRow("oversized manifest")
            << QStringLiteral("hugemanifest,sig,image") << int(ErrorKind::TooLarge)
            << QStringLiteral("more than the 65536 bytes");
        QTest::newRow("oversized signature") << QStringLiteral("manifest,hugesig,image")
                                             << int(ErrorKind::TooLarge) << QStringLiteral("manifest.sig is");
        QTest::newRow("bad signature name")
            << QStringLiteral("manifest,badsigname,image") << int(ErrorKind::InvalidInput)
            << QStringLiteral("signatures/<64 hex digit key id>.sig");
        QTest::newRow("empty archive")
            << QString() << int(ErrorKind::NotFound) << QStringLiteral("no manifest.json");
    }

    void malformed()
    {
        QFETCH(QString, layout);
        QFETCH(int, kind);
        QFETCH(QString, expected);
        Fixture f(2048);
        QList<std::pair<QString, QByteArray>> members;
        for (const QString &part : layout.split(u',', Qt::SkipEmptyParts)) {
            if (part == QLatin1StringView("manifest"))
                members.append({QStringLiteral("manifest.json"), f.manifestBytes});
            else if (part == QLatin1StringView("hugemanifest"))
                members.append({QStringLiteral("manifest.json"), QByteArray(MaxManifestBytes + 1, ' ')});
            else if (part == QLatin1StringView("sig"))
                members.append({QStringLiteral("manifest.sig"), f.signature});
            else if (part == QLatin1StringView("hugesig"))
                members.append({QStringLiteral("manifest.sig"), QByteArray(4096, 's')});
            else if (part == QLatin1StringView("badsigname"))
                members.append({QStringLiteral("signatures/mine.sig"), f.signature});
            else if (part == QLatin1StringView("image"))
                members.append({QStringLiteral("image.bin"), f.image});
            else if (part == QLatin1StringView("extra"))
                members.append({QStringLiteral("install.sh"), QByteArray("#!/bin/sh\n")});
        }
        auto verified = verifyBundle(writeTar(f.path(QStringLiteral("m.otb")), members), f.trusting());
        QVERIFY(!verified.ok());
        QVERIFY2(verified.errorMessage().contains(expected), qPrintable(verified.errorMessage()));
        QCOMPARE(int(verified.error().kind), kind);
    }

    void notATarArchive()
    {
        Fixture f;
        const QString path = f.path(QStringLiteral("random.otb"));
        QFile out(path);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(QByteArray(5000, '\x5a'));
        out.close();
        auto verified = verifyBundle(path, f.trusting());
        QVERIFY(!verified.ok());
        QVERIFY2(verified.errorMessage().contains(QLatin1StringView("not a release bundle")),
                 qPrintable(verified.errorMessage()));
        QCOMPARE(verifyBundle(f.path(QStringLiteral("absent.otb")), f.trusting()).error().kind,
                 ErrorKind::NotFound);
    }

    void imageSizeMismatch()
    {
        Fixture f(2048);
        const QString bundle =
            writeTar(f.path(QStringLiteral("s.otb")), {{QStringLiteral("manifest.json"), f.manifestBytes},
                                                       {QStringLiteral("manifest.sig"), f.signature},
                                                       {QStringLiteral("image.bin"), f.image + "x"}});
        auto verified = verifyBundle(bundle, f.trusting());
        QVERIFY(!verified.ok());
        QCOMPARE(verified.error().kind, ErrorKind::Tampered);
        QVERIFY2(verified.errorMessage().contains(QLatin1StringView("2049 bytes but the manifest says 2048")),
                 qPrintable(verified.errorMessage()));
    }

    void kOfNSignatures()
    {
        Fixture f(1024);
        const PrivateKey second = PrivateKey::generate().value();
        BundleWriteSpec spec{
            f.manifestBytes,
            {{f.key.keyId(), f.signature}, {second.keyId(), second.sign(f.manifestBytes).value()}},
            f.imagePath,
            QString()};
        const QString path = f.path(QStringLiteral("two.otb"));
        QVERIFY(writeBundle(path, spec).ok());
        BundleReadOptions options;
        options.trust.trustedKeys = {f.key.publicKey(), second.publicKey()};
        options.trust.requiredSignatures = 2;
        auto verified = verifyBundle(path, options);
        QVERIFY2(verified.ok(), qPrintable(verified.errorMessage()));
        QCOMPARE(verified->verifiedKeyIds.size(), 2);
        options.trust.trustedKeys = {f.key.publicKey()};
        auto onlyOne = verifyBundle(path, options);
        QVERIFY(!onlyOne.ok());
        QVERIFY2(onlyOne.errorMessage().contains(QLatin1StringView("only 1 of the 2")),
                 qPrintable(onlyOne.errorMessage()));
    }

    void inspectDoesNotNeedKeys()
    {
        Fixture f;
        auto inspected = inspectBundle(f.writeGood());
        QVERIFY(inspected.ok());
        QVERIFY(inspected->manifest.ok());
        QCOMPARE(inspected->manifest->keyId, f.key.keyId());
        QCOMPARE(inspected->imageSize, f.image.size());
        QCOMPARE(inspected->signatures.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestBundle)
#include "tst_bundle.moc"
