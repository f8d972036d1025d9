// The operators' whole job, end to end, headless: a real otterd and a real otter-sim fleet of 600 devices;
// olga uploads a release through the console and creates a rollout with the wizard; she cannot approve it;
// abe approves it from his own console; olga starts it and watches the live charts fill until it completes.
// A second release, whose trial boots fail on every device, auto-pauses in stage 1 and the console shows the
// reason. Then otterd stops and olga exports the audit log from her cache: the JSON Lines export verifies
// with `otter-sign audit-verify`, the CSV parses with Python's csv module, and `pdftotext` finds both
// rollouts in the PDF compliance report.
#include "app/console/audit_controller.h"
#include "app/console/console_session.h"
#include "app/console/release_controller.h"
#include "app/console/rollout_controller.h"
#include "app/console/rollout_detail_controller.h"
#include "console_fixture.h"
#include "models/audit_exporter.h"
#include "models/trusted_key_list_model.h"
#include "otter/v1/identity.grpc.pb.h"
#include "release_fixtures.h"
#include "rollout_fixtures.h"
#include "ui/dialogs/release_check_panel.h"
#include "ui/dialogs/release_upload_dialog.h"
#include "ui/dialogs/rollout_action_dialog.h"
#include "ui/dialogs/rollout_wizard.h"
#include "ui/dialogs/rollout_wizard_release_page.h"
#include "ui/dialogs/rollout_wizard_stages_page.h"
#include "ui/dialogs/rollout_wizard_summary_page.h"
#include "ui/dialogs/rollout_wizard_targets_page.h"
#include "ui/pages/releases_page.h"
#include "ui/pages/rollout_action_bar.h"
#include "ui/pages/rollout_approval_pane.h"
#include "ui/pages/rollout_detail_header.h"
#include "ui/pages/rollout_detail_view.h"
#include "ui/pages/rollout_event_list.h"
#include "ui/pages/rollouts_page.h"
#include "ui/pages/timeline_chart.h"
#include "ui/shell/main_window.h"

#include <QAbstractButton>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>

#include <csignal>
#include <optional>

using namespace otter;
using namespace otter::test;

namespace {

constexpr int Wait = 60000;
constexpr int RolloutWait = 300000;
constexpr int FleetSize = 600;

QString toolPath(const char *variable, const QString &fallback)
{
    return qEnvironmentVariable(variable, fallback);
}

// Runs a stock or project tool to its end; its standard output, or a failure naming the tool.
struct ToolRun
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

ToolRun runTool(const QString &program, const QStringList &arguments)
{
    QProcess process;
    process.start(program, arguments);
    ToolRun run;
    if (!process.waitForFinished(120000) || process.exitStatus() != QProcess::NormalExit)
        return run;
    run.exitCode = process.exitCode();
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

// The server's global revision, as the viewer sees it.
qint64 serverRevision(const OtterdHarness &otterd)
{
    auto stub = v1::IdentityService::NewStub(otterd.channel());
    v1::WhoAmIRequest request;
    v1::WhoAmIResponse response;
    auto context = otterd.as(QStringLiteral("vera"));
    return stub->WhoAmI(context.get(), request, &response).ok() ? response.current_revision() : -1;
}

// Selects the rollout in the approval queue once the console's cache has it waiting for approval
// (selectRollout() falls back to the list of all rollouts while it is not).
bool selectInQueue(ui::RolloutsPage *page, const QString &id)
{
    page->setFilter(ui::RolloutsPage::WaitingForApproval);
    return page->selectRollout(id) && page->filter() == ui::RolloutsPage::WaitingForApproval;
}

v1::RolloutState serverState(RolloutScenario &scenario, const QString &id)
{
    return scenario.get(id).rollout().state();
}

} // namespace

class ConsoleRolloutEndToEndTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void releaseToCompletedRollout();
    void failingReleaseAutoPauses();
    void auditExportsVerifyOffline();

private:
    void startFleet();
    QString uploadThroughConsole(console::ConsoleApp &console, const QString &version,
                                 qint64 securityVersion);
    QString createWithWizard(console::ConsoleApp &console, const QString &releaseId, const QString &name);
    void approveAs(console::ConsoleApp &approver, const QString &id);
    void startAs(console::ConsoleApp &console, const QString &id);

