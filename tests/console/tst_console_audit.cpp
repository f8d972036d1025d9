// The audit page of the real console against a real otterd: audit entries made on the server are synced into
// the cache, the banner shows the chain intact with otterd's own verdict, filters count in SQL; then otterd
// stops and the exports still work from the cache: CSV, JSON Lines that verify against the head otterd
// reported, and the PDF report.
#include "app/console/audit_controller.h"
#include "app/console/console_session.h"
#include "console_fixture.h"
#include "core/audit_export.h"
#include "models/audit_log_model.h"
#include "otter/v1/audit.grpc.pb.h"
#include "otter/v1/groups.grpc.pb.h"
#include "ui/dialogs/audit_export_dialog.h"
#include "ui/pages/audit_chain_banner.h"
#include "ui/pages/audit_filter_bar.h"
#include "ui/pages/audit_page.h"
#include "ui/shell/main_window.h"
#include "ui/shell/offline_banner.h"

#include <QFile>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace otter;
using namespace otter::test;

namespace {

constexpr int Wait = 30000;
constexpr int Groups = 12;

bool createGroup(const OtterdHarness &otterd, const QString &name)
{
    auto stub = v1::GroupService::NewStub(otterd.channel());
    v1::CreateGroupRequest request;
    request.mutable_group()->set_name(name.toStdString());
    request.mutable_group()->set_filter("region == \"eu-west\"");
    v1::CreateGroupResponse response;
    auto context = otterd.as(QStringLiteral("olga"));
    return stub->CreateGroup(context.get(), request, &response).ok();
}

// The head of the whole log as otterd states it.
QString serverHead(const OtterdHarness &otterd, qint64 *seq)
{
    auto stub = v1::AuditService::NewStub(otterd.channel());
    v1::VerifyAuditChainRequest request;
    v1::VerifyAuditChainResponse response;
    auto context = otterd.as(QStringLiteral("vera"));
    if (!stub->VerifyAuditChain(context.get(), request, &response).ok())
        return {};
    *seq = response.head().seq();
    return QString::fromStdString(response.head().hash());
}

} // namespace

class ConsoleAuditTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void chainStatusOnlineThenExportsOffline();

private:
    std::unique_ptr<ConsoleFixture> m_fixture;
};

void ConsoleAuditTest::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    m_fixture = std::make_unique<ConsoleFixture>();
    QVERIFY2(m_fixture->otterd().start(), qPrintable(m_fixture->otterd().error()));
    m_fixture->otterd().provision(20, QStringLiteral("gw-200"), QStringLiteral("eu-west"));
    for (int i = 0; i < Groups; ++i)
        QVERIFY(createGroup(m_fixture->otterd(), QStringLiteral("Audit group %1").arg(i)));
}

