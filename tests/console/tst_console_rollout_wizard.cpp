// Two operators' consoles against one real otterd: olga creates a rollout with the wizard (its pre-flight
// counted by the server) and submits it; her own approve button is disabled with the four-eyes reason; abe,
// an approver in a console of his own, approves it from the approval queue; olga starts it through the
// confirmation dialog. Screenshots of the wizard's pre-flight and both queues.
#include "app/console/console_session.h"
#include "app/console/rollout_controller.h"
#include "console_fixture.h"
#include "models/group_list_model.h"
#include "models/outbox.h"
#include "rollout_fixtures.h"
#include "ui/dialogs/rollout_action_dialog.h"
#include "ui/dialogs/rollout_wizard.h"
#include "ui/dialogs/rollout_wizard_release_page.h"
#include "ui/dialogs/rollout_wizard_summary_page.h"
#include "ui/dialogs/rollout_wizard_targets_page.h"
#include "ui/pages/releases_page.h"
#include "ui/pages/rollout_action_bar.h"
#include "ui/pages/rollout_approval_pane.h"
#include "ui/pages/rollouts_page.h"
#include "ui/shell/main_window.h"

#include <QAbstractButton>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableView>
#include <QTest>
#include <QTextBrowser>
#include <QTreeWidget>

using namespace otter;
using namespace otter::test;

namespace {

constexpr int Wait = 30000;

v1::RolloutState serverState(RolloutScenario &scenario, const QString &id)
{
    return scenario.get(id).rollout().state();
}

} // namespace

class ConsoleRolloutWizardTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void createApproveStart();
    void createOfflineSubmitsOnReconnect();

private:
    std::unique_ptr<ConsoleFixture> m_fixture;
    std::unique_ptr<RolloutScenario> m_scenario;
    SignedRelease m_release;
};

void ConsoleRolloutWizardTest::initTestCase()
{
    m_fixture = std::make_unique<ConsoleFixture>();
    QVERIFY2(m_fixture->otterd().start(), qPrintable(m_fixture->otterd().error()));
    m_scenario = std::make_unique<RolloutScenario>(m_fixture->otterd());
    QVERIFY(m_scenario->uploadRelease(QStringLiteral("1.2.0"), 2, &m_release));
    m_scenario->addDevices(30, QStringLiteral("gw-200"), QStringLiteral("1.0.0"), 1, 0);
    m_scenario->addDevices(4, QStringLiteral("gw-300"), QStringLiteral("1.0.0"), 1, 30);
    QVERIFY(m_scenario->createGroup(QStringLiteral("fleet"), QStringLiteral(R"(region == "eu-west")")).ok());
}

