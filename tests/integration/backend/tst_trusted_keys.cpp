// TrustedKeyService against a real otterd: adding, listing and revoking keys, every refusal (role, key
// type, duplicates, unknown ids), and the audit entries each change leaves in the database.
#include "otter/v1/keys.grpc.pb.h"
#include "otterd_harness.h"
#include "release_fixtures.h"

#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace otter;
using namespace otter::test;

class TestTrustedKeys : public QObject
{
    Q_OBJECT

private:
    struct AddResult
    {
        grpc::Status status;
        v1::TrustedKey key;
        std::optional<v1::ErrorDetail> detail;
    };

    AddResult add(const QByteArray &pem, const QString &name, const QString &as = QStringLiteral("ada"))
    {
        auto context = m_otterd.as(as);
        v1::AddTrustedKeyRequest request;
        request.set_public_key_pem(pem.toStdString());
        request.set_name(name.toStdString());
        request.set_comment("held in the build HSM");
        v1::AddTrustedKeyResponse response;
        AddResult result;
        result.status = m_stub->AddTrustedKey(context.get(), request, &response);
        result.key = response.key();
        result.detail = errorDetail(*context);
        return result;
    }

    AddResult revoke(const QString &id, const QString &reason, const QString &as = QStringLiteral("ada"))
    {
        auto context = m_otterd.as(as);
        v1::RevokeTrustedKeyRequest request;
        request.set_key_id(id.toStdString());
        request.set_reason(reason.toStdString());
        v1::RevokeTrustedKeyResponse response;
        AddResult result;
        result.status = m_stub->RevokeTrustedKey(context.get(), request, &response);
        result.key = response.key();
        result.detail = errorDetail(*context);
        return result;
    }

    QList<v1::TrustedKey> listAll(quint32 pageSize, int *pages = nullptr)
    {
        QList<v1::TrustedKey> keys;
        v1::ListTrustedKeysRequest request;
        request.set_page_size(pageSize);
        int count = 0;
        for (;;) {
            v1::ListTrustedKeysResponse response;
            const grpc::Status status =
                m_stub->ListTrustedKeys(m_otterd.as(QStringLiteral("vera")).get(), request, &response);
            if (!status.ok())
                return {};
            ++count;
            keys.append(QList<v1::TrustedKey>(response.keys().begin(), response.keys().end()));
            if (response.next_page_token().empty())
                break;
            request.set_page_token(response.next_page_token());
        }
        if (pages)
            *pages = count;
        return keys;
    }

    // A public key of another kind, made by the stock openssl tool.
    QByteArray opensslPublicKey(const QStringList &genpkeyArguments)
    {
        const QString privatePath = m_scratch.filePath(QStringLiteral("other.key"));
        QProcess genpkey;
        genpkey.start(QStringLiteral("openssl"), QStringList{QStringLiteral("genpkey")} + genpkeyArguments +
                                                     QStringList{QStringLiteral("-out"), privatePath});
        if (!genpkey.waitForFinished(60000) || genpkey.exitCode() != 0)
            return {};
        QProcess pubout;
        pubout.start(QStringLiteral("openssl"),
                     {QStringLiteral("pkey"), QStringLiteral("-in"), privatePath, QStringLiteral("-pubout")});
        if (!pubout.waitForFinished(60000) || pubout.exitCode() != 0)
            return {};
        return pubout.readAllStandardOutput();
    }

    QStringList auditActionsFor(const QString &object)
    {
        QStringList actions;
        const QJsonArray rows = sqliteRows(
            m_otterd,
            QStringLiteral("SELECT action FROM audit_log WHERE object = '%1' ORDER BY seq").arg(object));
        for (const QJsonValue &row : rows)
            actions << row.toObject().value(QLatin1StringView("action")).toString();
        return actions;
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(m_otterd.start(), qPrintable(m_otterd.error()));
        m_stub = v1::TrustedKeyService::NewStub(m_otterd.channel());
        QVERIFY(m_scratch.isValid());
    }

