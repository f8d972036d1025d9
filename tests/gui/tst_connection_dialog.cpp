// ConnectionDialog and server address validation: bad input is refused with a message naming the field.
#include "modal_answer.h"
#include "ui/dialogs/connection_dialog.h"
#include "ui/dialogs/server_address.h"

#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using otter::models::ServerProfile;
using otter::ui::ConnectionDialog;
using otter::ui::serverAddressProblem;

namespace {

QList<ServerProfile> savedProfiles()
{
    ServerProfile production;
    production.name = u"Production"_s;
    production.address = u"otter.example.com:8443"_s;
    production.caPem = "-----BEGIN CERTIFICATE-----\n…";
    production.caFingerprint =
        u"AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89"_s;
    production.operatorName = u"olga"_s;
    ServerProfile lab;
    lab.name = u"127.0.0.1:7443"_s;
    lab.address = u"127.0.0.1:7443"_s;
    return {production, lab};
}

} // namespace

class TestConnectionDialog final : public QObject
{
    Q_OBJECT

private slots:
    void addresses_data()
    {
        QTest::addColumn<QString>("address");
        QTest::addColumn<QString>("problem"); // empty: accepted; otherwise a fragment of the message
        QTest::newRow("host") << u"otter.example.com:8443"_s << QString();
        QTest::newRow("short host") << u"localhost:1"_s << QString();
        QTest::newRow("ipv4") << u"192.168.1.20:65535"_s << QString();
        QTest::newRow("ipv6") << u"[::1]:8443"_s << QString();
        QTest::newRow("spaces trimmed") << u"  otter:8443 "_s << QString();
        QTest::newRow("empty") << QString() << u"enter the server"_s;
        QTest::newRow("no port") << u"otter.example.com"_s << u"add the port"_s;
        QTest::newRow("port zero") << u"otter:0"_s << u"from 1 to 65535"_s;
        QTest::newRow("port too big") << u"otter:65536"_s << u"from 1 to 65535"_s;
        QTest::newRow("port text") << u"otter:https"_s << u"from 1 to 65535"_s;
        QTest::newRow("empty port") << u"otter:"_s << u"from 1 to 65535"_s;
        QTest::newRow("scheme") << u"https://otter:8443"_s << u"scheme"_s;
        QTest::newRow("space in host") << u"ot ter:8443"_s << u"not a valid host name"_s;
        QTest::newRow("underscore") << u"ot_ter:8443"_s << u"not a valid host name"_s;
        QTest::newRow("leading hyphen") << u"-otter:8443"_s << u"not a valid host name"_s;
        QTest::newRow("bad ipv4") << u"300.1.1.1:8443"_s << u"not a valid host name or IPv4"_s;
        QTest::newRow("no host") << u":8443"_s << u"host name before"_s;
        QTest::newRow("bare ipv6") << u"::1:8443"_s << u"brackets"_s;
        QTest::newRow("unclosed ipv6") << u"[::1:8443"_s << u"closing bracket"_s;
        QTest::newRow("bad ipv6") << u"[zz::1]:8443"_s << u"not a valid IPv6"_s;
    }

    void addresses()
    {
        QFETCH(QString, address);
        QFETCH(QString, problem);
        const QString message = serverAddressProblem(address);
        if (problem.isEmpty()) {
            QVERIFY2(message.isEmpty(), qPrintable(message));
        } else {
            QVERIFY2(message.startsWith(u"Server address:"_s), qPrintable(message));
            QVERIFY2(message.contains(problem), qPrintable(message));
        }
    }

    void badAddressKeepsDialogOpenWithMessage()
    {
        ConnectionDialog dialog;
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        dialog.findChild<QLineEdit *>(u"address"_s)->setText(u"otter.example.com"_s);
        dialog.findChild<QLineEdit *>(u"token"_s)->setText(u"secret"_s);
        QSignalSpy accepted(&dialog, &QDialog::accepted);
        dialog.accept();
        QCOMPARE(accepted.count(), 0);
        QVERIFY(dialog.isVisible());
        QVERIFY(dialog.errorText().contains(u"add the port"_s));
        QVERIFY(dialog.findChild<QLabel *>(u"error"_s)->isVisible());
    }

    void missingTokenIsRefused()
    {
        ConnectionDialog dialog;
        dialog.findChild<QLineEdit *>(u"address"_s)->setText(u"otter:8443"_s);
        QSignalSpy accepted(&dialog, &QDialog::accepted);
        dialog.accept();
        QCOMPARE(accepted.count(), 0);
        QVERIFY(dialog.errorText().startsWith(u"Operator token:"_s));
    }