    std::unique_ptr<ConsoleFixture> m_fixture;
    std::unique_ptr<RolloutScenario> m_scenario;
    std::unique_ptr<console::ConsoleApp> m_olga;
    std::unique_ptr<console::ConsoleApp> m_abe;
    QTemporaryDir m_scratch;
    std::optional<TestKey> m_key;
    QProcess m_sim;
    QByteArray m_simOut;
    QString m_goodRollout;
    QString m_badRollout;
};

void ConsoleRolloutEndToEndTest::initTestCase()
{
    QVERIFY(m_scratch.isValid());
    m_fixture = std::make_unique<ConsoleFixture>();
    OtterdHarness &otterd = m_fixture->otterd();
    QVERIFY2(otterd.start(), qPrintable(otterd.error()));
    m_scenario = std::make_unique<RolloutScenario>(otterd);
    // The release key is trusted by the administrator (ada) beforehand, as in any real deployment.
    m_key = newTestKey();
    QVERIFY(trustKey(otterd, *m_key, QStringLiteral("release-ci")).ok());
    QVERIFY(m_scenario->createGroup(QStringLiteral("fleet"), QStringLiteral(R"(region == "e2e")")).ok());
    startFleet();

    m_olga = m_fixture->startConsole(QStringLiteral("olga"));
    m_abe = m_fixture->startConsole(QStringLiteral("abe"));
    QTRY_VERIFY_WITH_TIMEOUT(m_olga->isOnline() && m_olga->session(), Wait);
    QTRY_VERIFY_WITH_TIMEOUT(m_abe->isOnline() && m_abe->session(), Wait);
    // The console checks a bundle against the trusted keys in its cache: wait until the first sync brought
    // it.
    QTRY_COMPARE_WITH_TIMEOUT(m_olga->session()->releaseController()->keyModel()->rowCount(), 1, Wait);
}

void ConsoleRolloutEndToEndTest::cleanupTestCase()
{
    if (m_sim.state() != QProcess::NotRunning) {
        ::kill(pid_t(m_sim.processId()), SIGTERM);
        m_sim.waitForFinished(60000);
    }
    m_olga.reset();
    m_abe.reset();
}

// otter-sim, the binary operators run, with every trial boot of 1.2.0 failing (the "bad" release).
void ConsoleRolloutEndToEndTest::startFleet()
{
    OtterdHarness &otterd = m_fixture->otterd();
    const QString keyPath =
        writeFile(m_scratch.filePath(QStringLiteral("release.pub.pem")), m_key->publicPem);
    const QString caPath = writeFile(m_scratch.filePath(QStringLiteral("ca.pem")), otterd.caPem());
    const auto tokens = otterd.provision(FleetSize, QStringLiteral("gw-200"), QStringLiteral("e2e"));
    QCOMPARE(tokens.size(), FleetSize);
    QByteArray csv = "id,token\n";
    for (auto it = tokens.begin(); it != tokens.end(); ++it)
        csv += it.key().toUtf8() + ',' + it.value().toUtf8() + '\n';
    const QString credentials = writeFile(m_scratch.filePath(QStringLiteral("fleet.csv")), csv);

    m_sim.setProcessChannelMode(QProcess::SeparateChannels);
    endWithTest(m_sim);
    m_sim.start(toolPath("OTTER_SIM", QStringLiteral("otter-sim")),
                {QStringLiteral("run"), QStringLiteral("--server"), otterd.address(), QStringLiteral("--ca"),
                 caPath, QStringLiteral("--provision"), credentials, QStringLiteral("--state"),
                 m_scratch.filePath(QStringLiteral("fleet.db")), QStringLiteral("--trust"), keyPath,
                 QStringLiteral("--region"), QStringLiteral("e2e"), QStringLiteral("--boot-fail"),
                 QStringLiteral("1.2.0=1"), QStringLiteral("--summary-interval"), QStringLiteral("1"),
                 QStringLiteral("--seed"), QStringLiteral("11")});
    QVERIFY(m_sim.waitForStarted());
    const QByteArray allIn = QByteArray::number(FleetSize) + " checked in";
    QVERIFY2(waitFor(
                 [&] {
                     m_sim.waitForReadyRead(100);
                     m_simOut += m_sim.readAllStandardOutput();
                     return m_simOut.contains(allIn) || m_sim.state() == QProcess::NotRunning;
                 },
                 Wait) &&
                 m_simOut.contains(allIn),
             m_sim.readAllStandardError().constData());
}

