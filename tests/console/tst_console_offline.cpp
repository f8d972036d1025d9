// The console's life against a real otterd: connect with the CA pinned, browse every page, filter devices,
// create a group online; then otterd stops: the offline banner shows, the cached pages still work and a new
// group waits in the outbox; otterd comes back: the draft is sent and the outbox empties.
#include "app/client/console_client.h"
#include "app/console/console_session.h"
#include "console_fixture.h"
#include "models/device_table_model.h"
#include "models/group_list_model.h"
#include "models/outbox.h"
#include "otter/v1/groups.grpc.pb.h"
#include "ui/pages/devices_page.h"
#include "ui/pages/group_editor.h"
#include "ui/pages/groups_page.h"
#include "ui/pages/inline_error_edit.h"
#include "ui/shell/connection_status_bar.h"
#include "ui/shell/main_window.h"
#include "ui/shell/offline_banner.h"

#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QTest>

using namespace otter;
using namespace otter::test;

namespace {

constexpr int Wait = 30000;

// Group names on the server, read through the API as the viewer.
QStringList serverGroupNames(const OtterdHarness &otterd)
{
    auto stub = v1::GroupService::NewStub(otterd.channel());
    v1::ListGroupsRequest request;
    v1::ListGroupsResponse response;
    auto context = otterd.as(QStringLiteral("vera"));
    QStringList names;
    if (stub->ListGroups(context.get(), request, &response).ok()) {
        for (const auto &group : response.groups())
            names << QString::fromStdString(group.name());
    }
    return names;
}

void saveDynamicGroup(ui::GroupEditor *editor, const QString &name, const QString &filter)
{
    editor->startNewGroup();
    editor->nameEdit()->setText(name);
    editor->setMembership(ui::GroupEditor::Membership::Dynamic);
    editor->filterEdit()->setText(filter);
    const auto buttons = editor->findChildren<QPushButton *>();
    for (QPushButton *button : buttons) {
        if (button->text() == QStringLiteral("Save")) {
            QVERIFY2(button->isEnabled(), qPrintable(editor->problemText()));
            button->click();
            return;
        }
    }
    QFAIL("the group editor has no Save button");
}

} // namespace

class ConsoleOfflineTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void onlineThenOfflineThenBack();

private:
    std::unique_ptr<ConsoleFixture> m_fixture;
};

void ConsoleOfflineTest::initTestCase()
{
    m_fixture = std::make_unique<ConsoleFixture>();
    QVERIFY2(m_fixture->otterd().start(), qPrintable(m_fixture->otterd().error()));
    m_fixture->otterd().provision(150, QStringLiteral("gw-200"), QStringLiteral("eu-west"));
    m_fixture->otterd().provision(50, QStringLiteral("gw-300"), QStringLiteral("us-east"),
                                  QStringLiteral("ring=stable"), 150);
}

