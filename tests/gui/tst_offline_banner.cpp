// OfflineBanner: shown only while offline, says how old the data is and why, and offers a reconnect.
#include "ui/shell/offline_banner.h"

#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using otter::ui::OfflineBanner;

class TestOfflineBanner final : public QObject
{
    Q_OBJECT

private slots:
    void hiddenUntilOffline()
    {
        QWidget parent;
        auto *banner = new OfflineBanner(&parent);
        parent.show();
        QVERIFY(QTest::qWaitForWindowExposed(&parent));
        QVERIFY(!banner->isVisible());
        QVERIFY(!banner->isOffline());

        banner->setOffline(true, QDateTime(QDate::currentDate(), QTime(12, 4, 31)), u"connection refused"_s);
        QVERIFY(banner->isVisible());
        QCOMPARE(banner->headline(), u"Offline — data as of 12:04:31"_s);
        QVERIFY(banner->reason().startsWith(u"connection refused."_s));

        banner->setOffline(false);
        QVERIFY(!banner->isVisible());
    }

    void olderDataShowsTheDate()
    {
        OfflineBanner banner;
        banner.setOffline(true, QDateTime(QDate(2024, 3, 1), QTime(9, 15)), {});
        QCOMPARE(banner.headline(), u"Offline — data as of 2024-03-01 09:15"_s);
        QVERIFY(banner.reason().contains(u"drafts"_s));
    }

    void nothingCachedYet()
    {
        OfflineBanner banner;
        banner.setOffline(true, {}, u"server unreachable"_s);
        QCOMPARE(banner.headline(), u"Offline — no data cached from this server yet"_s);
    }

    void reconnectButton()
    {
        OfflineBanner banner;
        banner.setOffline(true, QDateTime::currentDateTime(), {});
        QSignalSpy requested(&banner, &OfflineBanner::reconnectRequested);
        QVERIFY(requested.isValid());
        QTest::mouseClick(banner.findChild<QPushButton *>(u"reconnect"_s), Qt::LeftButton);
        QCOMPARE(requested.count(), 1);
    }
};

QTEST_MAIN(TestOfflineBanner)
#include "tst_offline_banner.moc"