    void goodInputIsAccepted()
    {
        ConnectionDialog dialog;
        dialog.findChild<QLineEdit *>(u"address"_s)->setText(u" lab.example.net:9443 "_s);
        dialog.findChild<QLineEdit *>(u"token"_s)->setText(u" tok-123 "_s);
        QSignalSpy accepted(&dialog, &QDialog::accepted);
        dialog.accept();
        QCOMPARE(accepted.count(), 1);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        const ServerProfile chosen = dialog.profile();
        QCOMPARE(chosen.address, u"lab.example.net:9443"_s);
        QCOMPARE(chosen.name, u"lab.example.net:9443"_s); // no name given: the address
        QVERIFY(chosen.caPem.isEmpty());                  // new server: nothing pinned yet
        QCOMPARE(dialog.token(), u"tok-123"_s);
    }

    void savedProfileIsSelectedAndCarriesItsPin()
    {
        ConnectionDialog dialog;
        QSignalSpy selected(&dialog, &ConnectionDialog::profileSelected);
        dialog.setProfiles(savedProfiles(), u"otter.example.com:8443"_s);
        QCOMPARE(dialog.findChild<QListWidget *>(u"profiles"_s)->currentRow(), 0);
        QCOMPARE(dialog.findChild<QLineEdit *>(u"address"_s)->text(), u"otter.example.com:8443"_s);
        QCOMPARE(dialog.findChild<QLineEdit *>(u"name"_s)->text(), u"Production"_s);
        QVERIFY(dialog.findChild<QLabel *>(u"caNote"_s)->text().contains(u"Pinned CA"_s));
        QCOMPARE(selected.count(), 1);
        QCOMPARE(selected.first().first().toString(), u"otter.example.com:8443"_s);

        const ServerProfile chosen = dialog.profile();
        QCOMPARE(chosen.name, u"Production"_s);
        QVERIFY(!chosen.caPem.isEmpty());
        QCOMPARE(chosen.caFingerprint, savedProfiles().first().caFingerprint);

        dialog.findChild<QListWidget *>(u"profiles"_s)->setCurrentRow(1);
        QCOMPARE(dialog.findChild<QLineEdit *>(u"address"_s)->text(), u"127.0.0.1:7443"_s);
        QVERIFY(dialog.profile().caPem.isEmpty());
        QVERIFY(dialog.findChild<QLabel *>(u"caNote"_s)->text().contains(u"fingerprint to compare"_s));
    }

    void keyringNote()
    {
        ConnectionDialog dialog;
        dialog.setKeyringNote(u"No keyring is available: the token is kept only until you quit."_s);
        QCOMPARE(dialog.findChild<QLabel *>(u"keyringNote"_s)->text(),
                 u"No keyring is available: the token is kept only until you quit."_s);
    }

    void tokenCanBeRevealed()
    {
        ConnectionDialog dialog;
        auto *token = dialog.findChild<QLineEdit *>(u"token"_s);
        QCOMPARE(token->echoMode(), QLineEdit::Password);
        auto *reveal = dialog.findChild<QAction *>(u"revealToken"_s);
        QVERIFY(reveal);
        reveal->trigger();
        QCOMPARE(token->echoMode(), QLineEdit::Normal);
        reveal->trigger();
        QCOMPARE(token->echoMode(), QLineEdit::Password);
    }

    void removeProfileAsksFirst()
    {
        ConnectionDialog dialog;
        dialog.setProfiles(savedProfiles(), u"otter.example.com:8443"_s);
        QSignalSpy removed(&dialog, &ConnectionDialog::removeProfileRequested);
        auto *remove = dialog.findChild<QPushButton *>(u"removeProfile"_s);
        QVERIFY(remove->isEnabled());

        otter::ui::testing::answerNextMessageBox(&dialog, QMessageBox::Cancel);
        remove->click();
        QCOMPARE(removed.count(), 0);
        QCOMPARE(dialog.findChild<QListWidget *>(u"profiles"_s)->count(), 2);

        otter::ui::testing::answerNextMessageBox(&dialog, QMessageBox::Yes);
        remove->click();
        QCOMPARE(removed.count(), 1);
        QCOMPARE(removed.first().first().toString(), u"otter.example.com:8443"_s);
        QCOMPARE(dialog.findChild<QListWidget *>(u"profiles"_s)->count(), 1);
    }
};

QTEST_MAIN(TestConnectionDialog)
#include "tst_connection_dialog.moc"