void ConsoleOfflineTest::onlineThenOfflineThenBack()
{
    OtterdHarness &otterd = m_fixture->otterd();
    auto console = m_fixture->startConsole(QStringLiteral("olga"));
    ui::MainWindow *window = console->window();
    ui::ConnectionStatusBar *status = window->connectionStatusBar();

    // Connected with the pinned CA, signed in, and the fleet synced into the cache.
    QTRY_VERIFY_WITH_TIMEOUT(console->isOnline(), Wait);
    QVERIFY(console->session());
    QTRY_COMPARE_WITH_TIMEOUT(console->session()->deviceModel()->matchingCount(), qint64(200), Wait);
    QTRY_VERIFY_WITH_TIMEOUT(status->operatorText().contains(QStringLiteral("olga")), Wait);
    QVERIFY(!window->offlineBanner()->isOffline());
    QVERIFY(status->syncText() != QStringLiteral("never synced"));

    // Every page can be visited and shows without trouble.
    for (int page = 0; page < ui::MainWindow::PageCount; ++page) {
        window->showPage(ui::MainWindow::Page(page));
        QCOMPARE(int(window->currentPage()), page);
        QVERIFY(window->pageWidget(ui::MainWindow::Page(page))->isVisible());
        QVERIFY(saveScreenshot(window, QStringLiteral("console-online-page-%1").arg(page)));
    }

    // Filtering devices: the typed filter reaches the SQL, the counts follow, an error points at its column.
    window->showPage(ui::MainWindow::Page::Devices);
    const auto &pages = console->pages();
    auto *model = console->session()->deviceModel();
    pages.devices->filterEdit()->setText(QStringLiteral("region == \"us-east\""));
    QTest::keyClick(pages.devices->filterEdit()->lineEdit(), Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(model->matchingCount(), qint64(50), Wait);
    QVERIFY2(pages.devices->countsText().contains(QStringLiteral("50")),
             qPrintable(pages.devices->countsText()));
    pages.devices->filterEdit()->setText(QStringLiteral("region == "));
    QTest::keyClick(pages.devices->filterEdit()->lineEdit(), Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(pages.devices->filterEdit()->hasError(), Wait);
    QCOMPARE(model->matchingCount(), qint64(50)); // a bad filter leaves the previous one applied
    QVERIFY(saveScreenshot(window, QStringLiteral("console-devices-filter-error")));

    // A group made online goes to the server at once and the outbox stays empty.
    window->showPage(ui::MainWindow::Page::Groups);
    saveDynamicGroup(pages.groups->editor(), QStringLiteral("US gateways"),
                     QStringLiteral("region == \"us-east\""));
    QTRY_VERIFY_WITH_TIMEOUT(serverGroupNames(otterd).contains(QStringLiteral("US gateways")), Wait);
    QTRY_COMPARE_WITH_TIMEOUT(console->session()->outbox()->count(), 0, Wait);
    QTRY_COMPARE_WITH_TIMEOUT(console->session()->groupModel()->rowCount(), 1, Wait);

    // otterd stops: the banner says offline, the cache still answers, and a new group waits in the outbox.
    QVERIFY(otterd.stop());
    QTRY_VERIFY_WITH_TIMEOUT(window->offlineBanner()->isOffline(), Wait);
    QVERIFY(!console->isOnline());
    QVERIFY(window->offlineBanner()->headline().contains(QStringLiteral("Offline")));
    pages.devices->filterEdit()->setText(QStringLiteral("class == \"gw-200\""));
    QTest::keyClick(pages.devices->filterEdit()->lineEdit(), Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(model->matchingCount(), qint64(150), Wait);
    saveDynamicGroup(pages.groups->editor(), QStringLiteral("EU gateways"),
                     QStringLiteral("region == \"eu-west\""));
    QTRY_COMPARE_WITH_TIMEOUT(console->session()->outbox()->count(), 1, Wait);
    QVERIFY2(status->outboxText().contains(QStringLiteral("1")), qPrintable(status->outboxText()));
    QVERIFY(!serverGroupNames(otterd).contains(QStringLiteral("EU gateways")));
    QVERIFY(saveScreenshot(window, QStringLiteral("console-offline-outbox")));

    // otterd is back: the console reconnects by itself, sends the draft and the outbox empties.
    QVERIFY2(otterd.restart(), qPrintable(otterd.error()));
    QTRY_VERIFY_WITH_TIMEOUT(console->isOnline(), Wait);
    QTRY_COMPARE_WITH_TIMEOUT(console->session()->outbox()->count(), 0, Wait);
    QVERIFY(serverGroupNames(otterd).contains(QStringLiteral("EU gateways")));
    QTRY_VERIFY_WITH_TIMEOUT(!window->offlineBanner()->isOffline(), Wait);
    QTRY_COMPARE_WITH_TIMEOUT(console->session()->groupModel()->rowCount(), 2, Wait);
    QVERIFY(status->outboxText().isEmpty() || !status->outboxText().contains(QStringLiteral("1")));
}

QTEST_MAIN(ConsoleOfflineTest)
#include "tst_console_offline.moc"
