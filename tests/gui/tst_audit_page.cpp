// The audit page over a real cache: filter fields send a filter after typing settles, counts and the chain
// banner read as the operator sees them (intact and broken), and the export dialog states what the export
// holds and how current it is. Writes page-audit-*.png and dialog-audit-*.png to OTTER_SCREENSHOT_DIR.
#include "tests/models/audit_cache_fixture.h"

#include "models/audit_log_model.h"
#include "ui/dialogs/audit_export_dialog.h"
#include "ui/pages/audit_chain_banner.h"
#include "ui/pages/audit_filter_bar.h"
#include "ui/pages/audit_page.h"

#include <QApplication>
#include <QCheckBox>
#include <QDateTimeEdit>
#include <QDir>
#include <QLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStyleFactory>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace otter;
using namespace otter::models;
using namespace otter::models::test;
using namespace otter::ui;

namespace {

bool saveShot(QWidget *widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("OTTER_SCREENSHOT_DIR", QStringLiteral(OTTER_SCREENSHOT_DIR));
    QDir().mkpath(dir);
    // Widgets that just appeared (progress, outcome) resize the dialog when its layout next runs.
    if (widget->layout())
        widget->layout()->activate();
    return widget->grab().save(QDir(dir).filePath(name + u".png"_s));
}

AuditChainStatus intactStatus()
{
    return describeAuditChain(
        {AuditChainCheck{120,
                         120,
                         u"3f9a1c2d5e"_s + QString(54, u'7'),
                         false,
                         -1,
                         {},
                         {},
                         false,
                         QDateTime::currentDateTimeUtc()},
         false,
         AuditServerVerdict{
             true, 120, 0, {}, 120, u"3f9a1c2d5e"_s + QString(54, u'7'), QDateTime::currentDateTimeUtc()},
         {},
         QDateTime::currentDateTimeUtc().addSecs(-90)});
}

AuditChainStatus brokenStatus()
{
    AuditChainCheck check{81,   81,    QString(64, u'a'),
                          true, 82,    u"hash does not match its contents (the entry was changed)"_s,
                          {},   false, {}};
    return describeAuditChain({check, false, std::nullopt, u"not available offline"_s,
                               QDateTime::currentDateTimeUtc().addSecs(-3600)});
}

} // namespace

class TestAuditPage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void filterFieldsSendAFilterWhenTypingSettles();
    void rangeEndingBeforeItStartsIsShown();
    void bannerSaysIntactOrBroken();
    void exportDialogStatesScopeAndOutcome();

private:
    QTemporaryDir m_dir;
    CacheDatabase m_database;
};

void TestAuditPage::initTestCase()
{
    QApplication::setStyle(QStyleFactory::create(u"Fusion"_s));
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QVERIFY(m_database.open(m_dir.filePath(u"cache.db"_s)).ok());
    QVERIFY(storeAudit(m_database, sealedAuditRecords(120)).ok());
}

void TestAuditPage::filterFieldsSendAFilterWhenTypingSettles()
{
    AuditPage page;
    AuditLogModel model(m_database);
    page.setModel(&model);
    page.resize(1280, 720);
    page.show();
    QSignalSpy requested(&page, &AuditPage::filterRequested);
    QVERIFY(requested.isValid());
    QTest::keyClicks(page.filterBar()->actorEdit(), u"olga"_s);
    QTest::keyClicks(page.filterBar()->actionEdit(), u"rollout"_s);
    QVERIFY(requested.wait(5000));
    QCOMPARE(requested.count(), 1); // one filter after the typing settled, not one per key
    const auto filter = requested.first().first().value<AuditFilter>();
    QCOMPARE(filter.actor, u"olga"_s);
    QCOMPARE(filter.action, u"rollout"_s);
    QVERIFY(!filter.from.isValid());

    QSignalSpy counts(&model, &AuditLogModel::countsChanged);
    QCOMPARE(model.setFilter(filter), QString());
    QVERIFY(counts.wait(10000));
    page.setCounts(model.matchingCount(), model.totalCount());
    // olga is seq % 4 == 0, rollout actions seq % 5 != 4: 30 minus the 6 at seq ≡ 4 (mod 20).
    QCOMPARE(page.countsText(), u"24 of 120 entries match the filter"_s);
    QCOMPARE(page.listView()->model()->index(0, AuditLogModel::Actor).data().toString(), u"olga"_s);

    page.filterBar()->fromCheck()->setChecked(true);
    page.filterBar()->fromEdit()->setDateTime(auditBaseTime().addSecs(3600).toLocalTime());
    QTest::keyClick(page.filterBar()->actorEdit(), Qt::Key_Return); // Enter applies at once
    QCOMPARE(requested.count(), 2);
    QCOMPARE(requested.last().first().value<AuditFilter>().from, auditBaseTime().addSecs(3600));
    page.listView()->selectRow(0);
    page.setChainStatus(intactStatus());
    QVERIFY(saveShot(&page, u"page-audit-filtered"_s));
}

