// MainWindow: page navigation by sidebar and shortcuts, page installation, menus, and state kept in
// QSettings.
#include "ui/shell/connection_status_bar.h"
#include "ui/shell/main_window.h"
#include "ui/shell/offline_banner.h"

#include <QAction>
#include <QLabel>
#include <QListWidget>
#include <QPointer>
#include <QSettings>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace Qt::StringLiterals;
using otter::ui::MainWindow;
using Page = MainWindow::Page;

class TestMainWindow final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_settingsDir.isValid());
        // A private settings scope: nothing of the operator's real configuration is read or written.
        QCoreApplication::setOrganizationName(
            u"otter-test-main-window-%1"_s.arg(QCoreApplication::applicationPid()));
        QCoreApplication::setApplicationName(u"tst_main_window"_s);
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
    }

    void startsOnDashboardWithPlaceholders()
    {
        MainWindow window;
        QCOMPARE(window.currentPage(), Page::Dashboard);
        for (int i = 0; i < MainWindow::PageCount; ++i)
            QVERIFY(window.pageWidget(static_cast<Page>(i)) != nullptr);
        QVERIFY(window.offlineBanner()->isHidden());
    }

    void shortcutsSwitchPages_data()
    {
        QTest::addColumn<int>("key");
        QTest::addColumn<Page>("page");
        QTest::newRow("Ctrl+1") << int(Qt::Key_1) << Page::Dashboard;
        QTest::newRow("Ctrl+2") << int(Qt::Key_2) << Page::Devices;
        QTest::newRow("Ctrl+3") << int(Qt::Key_3) << Page::Groups;
        QTest::newRow("Ctrl+4") << int(Qt::Key_4) << Page::Windows;
        QTest::newRow("Ctrl+5") << int(Qt::Key_5) << Page::Releases;
        QTest::newRow("Ctrl+6") << int(Qt::Key_6) << Page::Rollouts;
        QTest::newRow("Ctrl+7") << int(Qt::Key_7) << Page::Audit;
    }

    void shortcutsSwitchPages()
    {
        QFETCH(int, key);
        QFETCH(Page, page);
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        // Start elsewhere so every row (Dashboard too) is a real change.
        window.showPage(page == Page::Audit ? Page::Dashboard : Page::Audit);
        QSignalSpy changed(&window, &MainWindow::pageChanged);
        QVERIFY(changed.isValid());
        QTest::keyClick(&window, static_cast<Qt::Key>(key), Qt::ControlModifier);
        QCOMPARE(window.currentPage(), page);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.first().first().value<Page>(), page);
        auto *stack = window.findChild<QStackedWidget *>(u"pages"_s);
        QCOMPARE(stack->currentWidget(), window.pageWidget(page));
        QCOMPARE(window.findChild<QListWidget *>(u"navigation"_s)->currentRow(), static_cast<int>(page));
    }

    void sidebarSwitchesPages()
    {
        MainWindow window;
        QSignalSpy changed(&window, &MainWindow::pageChanged);
        window.findChild<QListWidget *>(u"navigation"_s)->setCurrentRow(static_cast<int>(Page::Releases));
        QCOMPARE(window.currentPage(), Page::Releases);
        QCOMPARE(changed.count(), 1);
    }

    void findAndRefreshShortcuts()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QSignalSpy find(&window, &MainWindow::findRequested);
        QSignalSpy refresh(&window, &MainWindow::refreshRequested);
        QVERIFY(find.isValid() && refresh.isValid());
        QTest::keyClick(&window, Qt::Key_F, Qt::ControlModifier);
        QCOMPARE(find.count(), 1);
        QCOMPARE(refresh.count(), 0);
        QTest::keyClick(&window, Qt::Key_F5);
        QCOMPARE(refresh.count(), 1);
    }

    void serverMenuEmitsIntents()
    {
        MainWindow window;
        QSignalSpy connectSpy(&window, &MainWindow::connectRequested);
        QSignalSpy disconnectSpy(&window, &MainWindow::disconnectRequested);
        QSignalSpy outboxSpy(&window, &MainWindow::outboxRequested);
        const auto trigger = [&window](const QString &text) {
            const QList<QAction *> actions = window.actions();
            for (QAction *action : actions) {
                if (action->text() == text) {
                    action->trigger();
                    return true;
                }
            }
            return false;
        };
        QVERIFY(trigger(u"&Connect…"_s));
        QVERIFY(trigger(u"&Disconnect"_s));
        QVERIFY(trigger(u"&Outbox…"_s));
        QCOMPARE(connectSpy.count(), 1);
        QCOMPARE(disconnectSpy.count(), 1);
        QCOMPARE(outboxSpy.count(), 1);
        // The status bar's outbox count is a second way to the outbox.
        window.connectionStatusBar()->findChild<QToolButton *>(u"outbox"_s)->click();
        QCOMPARE(outboxSpy.count(), 2);
    }

    void setPageReplacesPlaceholder()
    {
        MainWindow window;
        window.showPage(Page::Devices);
        QPointer<QWidget> placeholder = window.pageWidget(Page::Devices);
        auto *devices = new QLabel(u"devices page"_s);
        window.setPage(Page::Devices, devices);
        QCOMPARE(window.pageWidget(Page::Devices), devices);
        QVERIFY(placeholder.isNull());
        QCOMPARE(window.findChild<QStackedWidget *>(u"pages"_s)->currentWidget(), devices);
        // Other pages keep their order.
        auto *audit = new QLabel(u"audit page"_s);
        window.setPage(Page::Audit, audit);
        window.showPage(Page::Audit);
        QCOMPARE(window.findChild<QStackedWidget *>(u"pages"_s)->currentWidget(), audit);
        QCOMPARE(window.pageWidget(Page::Devices), devices);
    }

    void restoresLastPageAndGeometry()
    {
        {
            MainWindow window;
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            window.resize(640, 480);
            window.showPage(Page::Rollouts);
            window.close(); // saves
        }
        QSettings settings;
        QCOMPARE(settings.value(u"mainWindow/lastPage"_s).toString(), u"Rollouts"_s);

        MainWindow restored;
        QCOMPARE(restored.currentPage(), Page::Dashboard);
        restored.restoreState();
        restored.show();
        QVERIFY(QTest::qWaitForWindowExposed(&restored));
        QCOMPARE(restored.currentPage(), Page::Rollouts);
        QCOMPARE(restored.size(), QSize(640, 480));
    }

    void unknownStoredPageIsIgnored()
    {
        QSettings().setValue(u"mainWindow/lastPage"_s, u"NoSuchPage"_s);
        MainWindow window;
        window.restoreState();
        QCOMPARE(window.currentPage(), Page::Dashboard);
    }

    void bannerLivesAboveThePages()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.offlineBanner()->setOffline(true, QDateTime::currentDateTime(), u"connection refused"_s);
        QVERIFY(window.offlineBanner()->isVisible());
        auto *stack = window.findChild<QStackedWidget *>(u"pages"_s);
        QVERIFY(window.offlineBanner()->geometry().bottom() <= stack->geometry().top());
        window.offlineBanner()->setOffline(false);
        QVERIFY(!window.offlineBanner()->isVisible());
    }

private:
    QTemporaryDir m_settingsDir;
};

QTEST_MAIN(TestMainWindow)
#include "tst_main_window.moc"
