// otterd's front door against a real server: TLS with the created CA, WhoAmI, and every way a caller
// without the right credentials is refused.
#include "otter/v1/identity.grpc.pb.h"
#include "otterd_harness.h"

#include <QTest>

using namespace otter;
using otter::test::OtterdHarness;

class TestIdentity : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY2(m_otterd.start(), qPrintable(m_otterd.error())); }

    void whoAmIForEachRole_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("role");
        QTest::newRow("viewer") << QStringLiteral("vera") << int(v1::ROLE_VIEWER);
        QTest::newRow("operator") << QStringLiteral("olga") << int(v1::ROLE_OPERATOR);
        QTest::newRow("approver") << QStringLiteral("abe") << int(v1::ROLE_APPROVER);
        QTest::newRow("admin") << QStringLiteral("ada") << int(v1::ROLE_ADMIN);
    }

    void whoAmIForEachRole()
    {
        QFETCH(QString, name);
        QFETCH(int, role);
        auto stub = v1::IdentityService::NewStub(m_otterd.channel());
        v1::WhoAmIResponse response;
        const grpc::Status status = stub->WhoAmI(m_otterd.as(name).get(), {}, &response);
        QVERIFY2(status.ok(), status.error_message().c_str());
        QCOMPARE(QString::fromStdString(response.operator_name()), name);
        QCOMPARE(int(response.role()), role);
        QVERIFY(!response.server_version().empty());
        QVERIFY(response.current_revision() > 0); // creating the operators already changed the database
        QVERIFY(response.limits().max_upload_bytes() > 0);
        QVERIFY(response.server_time().seconds() > 1700000000);
    }

    void refusals_data()
    {
        QTest::addColumn<QString>("header");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("expected");
        QTest::newRow("no token") << QString() << QString() << QStringLiteral("no operator token");
        QTest::newRow("unknown token") << QStringLiteral("authorization") << QStringLiteral("Bearer otk_nope")
                                       << QStringLiteral("not known to this server");
        QTest::newRow("not bearer") << QStringLiteral("authorization") << QStringLiteral("Basic abc")
                                    << QStringLiteral("Bearer <token>");
        QTest::newRow("device token") << QStringLiteral("x-otter-device-token") << QStringLiteral("otd_x")
                                      << QStringLiteral("device credentials are not accepted here");
    }

    void refusals()
    {
        QFETCH(QString, header);
        QFETCH(QString, value);
        QFETCH(QString, expected);
        auto stub = v1::IdentityService::NewStub(m_otterd.channel());
        auto context = m_otterd.anonymous();
        if (!header.isEmpty())
            context->AddMetadata(header.toStdString(), value.toStdString());
        v1::WhoAmIResponse response;
        const grpc::Status status = stub->WhoAmI(context.get(), {}, &response);
        QCOMPARE(status.error_code(), grpc::StatusCode::UNAUTHENTICATED);
        QVERIFY2(QString::fromStdString(status.error_message()).contains(expected),
                 status.error_message().c_str());
    }

    void untrustedCaIsRefusedByTheClient()
    {
        // A client that pins some other CA must not talk to this server.
        grpc::SslCredentialsOptions options;
        options.pem_root_certs = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
        auto channel = grpc::CreateChannel(m_otterd.address().toStdString(), grpc::SslCredentials(options));
        auto stub = v1::IdentityService::NewStub(channel);
        v1::WhoAmIResponse response;
        const grpc::Status status =
            stub->WhoAmI(m_otterd.as(QStringLiteral("ada"), 5000).get(), {}, &response);
        QVERIFY(!status.ok());
        QCOMPARE(status.error_code(), grpc::StatusCode::UNAVAILABLE);
    }

    void cleanShutdownOnSigterm() { QVERIFY2(m_otterd.stop(), qPrintable(m_otterd.log())); }

private:
    OtterdHarness m_otterd;
};

QTEST_GUILESS_MAIN(TestIdentity)
#include "tst_identity.moc"
