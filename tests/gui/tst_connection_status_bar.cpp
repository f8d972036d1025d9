// ConnectionStatusBar: the texts and colours an operator sees for each state, sync time and outbox count.
#include "ui/shell/connection_status_bar.h"

#include <QSignalSpy>
#include <QTest>
#include <QToolButton>

using namespace Qt::StringLiterals;
using otter::ui::ConnectionState;
using otter::ui::ConnectionStatusBar;

class TestConnectionStatusBar final : public QObject
{
    Q_OBJECT

private slots:
    void states_data()
    {
        QTest::addColumn<ConnectionState>("state");
        QTest::addColumn<QString>("detail");
        QTest::addColumn<QString>("expected");
        QTest::newRow("offline") << ConnectionState::Offline << QString() << u"Offline"_s;
        QTest::newRow("offline with reason")
            << ConnectionState::Offline << u"connection refused"_s << u"Offline — connection refused"_s;
        QTest::newRow("connecting") << ConnectionState::Connecting << QString() << u"Connecting…"_s;
        QTest::newRow("online") << ConnectionState::Online << QString() << u"Online"_s;
        QTest::newRow("reconnecting")
            << ConnectionState::Reconnecting << u"retry in 8 s"_s << u"Reconnecting… — retry in 8 s"_s;
    }

    void states()
    {
        QFETCH(ConnectionState, state);
        QFETCH(QString, detail);
        QFETCH(QString, expected);
        ConnectionStatusBar bar;
        bar.setConnectionState(state, detail);
        QCOMPARE(bar.connectionState(), state);
        QCOMPARE(bar.stateText(), expected);
    }

    void dotColourTellsStatesApart()
    {
        ConnectionStatusBar bar;
        bar.setConnectionState(ConnectionState::Online);
        const QColor online = bar.stateColour();
        bar.setConnectionState(ConnectionState::Offline);
        const QColor offline = bar.stateColour();
        bar.setConnectionState(ConnectionState::Reconnecting);
        const QColor reconnecting = bar.stateColour();
        QVERIFY(online != offline);
        QVERIFY(online != reconnecting);
        QVERIFY(offline != reconnecting);
        QVERIFY(online.green() > online.red());   // green-ish
        QVERIFY(offline.red() > offline.green()); // red-ish
    }

    void serverAndOperator()
    {
        ConnectionStatusBar bar;
        QCOMPARE(bar.serverText(), u"no server"_s);
        QCOMPARE(bar.operatorText(), u"not signed in"_s);
        bar.setServer(u"otter.example.com:8443"_s);
        bar.setOperator(u"olga"_s, u"operator"_s);
        QCOMPARE(bar.serverText(), u"otter.example.com:8443"_s);
        QCOMPARE(bar.operatorText(), u"olga (operator)"_s);
    }

    void lastSync()
    {
        ConnectionStatusBar bar;
        QCOMPARE(bar.syncText(), u"never synced"_s);
        const QDateTime today(QDate::currentDate(), QTime(12, 4, 31));
        bar.setLastSync(today);
        QCOMPARE(bar.syncText(), u"synced 12:04:31"_s);
        const QDateTime older(QDate(2024, 3, 1), QTime(9, 15));
        bar.setLastSync(older);
        QCOMPARE(bar.syncText(), u"synced 2024-03-01 09:15"_s);
        bar.setLastSync({});
        QCOMPARE(bar.syncText(), u"never synced"_s);
    }

    void outboxCount_data()
    {
        QTest::addColumn<int>("count");
        QTest::addColumn<QString>("expected");
        QTest::newRow("none") << 0 << u"no drafts waiting"_s;
        QTest::newRow("one") << 1 << u"1 draft waiting"_s;
        QTest::newRow("two") << 2 << u"2 drafts waiting"_s;
        QTest::newRow("many") << 120 << u"120 drafts waiting"_s;
    }

    void outboxCount()
    {
        QFETCH(int, count);
        QFETCH(QString, expected);
        ConnectionStatusBar bar;
        bar.setOutboxCount(count);
        QCOMPARE(bar.outboxText(), expected);
    }

    void outboxIsClickable()
    {
        ConnectionStatusBar bar;
        QSignalSpy requested(&bar, &ConnectionStatusBar::outboxRequested);
        QVERIFY(requested.isValid());
        bar.setOutboxCount(2);
        QTest::mouseClick(bar.findChild<QToolButton *>(u"outbox"_s), Qt::LeftButton);
        QCOMPARE(requested.count(), 1);
    }

    void temporaryMessagesKeepStateVisible()
    {
        ConnectionStatusBar bar;
        bar.show();
        QVERIFY(QTest::qWaitForWindowExposed(&bar));
        bar.setConnectionState(ConnectionState::Online);
        bar.showMessage(u"Saved"_s);
        QVERIFY(bar.findChild<QWidget *>(u"connectionState"_s)->isVisible());
        QVERIFY(bar.findChild<QWidget *>(u"outbox"_s)->isVisible());
    }
};

QTEST_MAIN(TestConnectionStatusBar)
#include "tst_connection_status_bar.moc"