QString ConsoleRolloutEndToEndTest::uploadThroughConsole(console::ConsoleApp &console, const QString &version,
                                                         qint64 securityVersion)
{
    ReleaseSpec spec;
    spec.version = version;
    spec.securityVersion = securityVersion;
    spec.imageSize = 48 * 1024 + 100;
    spec.seed = quint32(qHash(version));
    const SignedRelease release = makeRelease(m_scratch.filePath(version), *m_key, spec);

    console::ReleaseController *controller = console.session()->releaseController();
    console.window()->showPage(ui::MainWindow::Page::Releases);
    console.pages().releases->uploadButton()->click();
    ui::ReleaseUploadDialog *dialog = controller->uploadDialog();
    if (!dialog)
        return {};
    dialog->setBundlePath(release.bundlePath);
    dialog->verifyButton()->click();
    if (!QTest::qWaitFor([&] { return dialog->state() == ui::ReleaseUploadDialog::State::Checked; }, Wait)) {
        qWarning("local check: %s", qPrintable(dialog->checkPanel()->verdictText()));
        return {};
    }
    dialog->uploadButton()->click();
    if (!QTest::qWaitFor([&] { return dialog->state() == ui::ReleaseUploadDialog::State::Uploaded; }, Wait)) {
        qWarning("upload: %s", qPrintable(dialog->outcomeText()));
        return {};
    }
    dialog->cancelButton()->click(); // Close
    return release.releaseId;
}

QString ConsoleRolloutEndToEndTest::createWithWizard(console::ConsoleApp &console, const QString &releaseId,
                                                     const QString &name)
{
    console.window()->showPage(ui::MainWindow::Page::Rollouts);
    console::RolloutController *controller = console.session()->rolloutController();
    // The release reached the cache through sync before the wizard can offer it.
    ui::RolloutWizard *wizard = nullptr;
    if (!QTest::qWaitFor(
            [&] {
                wizard = controller->openWizard();
                if (wizard->releasePage()->selectRelease(releaseId))
                    return true;
                wizard->reject();
                return false;
            },
            Wait))
        return {};
    wizard->releasePage()->nameEdit()->setText(name);
    wizard->next();
    if (!wizard->targetsPage()->setGroupChecked(QStringLiteral("fleet"), true))
        return {};
    wizard->next(); // window: none, installs at any time
    wizard->next();
    // Two stages instead of five keep the run short: 10 %, then everyone.
    ui::RolloutWizardStagesPage *stages = wizard->stagesPage();
    while (stages->stageCount() > 2)
        stages->removeStage(stages->stageCount() - 1);
    stages->setStage(0, 10, 0, 90);
    stages->setStage(1, 100, 0, 90);
    if (!stages->isComplete()) {
        qWarning("stages refused: %s", qPrintable(stages->problemText()));
        return {};
    }
    wizard->next();
    wizard->next();
    if (!QTest::qWaitFor([&] { return wizard->summaryPage()->hasPreview(); }, Wait))
        return {};
    const QString preflight = wizard->summaryPage()->preflightView()->toPlainText();
    if (!preflight.contains(QStringLiteral("%1 targeted, %1 will be updated").arg(FleetSize))) {
        qWarning("pre-flight: %s", qPrintable(preflight));
        return {};
    }
    wizard->createAndSubmitButton()->click();
    const QString id = controller->lastCreatedId();
    if (id.isEmpty() ||
        !QTest::qWaitFor([&] { return serverState(*m_scenario, id) == v1::ROLLOUT_STATE_PENDING_APPROVAL; },
                         Wait))
        return {};
    return id;
}

void ConsoleRolloutEndToEndTest::approveAs(console::ConsoleApp &approver, const QString &id)
{
    ui::RolloutsPage *page = approver.pages().rollouts;
    approver.window()->showPage(ui::MainWindow::Page::Rollouts);
    QTRY_VERIFY_WITH_TIMEOUT(selectInQueue(page, id), Wait);
    QTRY_VERIFY_WITH_TIMEOUT(page->approvalPane()->approveButton()->isEnabled(), Wait);
    page->approvalPane()->commentEdit()->setPlainText(QStringLiteral("pre-flight checked"));
    page->approvalPane()->approveButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(serverState(*m_scenario, id), v1::ROLLOUT_STATE_APPROVED, Wait);
}