void ConsoleAuditTest::chainStatusOnlineThenExportsOffline()
{
    OtterdHarness &otterd = m_fixture->otterd();
    qint64 headSeq = 0;
    const QString head = serverHead(otterd, &headSeq);
    QVERIFY(!head.isEmpty());
    QVERIFY(headSeq >= Groups);

    auto console = m_fixture->startConsole(QStringLiteral("olga"));
    ui::MainWindow *window = console->window();
    QTRY_VERIFY_WITH_TIMEOUT(console->isOnline(), Wait);
    console::AuditController *audit = console->session()->auditController();
    models::AuditLogModel *model = console->session()->auditModel();
    ui::AuditPage *page = console->pages().audit;
    QVERIFY(audit && model && page);

    // Synced, checked here, and confirmed by otterd: the banner names the entries and the head.
    QTRY_COMPARE_WITH_TIMEOUT(model->totalCount(), headSeq, Wait);
    const QString intact =
        QStringLiteral("Chain intact — %1 entries, head %2…").arg(QLocale().toString(headSeq), head.left(8));
    QTRY_COMPARE_WITH_TIMEOUT(page->chainStatusText(), intact, Wait);
    QTRY_VERIFY_WITH_TIMEOUT(page->chainBanner()->detail().contains(QStringLiteral("otterd verified")), Wait);
    QCOMPARE(audit->chainStatus().state, models::AuditChainStatus::State::Intact);
    QVERIFY(page->chainBanner()->detail().contains(QStringLiteral("Cache synced")));

    // The operator's own entries, counted in SQL.
    QCOMPARE(audit->applyFilter({{}, {}, QStringLiteral("olga"), QStringLiteral("group"), {}}), QString());
    QTRY_COMPARE_WITH_TIMEOUT(model->matchingCount(), qint64(Groups), Wait);
    QTRY_VERIFY_WITH_TIMEOUT(page->countsText().startsWith(QStringLiteral("%1 of").arg(Groups)), Wait);
    QCOMPARE(page->filterBar()->actorEdit()->text(), QStringLiteral("olga"));
    window->showPage(ui::MainWindow::Page::Audit);
    QVERIFY(saveScreenshot(window, QStringLiteral("console-audit-online")));

    // otterd goes away; everything below comes from the cache.
    QVERIFY(otterd.stop());
    QTRY_VERIFY_WITH_TIMEOUT(window->offlineBanner()->isOffline(), Wait);
    QTRY_VERIFY_WITH_TIMEOUT(page->chainBanner()->detail().contains(QStringLiteral("not available offline")),
                             Wait);
    QCOMPARE(page->chainStatusText(), intact);

    QTemporaryDir out;
    QSignalSpy finished(audit, &console::AuditController::exportFinished);
    QVERIFY(finished.isValid());

    // CSV honours the filter.
    const QString csv = out.filePath(QStringLiteral("olga-groups.csv"));
    QVERIFY(audit->exportTo(models::AuditExportFormat::Csv, csv));
    QVERIFY(!audit->exportTo(models::AuditExportFormat::Csv, csv)); // one export at a time
    QVERIFY(finished.wait(Wait));
    auto outcome = finished.takeFirst().first().value<models::AuditExportOutcome>();
    QVERIFY2(outcome.ok, qPrintable(outcome.message));
    QCOMPARE(outcome.entries, qint64(Groups));
    QFile csvFile(csv);
    QVERIFY(csvFile.open(QIODevice::ReadOnly));
    QCOMPARE(csvFile.readAll().count("\r\n"), Groups + 1);

    // JSON Lines hold the whole chain and verify against the head otterd reported while online.
    const QString jsonl = out.filePath(QStringLiteral("audit.jsonl"));
    QVERIFY(audit->exportTo(models::AuditExportFormat::JsonLines, jsonl));
    QVERIFY(finished.wait(Wait));
    outcome = finished.takeFirst().first().value<models::AuditExportOutcome>();
    QVERIFY2(outcome.ok, qPrintable(outcome.message));
    QCOMPARE(outcome.entries, headSeq);
    QCOMPARE(outcome.chainHead, head);
    QFile jsonlFile(jsonl);
    QVERIFY(jsonlFile.open(QIODevice::ReadOnly));
    AuditExportOptions options;
    options.start = AuditChainStart::genesis();
    options.expectedHead = QByteArray::fromHex(head.toLatin1());
    const AuditExportVerification verified = AuditExport::verify(&jsonlFile, options);
    QVERIFY2(verified.ok(), qPrintable(verified.summary()));
    QVERIFY(verified.trailer && verified.trailer->syncedAt.isValid());

    // The PDF report, through the dialog as the operator would.
    audit->openExportDialog(models::AuditExportFormat::Pdf);
    ui::AuditExportDialog *dialog = audit->exportDialog();
    QVERIFY(dialog && dialog->isVisible());
    const QString pdf = out.filePath(QStringLiteral("report.pdf"));
    dialog->setPath(pdf);
    dialog->exportButton()->click();
    QVERIFY(finished.wait(Wait));
    outcome = finished.takeFirst().first().value<models::AuditExportOutcome>();
    QVERIFY2(outcome.ok, qPrintable(outcome.message));
    QVERIFY(dialog->outcomeText().contains(QStringLiteral("PDF report written")));
    QFile pdfFile(pdf);
    QVERIFY(pdfFile.open(QIODevice::ReadOnly));
    QVERIFY(pdfFile.read(5) == "%PDF-");
    QVERIFY(saveScreenshot(dialog, QStringLiteral("console-audit-export-offline")));
    dialog->close();
}

QTEST_MAIN(ConsoleAuditTest)
#include "tst_console_audit.moc"