void TestAuditPage::rangeEndingBeforeItStartsIsShown()
{
    AuditPage page;
    AuditLogModel model(m_database);
    page.setModel(&model);
    const QString problem = model.setFilter({auditBaseTime(), auditBaseTime().addSecs(-60), {}, {}, {}});
    QVERIFY(!problem.isEmpty());
    page.filterBar()->showProblem(problem);
    QVERIFY(page.filterBar()->problem().contains(u"must be after its start"_s));
}

void TestAuditPage::bannerSaysIntactOrBroken()
{
    AuditPage page;
    AuditLogModel model(m_database);
    page.setModel(&model);
    page.resize(1280, 720);
    page.show();
    QSignalSpy counts(&model, &AuditLogModel::countsChanged);
    QVERIFY(counts.wait(10000));
    page.setCounts(model.matchingCount(), model.totalCount());
    QCOMPARE(page.countsText(), u"120 entries"_s);

    page.setChainStatus(intactStatus());
    QCOMPARE(page.chainStatusText(), u"Chain intact — 120 entries, head 3f9a1c2d…"_s);
    QCOMPARE(page.chainBanner()->state(), AuditChainStatus::State::Intact);
    QVERIFY(page.chainBanner()->detail().contains(u"otterd verified 120 entries"_s));
    QVERIFY(saveShot(&page, u"page-audit-intact"_s));

    page.setChainStatus(brokenStatus());
    QCOMPARE(page.chainStatusText(),
             u"Chain broken at entry 82: hash does not match its contents (the entry was changed)"_s);
    QCOMPARE(page.chainBanner()->state(), AuditChainStatus::State::Broken);
    QVERIFY(page.chainBanner()->detail().contains(u"not available offline"_s));
    QSignalSpy verify(&page, &AuditPage::verifyRequested);
    page.chainBanner()->verifyButton()->click();
    QCOMPARE(verify.count(), 1);
    QVERIFY(saveShot(&page, u"page-audit-broken"_s));
}

void TestAuditPage::exportDialogStatesScopeAndOutcome()
{
    AuditExportDialog dialog;
    const QDateTime synced = QDateTime::currentDateTimeUtc().addSecs(-120);
    dialog.setScope(AuditFilter{{}, {}, u"olga"_s, u"rollout"_s, {}}, 24, 120, synced);
    dialog.setPath(m_dir.filePath(u"audit.csv"_s));
    dialog.show();
    QVERIFY(dialog.scopeText().contains(u"actor olga, action rollout.*"_s));
    QVERIFY(dialog.scopeText().contains(u"24 entries"_s));
    QVERIFY(saveShot(&dialog, u"dialog-audit-export"_s));

    dialog.setFormat(AuditExportFormat::JsonLines);
    QVERIFY(dialog.scopeText().contains(u"cannot be verified"_s));
    QVERIFY(dialog.scopeText().contains(u"120 entries"_s));
    QVERIFY(dialog.path().endsWith(u"audit.jsonl"_s)); // the extension follows the format
    QSignalSpy requested(&dialog, &AuditExportDialog::exportRequested);
    dialog.exportButton()->click();
    QCOMPARE(requested.count(), 1);
    QCOMPARE(requested.first().at(0).value<AuditExportFormat>(), AuditExportFormat::JsonLines);

    dialog.setRunning(true);
    dialog.setProgress(45000, 120000);
    QVERIFY(!dialog.exportButton()->isEnabled());
    QVERIFY(saveShot(&dialog, u"dialog-audit-export-running"_s));
    QSignalSpy cancelled(&dialog, &AuditExportDialog::cancelRequested);
    dialog.reject(); // Escape or "Cancel Export" while running cancels the export, not the dialog
    QCOMPARE(cancelled.count(), 1);
    QVERIFY(dialog.isVisible());

    dialog.showOutcome(false,
                       u"The export to /mnt/usb/audit.jsonl failed: the file cannot be created there "
                       u"(Permission denied); choose a folder you can write to. No file was written."_s);
    QVERIFY(dialog.outcomeText().contains(u"No file was written"_s));
    QVERIFY(saveShot(&dialog, u"dialog-audit-export-error"_s));
}

QTEST_MAIN(TestAuditPage)
#include "tst_audit_page.moc"