    void addListAndRevoke()
    {
        const TestKey key = newTestKey();
        const AddResult added = add(key.publicPem, QStringLiteral("ci-release-2025"));
        QVERIFY2(added.status.ok(), added.status.error_message().c_str());
        QCOMPARE(QString::fromStdString(added.key.id()), key.id);
        QCOMPARE(added.key.state(), v1::TRUSTED_KEY_STATE_ACTIVE);
        QCOMPARE(added.key.name(), "ci-release-2025");
        QCOMPARE(added.key.added_by(), "ada");
        QVERIFY(added.key.revision() > 0);
        QVERIFY(added.key.added_at().seconds() > 1700000000);
        // The stored PEM is the SubjectPublicKeyInfo, which parses back to the same key id.
        QCOMPARE(PublicKey::fromPem(QByteArrayView(added.key.public_key_pem()))->keyId(), key.id);

        const QList<v1::TrustedKey> listed = listAll(0);
        const auto it = std::find_if(listed.begin(), listed.end(), [&](const v1::TrustedKey &k) {
            return QString::fromStdString(k.id()) == key.id;
        });
        QVERIFY(it != listed.end());
        QCOMPARE(it->state(), v1::TRUSTED_KEY_STATE_ACTIVE);

        const AddResult revoked = revoke(key.id, QStringLiteral("laptop with the key was stolen"));
        QVERIFY2(revoked.status.ok(), revoked.status.error_message().c_str());
        QCOMPARE(revoked.key.state(), v1::TRUSTED_KEY_STATE_REVOKED);
        QCOMPARE(revoked.key.revoked_by(), "ada");
        QCOMPARE(revoked.key.revocation_reason(), "laptop with the key was stolen");
        QVERIFY(revoked.key.revision() > added.key.revision());
        QVERIFY(revoked.key.revoked_at().seconds() >= added.key.added_at().seconds());

        const QList<v1::TrustedKey> after = listAll(0);
        const auto again = std::find_if(after.begin(), after.end(), [&](const v1::TrustedKey &k) {
            return QString::fromStdString(k.id()) == key.id;
        });
        QVERIFY(again != after.end());
        QCOMPARE(again->state(), v1::TRUSTED_KEY_STATE_REVOKED);

        // One audit entry per change, hash-chained in the database.
        QCOMPARE(auditActionsFor(QStringLiteral("trusted_key/%1").arg(key.id)),
                 (QStringList{QStringLiteral("trusted_key.add"), QStringLiteral("trusted_key.revoke")}));
        const QJsonArray details = sqliteRows(
            m_otterd,
            QStringLiteral("SELECT actor, details FROM audit_log WHERE action = 'trusted_key.revoke' AND "
                           "object = 'trusted_key/%1'")
                .arg(key.id));
        QCOMPARE(details.size(), 1);
        QCOMPARE(details[0].toObject().value(QLatin1StringView("actor")).toString(), QStringLiteral("ada"));
        QVERIFY(details[0].toObject().value(QLatin1StringView("details")).toString().contains(u"laptop"));
    }

    void listPagesInIdOrder()
    {
        for (int i = 0; i < 3; ++i)
            QVERIFY(add(newTestKey().publicPem, QStringLiteral("paged-%1").arg(i)).status.ok());
        int pages = 0;
        const QList<v1::TrustedKey> keys = listAll(2, &pages);
        QVERIFY(keys.size() >= 4);
        QCOMPARE(pages, int((keys.size() + 1) / 2));
        QStringList ids;
        for (const v1::TrustedKey &key : keys)
            ids << QString::fromStdString(key.id());
        QStringList sorted = ids;
        sorted.sort();
        QCOMPARE(ids, sorted);
        QCOMPARE(QSet<QString>(ids.begin(), ids.end()).size(), ids.size()); // no page repeats a key
    }