void ConsoleRolloutEndToEndTest::startAs(console::ConsoleApp &console, const QString &id)
{
    ui::RolloutsPage *page = console.pages().rollouts;
    page->setFilter(ui::RolloutsPage::AllRollouts);
    QTRY_VERIFY_WITH_TIMEOUT(page->selectRollout(id), Wait);
    QPushButton *start = page->actionBar()->button(models::RolloutAction::Start);
    QTRY_VERIFY_WITH_TIMEOUT(start->isEnabled(), Wait);
    start->click();
    QVERIFY(page->confirmationDialog());
    page->confirmationDialog()->confirmButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(serverState(*m_scenario, id), v1::ROLLOUT_STATE_RUNNING, Wait);
}

void ConsoleRolloutEndToEndTest::releaseToCompletedRollout()
{
    const QString releaseId = uploadThroughConsole(*m_olga, QStringLiteral("1.1.0"), 2);
    QVERIFY(!releaseId.isEmpty());
    m_goodRollout = createWithWizard(*m_olga, releaseId, QStringLiteral("fw 1.1.0 wave"));
    QVERIFY(!m_goodRollout.isEmpty());

    // Four-eyes: olga created it, so her approve button is disabled and says why.
    ui::RolloutsPage *olgaPage = m_olga->pages().rollouts;
    QTRY_VERIFY_WITH_TIMEOUT(selectInQueue(olgaPage, m_goodRollout), Wait);
    QTRY_COMPARE_WITH_TIMEOUT(
        olgaPage->approvalPane()->blockerText(),
        QStringLiteral("You created this rollout; another approver must approve it (four-eyes)."), Wait);
    QVERIFY(!olgaPage->approvalPane()->approveButton()->isEnabled());

    approveAs(*m_abe, m_goodRollout);
    if (QTest::currentTestFailed())
        return;
    startAs(*m_olga, m_goodRollout);
    if (QTest::currentTestFailed())
        return;

    // The rollout detail follows it live; the charts get points as devices finish.
    console::RolloutDetailController *detail = m_olga->session()->rolloutDetailController();
    detail->open(m_goodRollout);
    QTRY_VERIFY_WITH_TIMEOUT(detail->view() && detail->view()->outcomeChart()->pointCount(
                                                   ui::RolloutDetailView::SucceededLine) > 1,
                             Wait);
    QTRY_COMPARE_WITH_TIMEOUT(serverState(*m_scenario, m_goodRollout), v1::ROLLOUT_STATE_COMPLETED,
                              RolloutWait);
    const v1::GetRolloutResponse done = m_scenario->get(m_goodRollout);
    QCOMPARE(done.progress().total().succeeded(), quint64(FleetSize));
    // The view converges on the server's final counters: the last point of "succeeded" is the whole fleet.
    QTRY_VERIFY_WITH_TIMEOUT(
        detail->view()->rollout() && detail->view()->rollout()->state == QStringLiteral("COMPLETED"), Wait);
    QTRY_COMPARE_WITH_TIMEOUT(
        detail->view()->outcomeChart()->line(ui::RolloutDetailView::SucceededLine)->points().last().y(),
        double(FleetSize), Wait);
    QVERIFY(saveScreenshot(detail->view()->window(), QStringLiteral("e2e-rollout-detail-completed")));
}

void ConsoleRolloutEndToEndTest::failingReleaseAutoPauses()
{
    const QString releaseId = uploadThroughConsole(*m_olga, QStringLiteral("1.2.0"), 3);
    QVERIFY(!releaseId.isEmpty());
    m_badRollout = createWithWizard(*m_olga, releaseId, QStringLiteral("fw 1.2.0 wave"));
    QVERIFY(!m_badRollout.isEmpty());
    approveAs(*m_abe, m_badRollout);
    if (QTest::currentTestFailed())
        return;
    startAs(*m_olga, m_badRollout);
    if (QTest::currentTestFailed())
        return;

    console::RolloutDetailController *detail = m_olga->session()->rolloutDetailController();
    detail->open(m_badRollout);
    QTRY_COMPARE_WITH_TIMEOUT(serverState(*m_scenario, m_badRollout), v1::ROLLOUT_STATE_PAUSED, RolloutWait);
    const v1::GetRolloutResponse paused = m_scenario->get(m_badRollout);
    QVERIFY(paused.rollout().auto_paused());
    QCOMPARE(paused.rollout().current_stage(), 0u); // never reached stage 2
    QCOMPARE(paused.progress().stages(1).counts().downloading() +
                 paused.progress().stages(1).counts().succeeded() +
                 paused.progress().stages(1).counts().failed() +
                 paused.progress().stages(1).counts().rolled_back(),
             quint64(0));
    const QString reason = QString::fromStdString(paused.rollout().paused().comment());
    QVERIFY2(reason.startsWith(QStringLiteral("auto-paused:")), qPrintable(reason));

    // The console shows the reason in the rollout's header and in its event list.
    ui::RolloutDetailView *view = detail->view();
    QTRY_VERIFY_WITH_TIMEOUT(view->header()->pauseReasonShown(), Wait);
    QVERIFY2(view->header()->pauseReasonLabel()->text().contains(reason),
             qPrintable(view->header()->pauseReasonLabel()->text()));
    bool listed = false;
    for (int row = 0; row < view->eventList()->rowCount(); ++row)
        listed = listed || view->eventList()->messageText(row) == reason;
    QVERIFY(listed);
    QVERIFY(saveScreenshot(view->window(), QStringLiteral("e2e-rollout-detail-auto-paused")));
}

