// The whole console uploading a release against a real otterd: the Releases page's Upload Release… opens
// the dialog, the local check verifies a real signed bundle against the synced trusted keys, the upload
// stores it and the synced list shows it with its signer trusted; a tampered bundle is refused before
// sending, naming the check; an operator cannot manage keys (the buttons say why).
#include "app/console/console_session.h"
#include "app/console/release_controller.h"
#include "console_fixture.h"
#include "core/release_precheck.h"
#include "models/trusted_key_list_model.h"
#include "release_fixtures.h"
#include "ui/dialogs/release_check_panel.h"
#include "ui/dialogs/release_upload_dialog.h"
#include "ui/pages/releases_page.h"
#include "ui/pages/trusted_keys_pane.h"

#include <QPushButton>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>

using namespace otter;
using namespace otter::test;

namespace {

constexpr int Wait = 60000;

} // namespace

class ConsoleReleaseUploadTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void uploadThroughTheDialog();

private:
    std::unique_ptr<ConsoleFixture> m_fixture;
    QTemporaryDir m_scratch;
};

void ConsoleReleaseUploadTest::initTestCase()
{
    m_fixture = std::make_unique<ConsoleFixture>();
    QVERIFY2(m_fixture->otterd().start(), qPrintable(m_fixture->otterd().error()));
}

void ConsoleReleaseUploadTest::uploadThroughTheDialog()
{
    const TestKey key = newTestKey();
    QVERIFY(trustKey(m_fixture->otterd(), key, QStringLiteral("ci-release")).ok());
    ReleaseSpec spec;
    spec.version = QStringLiteral("2.5.0");
    spec.securityVersion = 8;
    spec.imageSize = 8 << 20;
    QDir().mkpath(m_scratch.filePath(QStringLiteral("good")));
    const SignedRelease release = makeRelease(m_scratch.filePath(QStringLiteral("good")), key, spec);

    auto console = m_fixture->startConsole(QStringLiteral("olga"));
    QTRY_VERIFY_WITH_TIMEOUT(console->isOnline(), Wait);
    console::ReleaseController *controller = console->session()->releaseController();
    QTRY_COMPARE_WITH_TIMEOUT(controller->keyModel()->rowCount(), 1, Wait);
    ui::ReleasesPage *page = console->pages().releases;
    // An operator uploads but does not manage keys; the disabled button says why.
    QTRY_VERIFY_WITH_TIMEOUT(!page->keysPane()->addButton()->isEnabled(), Wait);
    QVERIFY(page->keysPane()->addButton()->toolTip().contains(QStringLiteral("admin")));
    QVERIFY(page->uploadButton()->isEnabled());

    page->uploadButton()->click();
    ui::ReleaseUploadDialog *dialog = controller->uploadDialog();
    QVERIFY(dialog);
    dialog->setBundlePath(release.bundlePath);
    dialog->verifyButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(dialog->state(), ui::ReleaseUploadDialog::State::Checked, Wait);
    QCOMPARE(dialog->checkPanel()->factText(QStringLiteral("signerKey")), key.id);
    QVERIFY(dialog->checkPanel()->factText(QStringLiteral("trusted")).contains(QStringLiteral("ci-release")));
    QVERIFY(saveScreenshot(dialog, QStringLiteral("console-release-upload-verified")));

    dialog->uploadButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(dialog->state(), ui::ReleaseUploadDialog::State::Uploaded, Wait);
    QVERIFY2(dialog->outcomeText().contains(release.releaseId), qPrintable(dialog->outcomeText()));
    QVERIFY(saveScreenshot(dialog, QStringLiteral("console-release-upload-done")));

    // The sync brings the release; its details name the signer as trusted.
    QTRY_COMPARE_WITH_TIMEOUT(page->listView()->model()->rowCount(), 1, Wait);
    page->listView()->selectRow(0);
    QVERIFY2(page->detailView()->toPlainText().contains(QStringLiteral("\"ci-release\", trusted")),
             qPrintable(page->detailView()->toPlainText()));

    // A tampered copy is refused by the local check before a byte is sent.
    const QString tampered = m_scratch.filePath(QStringLiteral("tampered.otb"));
    QVERIFY(QFile::copy(release.bundlePath, tampered));
    {
        QFile file(tampered);
        QVERIFY(file.open(QIODevice::ReadWrite));
        QVERIFY(file.seek(file.size() / 2));
        QCOMPARE(file.write("!"), 1);
    }
    dialog->setBundlePath(tampered);
    dialog->verifyButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(dialog->state(), ui::ReleaseUploadDialog::State::Refused, Wait);
    QVERIFY2(dialog->checkPanel()->verdictText().contains(precheckName(PrecheckFailure::ImageMismatch)),
             qPrintable(dialog->checkPanel()->verdictText()));
    QVERIFY(!dialog->uploadButton()->isEnabled());
    dialog->cancelButton()->click(); // Close
    QTRY_VERIFY_WITH_TIMEOUT(!controller->uploadDialog(), Wait);
}

QTEST_MAIN(ConsoleReleaseUploadTest)
#include "tst_console_release_upload.moc"