    void malformedPageTokenIsRefused()
    {
        v1::ListTrustedKeysRequest request;
        request.set_page_token("not-a-token");
        v1::ListTrustedKeysResponse response;
        const grpc::Status status =
            m_stub->ListTrustedKeys(m_otterd.as(QStringLiteral("vera")).get(), request, &response);
        QCOMPARE(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
        QVERIFY(QString::fromStdString(status.error_message()).contains(u"page_token"));
    }

    void rolesBelowAdminCannotChangeKeys_data()
    {
        QTest::addColumn<QString>("caller");
        QTest::addColumn<QString>("role");
        QTest::newRow("viewer") << QStringLiteral("vera") << QStringLiteral("viewer");
        QTest::newRow("operator") << QStringLiteral("olga") << QStringLiteral("operator");
        QTest::newRow("approver") << QStringLiteral("abe") << QStringLiteral("approver");
    }

    void rolesBelowAdminCannotChangeKeys()
    {
        QFETCH(QString, caller);
        QFETCH(QString, role);
        const TestKey key = newTestKey();
        const AddResult added = add(key.publicPem, QStringLiteral("sneaky"), caller);
        QCOMPARE(added.status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
        const QString message = QString::fromStdString(added.status.error_message());
        QVERIFY2(message.contains(u"admin") && message.contains(role), qPrintable(message));
        QVERIFY(!listAll(0).isEmpty());
        for (const v1::TrustedKey &stored : listAll(0))
            QVERIFY(QString::fromStdString(stored.id()) != key.id);

        QVERIFY(add(key.publicPem, QStringLiteral("legit")).status.ok());
        const AddResult revoked = revoke(key.id, QStringLiteral("because"), caller);
        QCOMPARE(revoked.status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
        for (const v1::TrustedKey &stored : listAll(0)) {
            if (QString::fromStdString(stored.id()) == key.id)
                QCOMPARE(stored.state(), v1::TRUSTED_KEY_STATE_ACTIVE);
        }
        // The refusals are in the audit log too, with the message the caller saw.
        const QJsonArray refusals = sqliteRows(
            m_otterd,
            QStringLiteral("SELECT object FROM audit_log WHERE action = 'call.refused' AND details LIKE "
                           "'%%1 has the %2 role%'")
                .arg(caller, role));
        QStringList objects;
        for (const QJsonValue &row : refusals)
            objects << row.toObject().value(QLatin1StringView("object")).toString();
        QVERIFY2(objects.contains(QStringLiteral("AddTrustedKey")), qPrintable(objects.join(u',')));
        QVERIFY(objects.contains(QStringLiteral("RevokeTrustedKey")));
    }

    void noTokenIsUnauthenticated()
    {
        v1::AddTrustedKeyRequest request;
        request.set_public_key_pem(newTestKey().publicPem.toStdString());
        request.set_name("anon");
        v1::AddTrustedKeyResponse response;
        const grpc::Status status = m_stub->AddTrustedKey(m_otterd.anonymous().get(), request, &response);
        QCOMPARE(status.error_code(), grpc::StatusCode::UNAUTHENTICATED);
    }

    void keysOtterCannotUseAreRefused_data()
    {
        QTest::addColumn<QByteArray>("pem");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not a pem") << QByteArray("hello, I am a key") << QStringLiteral("not an ECDSA P-256");
        QTest::newRow("empty") << QByteArray() << QStringLiteral("public_key_pem is required");
        QTest::newRow("rsa") << opensslPublicKey({QStringLiteral("-algorithm"), QStringLiteral("RSA"),
                                                  QStringLiteral("-pkeyopt"),
                                                  QStringLiteral("rsa_keygen_bits:2048")})
                             << QStringLiteral("not an elliptic-curve key");
        QTest::newRow("p-384") << opensslPublicKey({QStringLiteral("-algorithm"), QStringLiteral("EC"),
                                                    QStringLiteral("-pkeyopt"),
                                                    QStringLiteral("ec_paramgen_curve:P-384")})
                               << QStringLiteral("secp384r1");
        QTest::newRow("private key") << newTestKey().key.toPem() << QStringLiteral("holds a private key");
    }

    void keysOtterCannotUseAreRefused()
    {
        QFETCH(QByteArray, pem);
        QFETCH(QString, expected);
        QVERIFY(QTest::currentDataTag() == QByteArrayView("not a pem") ||
                QTest::currentDataTag() == QByteArrayView("empty") || pem.startsWith("-----BEGIN"));
        const int before = int(listAll(0).size());
        const AddResult added = add(pem, QStringLiteral("odd"));
        QCOMPARE(added.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
        const QString message = QString::fromStdString(added.status.error_message());
        QVERIFY2(message.contains(expected), qPrintable(message));
        QVERIFY2(message.contains(u"public_key_pem"), qPrintable(message));
        QCOMPARE(int(listAll(0).size()), before);
    }

    void nameIsRequired()
    {
        const AddResult added = add(newTestKey().publicPem, QString());
        QCOMPARE(added.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
        QVERIFY(QString::fromStdString(added.status.error_message()).startsWith(u"name"));
    }

    void duplicateAddAnswersWithTheStoredKey()
    {
        const TestKey key = newTestKey();
        const AddResult first = add(key.publicPem, QStringLiteral("first"));
        QVERIFY(first.status.ok());
        const AddResult second = add(key.publicPem, QStringLiteral("second"));
        QCOMPARE(second.status.error_code(), grpc::StatusCode::ALREADY_EXISTS);
        QVERIFY(second.detail.has_value());
        QCOMPARE(second.detail->reason(), v1::ERROR_REASON_ALREADY_EXISTS);
        QCOMPARE(second.detail->current().kind(), v1::OBJECT_KIND_TRUSTED_KEY);
        QCOMPARE(QString::fromStdString(second.detail->current().id()), key.id);
        QCOMPARE(second.detail->current().revision(), first.key.revision());
        QVERIFY(QString::fromStdString(second.status.error_message()).contains(u"already trusted"));
    }

    void revokedKeyStaysRevoked()
    {
        const TestKey key = newTestKey();
        QVERIFY(add(key.publicPem, QStringLiteral("short-lived")).status.ok());
        const AddResult revoked = revoke(key.id, QStringLiteral("rotated"));
        QVERIFY(revoked.status.ok());

        const AddResult readded = add(key.publicPem, QStringLiteral("back again"));
        QCOMPARE(readded.status.error_code(), grpc::StatusCode::ALREADY_EXISTS);
        const QString message = QString::fromStdString(readded.status.error_message());
        QVERIFY2(message.contains(u"revoked on") && message.contains(u"by ada") &&
                     message.contains(u"rotated"),
                 qPrintable(message));

        const AddResult twice = revoke(key.id, QStringLiteral("again"));
        QCOMPARE(twice.status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
        QVERIFY(twice.detail.has_value());
        QCOMPARE(twice.detail->reason(), v1::ERROR_REASON_WRONG_STATE);
        QCOMPARE(twice.detail->current().revision(), revoked.key.revision());
        QVERIFY(QString::fromStdString(twice.status.error_message()).contains(u"already revoked"));

        for (const v1::TrustedKey &stored : listAll(0)) {
            if (QString::fromStdString(stored.id()) == key.id) {
                QCOMPARE(stored.state(), v1::TRUSTED_KEY_STATE_REVOKED);
                QCOMPARE(stored.revocation_reason(), "rotated"); // the second revoke changed nothing
            }
        }
    }

    void revokeRefusals()
    {
        const AddResult unknown = revoke(QString(64, u'a'), QStringLiteral("never existed"));
        QCOMPARE(unknown.status.error_code(), grpc::StatusCode::NOT_FOUND);
        QVERIFY(QString::fromStdString(unknown.status.error_message()).contains(QString(64, u'a')));

        const AddResult malformed = revoke(QStringLiteral("xyz"), QStringLiteral("typo"));
        QCOMPARE(malformed.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
        QVERIFY(QString::fromStdString(malformed.status.error_message()).contains(u"key_id"));

        const TestKey key = newTestKey();
        QVERIFY(add(key.publicPem, QStringLiteral("needs-reason")).status.ok());
        const AddResult noReason = revoke(key.id, QString());
        QCOMPARE(noReason.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
        QVERIFY(QString::fromStdString(noReason.status.error_message()).contains(u"reason"));
    }

    void everyChangeBumpsTheRevision()
    {
        const qint64 before =
            sqliteText(m_otterd, QStringLiteral("SELECT value FROM meta WHERE key = 'revision'"))
                .toLongLong();
        const TestKey key = newTestKey();
        const AddResult added = add(key.publicPem, QStringLiteral("rev"));
        QVERIFY(added.status.ok());
        QVERIFY(added.key.revision() > before);
        const QString stored = sqliteText(
            m_otterd,
            QStringLiteral("SELECT revision || ',' || state FROM trusted_keys WHERE id = '%1'").arg(key.id));
        QCOMPARE(stored,
                 QStringLiteral("%1,%2").arg(added.key.revision()).arg(int(v1::TRUSTED_KEY_STATE_ACTIVE)));
    }

private:
    OtterdHarness m_otterd;
    std::unique_ptr<v1::TrustedKeyService::Stub> m_stub;
    QTemporaryDir m_scratch;
};

QTEST_GUILESS_MAIN(TestTrustedKeys)
#include "tst_trusted_keys.moc"