void ConsoleRolloutWizardTest::createApproveStart()
{
    auto olga = m_fixture->startConsole(QStringLiteral("olga"));
    QTRY_VERIFY_WITH_TIMEOUT(olga->isOnline() && olga->session(), Wait);
    ui::RolloutsPage *olgaPage = olga->pages().rollouts;
    // The release and the group reached the cache: the wizard offers them.
    QTRY_VERIFY_WITH_TIMEOUT(olga->pages().releases->listView()->model() &&
                                 olga->pages().releases->listView()->model()->rowCount() == 1,
                             Wait);
    QTRY_COMPARE_WITH_TIMEOUT(olga->session()->groupModel()->rowCount(), 1, Wait);
    olga->window()->showPage(ui::MainWindow::Page::Rollouts);

    // The wizard, driven as an operator would.
    console::RolloutController *controller = olga->session()->rolloutController();
    ui::RolloutWizard *wizard = controller->openWizard();
    QVERIFY(wizard && wizard->isVisible());
    QVERIFY(wizard->releasePage()->selectRelease(m_release.releaseId));
    wizard->releasePage()->nameEdit()->setText(QStringLiteral("fw 1.2 canary"));
    wizard->next();
    QVERIFY(wizard->targetsPage()->setGroupChecked(QStringLiteral("fleet"), true));
    // The cache counts the group's members.
    QVERIFY2(wizard->targetsPage()->totalText().contains(QStringLiteral("34")),
             qPrintable(wizard->targetsPage()->totalText()));
    for (int page = ui::RolloutWizard::TargetsPageId; page < ui::RolloutWizard::SummaryPageId; ++page)
        wizard->next();
    QCOMPARE(wizard->currentId(), int(ui::RolloutWizard::SummaryPageId));
    // The server's pre-flight: 34 targeted, the 4 gw-300 skipped for their hardware class.
    QTRY_VERIFY_WITH_TIMEOUT(wizard->summaryPage()->hasPreview(), Wait);
    const QString preflight = wizard->summaryPage()->preflightView()->toPlainText();
    QVERIFY2(preflight.contains(QStringLiteral("34 targeted, 30 will be updated")), qPrintable(preflight));
    QVERIFY2(preflight.contains(QStringLiteral("hardware class")), qPrintable(preflight));
    QVERIFY(saveScreenshot(wizard, QStringLiteral("dialog-rollouts-console-wizard-preflight")));
    wizard->createAndSubmitButton()->click();

    // Created through the outbox, then submitted once the server had it.
    const QString id = controller->lastCreatedId();
    QVERIFY(!id.isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(serverState(*m_scenario, id), v1::ROLLOUT_STATE_PENDING_APPROVAL, Wait);
    QCOMPARE(QString::fromStdString(m_scenario->get(id).rollout().name()), QStringLiteral("fw 1.2 canary"));

    // olga is an operator and the creator: she cannot approve, and the page says why.
    QTRY_COMPARE_WITH_TIMEOUT(olgaPage->pendingCount(), 1, Wait);
    olgaPage->setFilter(ui::RolloutsPage::WaitingForApproval);
    QVERIFY(olgaPage->selectRollout(id));
    QVERIFY(!olgaPage->approvalPane()->approveButton()->isEnabled());
    const QString why =
        QStringLiteral("You created this rollout; another approver must approve it (four-eyes).");
    QCOMPARE(olgaPage->approvalPane()->blockerText(), why);
    QCOMPARE(olgaPage->approvalPane()->approveButton()->toolTip(), why);
    QVERIFY(saveScreenshot(olga->window(), QStringLiteral("console-rollouts-queue-creator")));

    // abe, an approver at his own console, sees it waiting, with its pre-flight, and approves it.
    auto abe = m_fixture->startConsole(QStringLiteral("abe"));
    QTRY_VERIFY_WITH_TIMEOUT(abe->isOnline() && abe->session(), Wait);
    ui::RolloutsPage *abePage = abe->pages().rollouts;
    abe->window()->showPage(ui::MainWindow::Page::Rollouts);
    QTRY_COMPARE_WITH_TIMEOUT(abePage->pendingCount(), 1, Wait);
    abePage->setFilter(ui::RolloutsPage::WaitingForApproval);
    QVERIFY(abePage->selectRollout(id));
    QTRY_VERIFY_WITH_TIMEOUT(abePage->approvalPane()->approveButton()->isEnabled(), Wait);
    QTRY_VERIFY_WITH_TIMEOUT(
        abePage->approvalPane()->whatWillHappenHtml().contains(QStringLiteral("30 will be updated")), Wait);
    QVERIFY(saveScreenshot(abe->window(), QStringLiteral("console-rollouts-queue-approver")));
    abePage->approvalPane()->commentEdit()->setPlainText(QStringLiteral("canary looks right"));
    abePage->approvalPane()->approveButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(serverState(*m_scenario, id), v1::ROLLOUT_STATE_APPROVED, Wait);
    QCOMPARE(QString::fromStdString(m_scenario->get(id).rollout().approved().actor()), QStringLiteral("abe"));

    // olga starts it: the button follows the synced state, the confirmation names the rollout.
    olgaPage->setFilter(ui::RolloutsPage::AllRollouts);
    QVERIFY(olgaPage->selectRollout(id));
    QPushButton *start = olgaPage->actionBar()->button(models::RolloutAction::Start);
    QTRY_VERIFY_WITH_TIMEOUT(start->isEnabled(), Wait);
    start->click();
    ui::RolloutActionDialog *dialog = olgaPage->confirmationDialog();
    QVERIFY(dialog);
    QCOMPARE(dialog->headline(), QStringLiteral("Start 'fw 1.2 canary'?"));
    dialog->confirmButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(serverState(*m_scenario, id), v1::ROLLOUT_STATE_RUNNING, Wait);
    QCOMPARE(QString::fromStdString(m_scenario->get(id).rollout().started().actor()), QStringLiteral("olga"));
    QTRY_VERIFY_WITH_TIMEOUT(olgaPage->actionBar()->button(models::RolloutAction::Pause)->isEnabled(), Wait);
    QVERIFY(saveScreenshot(olga->window(), QStringLiteral("console-rollouts-running")));

    // A refused action (here: resuming a rollout that runs) is shown in words, in a box and the status bar.
    const qint64 revision = m_scenario->get(id).rollout().revision();
    emit olgaPage->actionRequested(models::RolloutAction::Resume, id, revision, QString());
    QMessageBox *box = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT(
        (box = olgaPage->findChild<QMessageBox *>(QStringLiteral("rolloutActionFailed"))) != nullptr, Wait);
    QVERIFY2(box->text().contains(QStringLiteral("it is RUNNING now")) &&
                 box->text().contains(QStringLiteral("only a rollout that is PAUSED")),
             qPrintable(box->text()));
    QCOMPARE(controller->lastMessage(), box->text());
    QVERIFY(saveScreenshot(box, QStringLiteral("dialog-rollouts-action-refused")));
    box->accept();
}

void ConsoleRolloutWizardTest::createOfflineSubmitsOnReconnect()
{
    OtterdHarness &otterd = m_fixture->otterd();
    auto olga = m_fixture->startConsole(QStringLiteral("olga"));
    QTRY_VERIFY_WITH_TIMEOUT(olga->isOnline() && olga->session(), Wait);
    QTRY_COMPARE_WITH_TIMEOUT(olga->session()->groupModel()->rowCount(), 1, Wait);

    // otterd goes away: the wizard still works from the cache and says the pre-flight needs the server.
    QVERIFY(otterd.stop());
    QTRY_VERIFY_WITH_TIMEOUT(!olga->isOnline(), Wait);
    console::RolloutController *controller = olga->session()->rolloutController();
    ui::RolloutWizard *wizard = controller->openWizard();
    QVERIFY(wizard->releasePage()->selectRelease(m_release.releaseId));
    wizard->releasePage()->nameEdit()->setText(QStringLiteral("fw 1.2 offline"));
    wizard->next();
    QVERIFY(wizard->targetsPage()->setGroupChecked(QStringLiteral("fleet"), true));
    for (int page = ui::RolloutWizard::TargetsPageId; page < ui::RolloutWizard::SummaryPageId; ++page)
        wizard->next();
    QVERIFY2(wizard->summaryPage()->statusText().contains(QStringLiteral("pre-flight needs the server")),
             qPrintable(wizard->summaryPage()->statusText()));
    wizard->createAndSubmitButton()->click();

    // The rollout waits in the outbox and shows on the page as a draft nothing can be done to yet.
    const QString id = controller->lastCreatedId();
    QTRY_COMPARE_WITH_TIMEOUT(olga->session()->outbox()->count(), 1, Wait);
    QVERIFY2(controller->lastMessage().contains(QStringLiteral("Offline")),
             qPrintable(controller->lastMessage()));
    ui::RolloutsPage *page = olga->pages().rollouts;
    QTRY_VERIFY_WITH_TIMEOUT(page->selectRollout(id), Wait);
    QVERIFY(!page->actionBar()->button(models::RolloutAction::Submit)->isEnabled());

    // otterd is back: the draft is created, then submitted for approval.
    QVERIFY2(otterd.restart(), qPrintable(otterd.error()));
    QTRY_VERIFY_WITH_TIMEOUT(olga->isOnline(), Wait);
    QTRY_COMPARE_WITH_TIMEOUT(serverState(*m_scenario, id), v1::ROLLOUT_STATE_PENDING_APPROVAL, Wait);
    QCOMPARE(QString::fromStdString(m_scenario->get(id).rollout().submitted().actor()),
             QStringLiteral("olga"));
    QTRY_COMPARE_WITH_TIMEOUT(olga->session()->outbox()->count(), 0, Wait);
}

QTEST_MAIN(ConsoleRolloutWizardTest)
#include "tst_console_rollout_wizard.moc"