void ConsoleRolloutEndToEndTest::auditExportsVerifyOffline()
{
    // The cache has the whole chain once olga's console is synced to the server's revision; then otterd
    // goes away and every export is made offline.
    ::kill(pid_t(m_sim.processId()), SIGTERM);
    QVERIFY(m_sim.waitForFinished(Wait));
    const qint64 revision = serverRevision(m_fixture->otterd());
    QVERIFY(revision > 0);
    QTRY_VERIFY_WITH_TIMEOUT(m_olga->session()->cacheRevision() >= revision, Wait);
    QVERIFY(m_fixture->otterd().stop());
    QTRY_VERIFY_WITH_TIMEOUT(!m_olga->isOnline(), Wait);
    console::AuditController *audit = m_olga->session()->auditController();

    const auto exportAs = [&](models::AuditExportFormat format, const QString &name) {
        const QString path = m_scratch.filePath(name);
        QSignalSpy finished(audit, &console::AuditController::exportFinished);
        if (!audit->exportTo(format, path) || !finished.wait(Wait))
            return QString();
        const auto outcome = finished.first().first().value<models::AuditExportOutcome>();
        return outcome.ok ? path : QString();
    };

    const QString jsonl = exportAs(models::AuditExportFormat::JsonLines, QStringLiteral("audit.jsonl"));
    QVERIFY(!jsonl.isEmpty());
    const ToolRun verified = runTool(toolPath("OTTER_SIGN", QStringLiteral("otter-sign")),
                                     {QStringLiteral("audit-verify"), jsonl});
    QVERIFY2(verified.exitCode == 0, (verified.out + verified.err).constData());

    const QString csv = exportAs(models::AuditExportFormat::Csv, QStringLiteral("audit.csv"));
    QVERIFY(!csv.isEmpty());
    // Python's csv module reads it back: a header, one row per entry, both rollouts' starts in it.
    const ToolRun parsed =
        runTool(QStringLiteral("/usr/bin/python3"),
                {QStringLiteral("-c"),
                 QStringLiteral("import csv,sys\n"
                                "rows=list(csv.reader(open(sys.argv[1],newline='',encoding='utf-8')))\n"
                                "text=' '.join(' '.join(r) for r in rows)\n"
                                "print(len(rows)-1, all(len(r)==len(rows[0]) for r in rows), "
                                "sys.argv[2] in text, sys.argv[3] in text)\n"),
                 csv, m_goodRollout, m_badRollout});
    QCOMPARE(parsed.exitCode, 0);
    const QList<QByteArray> facts = parsed.out.trimmed().split(' ');
    QCOMPARE(facts.size(), 4);
    QVERIFY2(facts.at(0).toInt() > 10, parsed.out.constData());
    QCOMPARE(facts.mid(1), (QList<QByteArray>{"True", "True", "True"}));

    const QString pdf = exportAs(models::AuditExportFormat::Pdf, QStringLiteral("audit.pdf"));
    QVERIFY(!pdf.isEmpty());
    const ToolRun text = runTool(QStringLiteral("pdftotext"), {pdf, QStringLiteral("-")});
    QCOMPARE(text.exitCode, 0);
    QVERIFY2(text.out.contains("fw 1.1.0 wave"), text.out.left(2000).constData());
    QVERIFY2(text.out.contains("fw 1.2.0 wave"), text.out.left(2000).constData());
}

QTEST_MAIN(ConsoleRolloutEndToEndTest)
#include "tst_console_rollout_e2e.moc"
