// The release upload dialog, the trusted-key dialogs and the Releases page with its Trusted keys tab: their
// states driven through the public setters with verdicts from the real pre-upload check (core) over real
// signed bundles; plus screenshots of each state (light palette) for review and docs.
#include "core/release_precheck.h"
#include "tst_pages_fixtures.h"
#include "ui/dialogs/add_trusted_key_dialog.h"
#include "ui/dialogs/release_check_panel.h"
#include "ui/dialogs/release_upload_dialog.h"
#include "ui/dialogs/revoke_key_dialog.h"
#include "ui/dialogs/upload_progress_panel.h"
#include "ui/pages/releases_page.h"
#include "ui/pages/trusted_keys_pane.h"

#include <QApplication>
#include <QDialog>
#include <QDir>
#include <QLabel>
#include <QLayout>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QStyleFactory>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>

using namespace otter;
using namespace otter::ui;
using namespace otter::ui::testing;

namespace {

struct Fixture
{
    PrivateKey key = *PrivateKey::generate();
    QTemporaryDir dir;

    QString bundle(const QString &version, qint64 securityVersion, bool tamper = false)
    {
        const QString image = dir.filePath(version + QStringLiteral(".bin"));
        QFile file(image);
        file.open(QIODevice::WriteOnly);
        file.write(QByteArray(300000, char('a' + securityVersion)));
        file.close();
        ReleaseSigningSpec spec;
        spec.imagePath = image;
        spec.hardwareClasses = {QStringLiteral("gw-200"), QStringLiteral("gw-300")};
        spec.version = version;
        spec.securityVersion = securityVersion;
        spec.vendor = QStringLiteral("acme-iot");
        spec.created = sampleNow();
        const auto made = signRelease(spec, {key});
        BundleWriteSpec write;
        write.manifestBytes = made->manifestBytes;
        write.signatures = made->signatures;
        write.imagePath = image;
        const QString path = dir.filePath(version + QStringLiteral(".otb"));
        (void)writeBundle(path, write);
        if (tamper) {
            QFile bytes(path);
            bytes.open(QIODevice::ReadWrite);
            bytes.seek(bytes.size() / 2);
            bytes.write("X");
        }
        return path;
    }

    QList<KnownKey> keys() const
    {
        return {{key.keyId(), QStringLiteral("ci-release-2025"), key.publicKey().toPem(), true, {}, {}, {}}};
    }
};

models::TrustedKeyRecord keyRecord(const PrivateKey &key, const QString &name, bool active)
{
    models::TrustedKeyRecord record;
    record.id = key.keyId();
    record.name = name;
    record.comment = QStringLiteral("HSM in the build farm; rotated yearly");
    record.publicKeyPem = QString::fromUtf8(key.publicKey().toPem());
    record.state = active ? QStringLiteral("ACTIVE") : QStringLiteral("REVOKED");
    record.addedBy = QStringLiteral("ada");
    record.addedAt = sampleNow().addDays(-90);
    if (!active) {
        record.revokedBy = QStringLiteral("ada");
        record.revokedAt = sampleNow().addDays(-2);
        record.revocationReason = QStringLiteral("laptop lost");
    }
    return record;
}

QStandardItemModel *keyModel(const QList<models::TrustedKeyRecord> &keys, QObject *parent)
{
    auto *model = new QStandardItemModel(0, 3, parent);
    model->setHorizontalHeaderLabels(
        {QStringLiteral("Name"), QStringLiteral("Key id"), QStringLiteral("State")});
    for (const models::TrustedKeyRecord &key : keys) {
        const QVariant record = QVariant::fromValue(key);
        model->appendRow({recordItem(key.name, record),
                          recordItem(key.id.left(16) + QStringLiteral("…"), record),
                          recordItem(key.state, record)});
    }
    return model;
}

QStandardItemModel *releaseModel(const QList<models::ReleaseRecord> &releases, QObject *parent)
{
    auto *model = new QStandardItemModel(0, 3, parent);
    model->setHorizontalHeaderLabels(
        {QStringLiteral("Version"), QStringLiteral("SVN"), QStringLiteral("Uploaded")});
    for (const models::ReleaseRecord &release : releases) {
        const QVariant record = QVariant::fromValue(release);
        model->appendRow({recordItem(release.version, record),
                          recordItem(QString::number(release.securityVersion), record),
                          recordItem(release.uploadedAt.toString(QStringLiteral("yyyy-MM-dd")), record)});
    }
    return model;
}

} // namespace

class TestReleaseUploadDialog final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        m_dir = qEnvironmentVariable("OTTER_SCREENSHOT_DIR", QStringLiteral(OTTER_SCREENSHOT_DIR));
        QVERIFY(QDir().mkpath(m_dir));
        m_active = *PrivateKey::generate();
        m_revoked = *PrivateKey::generate();
    }

    void verifyThenUploadThenCancel()
    {
        Fixture fixture;
        ReleaseUploadDialog dialog;
        QSignalSpy verify(&dialog, &ReleaseUploadDialog::verifyRequested);
        QSignalSpy upload(&dialog, &ReleaseUploadDialog::uploadRequested);
        QSignalSpy cancel(&dialog, &ReleaseUploadDialog::cancelRequested);
        QVERIFY(verify.isValid() && upload.isValid() && cancel.isValid());

        // Nothing chosen: the form says what is missing and nothing is checked.
        dialog.verifyButton()->click();
        QCOMPARE(verify.count(), 0);
        QVERIFY(
            dialog.findChild<QLabel *>(QStringLiteral("formError"))->text().contains(QStringLiteral(".otb")));
        QVERIFY(!dialog.uploadButton()->isEnabled());

        const QString bundle = fixture.bundle(QStringLiteral("2.5.0"), 8);
        dialog.setBundlePath(bundle);
        dialog.verifyButton()->click();
        QCOMPARE(verify.count(), 1);
        QCOMPARE(dialog.state(), ReleaseUploadDialog::State::Checking);
        QVERIFY(!dialog.uploadButton()->isEnabled());

        const ReleasePrecheck check = precheckBundle(bundle, fixture.keys(), {});
        QVERIFY2(check.passed(), qPrintable(check.message));
        dialog.showCheck(check);
        QCOMPARE(dialog.state(), ReleaseUploadDialog::State::Checked);
        QCOMPARE(dialog.checkPanel()->factText(QStringLiteral("version")), QStringLiteral("2.5.0"));
        QCOMPARE(dialog.checkPanel()->factText(QStringLiteral("securityVersion")), QStringLiteral("8"));
        QCOMPARE(dialog.checkPanel()->factText(QStringLiteral("signerKey")), fixture.key.keyId());
        QVERIFY(dialog.checkPanel()->factText(QStringLiteral("trusted")).startsWith(QStringLiteral("yes")));
        QCOMPARE(dialog.checkPanel()->factText(QStringLiteral("imageSha256")), check.imageSha256);
        QVERIFY(dialog.uploadButton()->isEnabled());

        dialog.uploadButton()->click();
        QCOMPARE(upload.count(), 1);
        QCOMPARE(dialog.state(), ReleaseUploadDialog::State::Uploading);
        QVERIFY(!dialog.source()->isEnabled());
        dialog.showUploadStarted(check.fileSize);
        dialog.showUploadProgress(check.fileSize / 2, check.fileSize);
        QCOMPARE(dialog.progressPanel()->bar()->value(), 500);

        dialog.cancelButton()->click();
        QCOMPARE(cancel.count(), 1);
        QCOMPARE(dialog.state(), ReleaseUploadDialog::State::Cancelling);
        QVERIFY(!dialog.cancelButton()->isEnabled());
        dialog.showCancelled(true, QStringLiteral("The upload was cancelled; otterd keeps nothing of it."));
        QCOMPARE(dialog.state(), ReleaseUploadDialog::State::Cancelled);
        QVERIFY(dialog.outcomeText().contains(QStringLiteral("keeps nothing")));
    }

    void refusedBundleNamesTheCheck_data()
    {
        QTest::addColumn<int>("kind");
        QTest::newRow("tampered") << int(PrecheckFailure::ImageMismatch);
        QTest::newRow("untrusted key") << int(PrecheckFailure::KeyUnknown);
        QTest::newRow("downgrade") << int(PrecheckFailure::Downgrade);
    }

    void refusedBundleNamesTheCheck()
    {
        QFETCH(int, kind);
        Fixture fixture;
        const auto failure = PrecheckFailure(kind);
        const QString bundle =
            fixture.bundle(QStringLiteral("2.4.2"), 6, failure == PrecheckFailure::ImageMismatch);
        const QList<KnownKey> keys =
            failure == PrecheckFailure::KeyUnknown ? QList<KnownKey>{} : fixture.keys();
        const QList<KnownRelease> releases{
            {QStringLiteral("r1"), QStringLiteral("2.4.1"), 7, {QStringLiteral("gw-300")}}};
        const ReleasePrecheck check = precheckBundle(bundle, keys, releases);
        QCOMPARE(check.failure, failure);

        ReleaseUploadDialog dialog;
        dialog.setBundlePath(bundle);
        dialog.verifyButton()->click();
        dialog.showCheck(check);
        QCOMPARE(dialog.state(), ReleaseUploadDialog::State::Refused);
        QVERIFY(!dialog.uploadButton()->isEnabled());
        const QString verdict = dialog.checkPanel()->verdictText();
        QVERIFY2(verdict.contains(precheckName(failure)), qPrintable(verdict));
        QVERIFY2(verdict.contains(check.message), qPrintable(verdict));
        // Choosing again clears the verdict: nothing stale is ever uploadable.
        dialog.setBundlePath(bundle + QStringLiteral("x"));
        QCOMPARE(dialog.state(), ReleaseUploadDialog::State::Choosing);
        QVERIFY(dialog.checkPanel()->verdictText().isEmpty());
    }

    void serverRefusalDuringUpload()
    {
        ReleaseUploadDialog dialog;
        dialog.showUploadFailed(
            QStringLiteral("security version (downgrade)"),
            QStringLiteral("otterd refused the release at the security version (downgrade) "
                           "check: security version 3 is below the 7 of release r1"));
        QCOMPARE(dialog.state(), ReleaseUploadDialog::State::Failed);
        QVERIFY(dialog.checkPanel()->verdictText().contains(QStringLiteral("security version 3 is below")));
        QVERIFY(dialog.outcomeText().contains(QStringLiteral("security version (downgrade)")));
    }

    void speedAndTimeLeft_data()
    {
        QTest::addColumn<qint64>("sent");
        QTest::addColumn<qint64>("total");
        QTest::addColumn<qint64>("elapsedMs");
        QTest::addColumn<QStringList>("shown");
        QTest::newRow("half of 1 GB in 5 s")
            << qint64(500'000'000) << qint64(1'000'000'000) << qint64(5000)
            << QStringList{QStringLiteral("100.0 MB/s"), QStringLiteral("about 5 s left")};
        QTest::newRow("slow link") << qint64(10'000'000) << qint64(2'000'000'000) << qint64(10000)
                                   << QStringList{QStringLiteral("1.0 MB/s"),
                                                  QStringLiteral("about 33 min 10 s left")};
        QTest::newRow("too early to tell") << qint64(1000) << qint64(2000) << qint64(100) << QStringList{};
    }

    void speedAndTimeLeft()
    {
        QFETCH(qint64, sent);
        QFETCH(qint64, total);
        QFETCH(qint64, elapsedMs);
        QFETCH(QStringList, shown);
        UploadProgressPanel panel;
        panel.start(total);
        panel.setProgress(sent, total, elapsedMs);
        for (const QString &text : shown)
            QVERIFY2(panel.detailText().contains(text), qPrintable(panel.detailText()));
        if (shown.isEmpty())
            QVERIFY(!panel.detailText().contains(QStringLiteral("MB/s")));
    }

    void addKeyShowsIdBeforeAdding()
    {
        AddTrustedKeyDialog dialog;
        QVERIFY(!dialog.addButton()->isEnabled());
        dialog.setPem(QString::fromUtf8(m_active.toPem()));
        QVERIFY(dialog.keyId().isEmpty());
        QVERIFY(dialog.problem().contains(QStringLiteral("private key")));
        dialog.setPem(QString::fromUtf8(m_active.publicKey().toPem()));
        QCOMPARE(dialog.keyId(), m_active.keyId());
        QVERIFY(!dialog.addButton()->isEnabled()); // a name is still missing
        dialog.setName(QStringLiteral("ci-release-2026"));
        QVERIFY(dialog.addButton()->isEnabled());
        QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("keyId"))->text().remove(u'\n') ==
                m_active.keyId());
        dialog.setPem(QStringLiteral("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----"));
        QVERIFY(!dialog.addButton()->isEnabled());
        QVERIFY(dialog.problem().startsWith(QStringLiteral("Not a P-256 public key")));
    }

    void keysPaneAddAndRevoke()
    {
        TrustedKeysPane pane;
        const auto active = keyRecord(m_active, QStringLiteral("ci-release-2025"), true);
        const auto revoked = keyRecord(m_revoked, QStringLiteral("old-laptop"), false);
        const auto second = keyRecord(*PrivateKey::generate(), QStringLiteral("ci-backup"), true);
        pane.setModel(keyModel({active, revoked, second}, &pane));
        // Revoking `active` leaves 2.4.1 and 2.3.0 without an active signer (a revoked one does not
        // count); 2.4.0 keeps `second`.
        models::ReleaseRecord only = sampleRelease(QStringLiteral("2.4.1"), 3);
        only.signerKeyIds = {active.id};
        models::ReleaseRecord backed = sampleRelease(QStringLiteral("2.4.0"), 9);
        backed.signerKeyIds = {active.id, second.id};
        models::ReleaseRecord withRevoked = sampleRelease(QStringLiteral("2.3.0"), 30);
        withRevoked.signerKeyIds = {revoked.id, active.id};
        pane.setReleaseModel(releaseModel({only, backed, withRevoked}, &pane));
        QCOMPARE(pane.releasesSignedOnlyBy(active.id),
                 (QStringList{QStringLiteral("2.4.1"), QStringLiteral("2.3.0")}));
        QCOMPARE(pane.releasesSignedOnlyBy(second.id), QStringList());

        QSignalSpy revokeSpy(&pane, &TrustedKeysPane::revokeKeyRequested);
        pane.listView()->selectRow(1);
        QVERIFY(!pane.revokeButton()->isEnabled()); // already revoked
        QVERIFY(pane.detailView()->toPlainText().contains(QStringLiteral("laptop lost")));
        pane.listView()->selectRow(0);
        QVERIFY(pane.revokeButton()->isEnabled());
        RevokeKeyDialog *dialog = pane.openRevokeDialog();
        QVERIFY(dialog);
        QVERIFY(dialog->effectText().contains(QStringLiteral("can no longer be rolled out")));
        QVERIFY(
            dialog->findChild<QLabel *>(QStringLiteral("effect"))->text().contains(QStringLiteral("2.4.1")));
        QVERIFY(!dialog->revokeButton()->isEnabled());
        dialog->setReason(QStringLiteral("key exposed in CI logs"));
        dialog->revokeButton()->click();
        QCOMPARE(revokeSpy.count(), 1);
        QCOMPARE(revokeSpy.at(0).at(0).toString(), active.id);
        QCOMPARE(revokeSpy.at(0).at(1).toString(), QStringLiteral("key exposed in CI logs"));

        QSignalSpy addSpy(&pane, &TrustedKeysPane::addKeyRequested);
        AddTrustedKeyDialog *add = pane.openAddDialog();
        add->setPem(QString::fromUtf8(m_revoked.publicKey().toPem()));
        add->setName(QStringLiteral("ci-2026"));
        add->addButton()->click();
        QCOMPARE(addSpy.count(), 1);
        QCOMPARE(addSpy.at(0).at(1).toString(), QStringLiteral("ci-2026"));

        pane.setCanManage(false, QStringLiteral("needs the admin role"));
        QVERIFY(!pane.addButton()->isEnabled());
        QCOMPARE(pane.addButton()->toolTip(), QStringLiteral("needs the admin role"));
    }

    void releaseDetailsSayWhetherSignersAreTrusted()
    {
        ReleasesPage page;
        const auto active = keyRecord(m_active, QStringLiteral("ci-release-2025"), true);
        const auto revoked = keyRecord(m_revoked, QStringLiteral("old-laptop"), false);
        page.keysPane()->setModel(keyModel({active, revoked}, &page));
        models::ReleaseRecord release = sampleRelease(QStringLiteral("2.4.1"), 3);
        release.signerKeyIds = {active.id, revoked.id};
        page.setModel(releaseModel({release}, &page));
        page.setRolloutsByRelease({{release.id, {QStringLiteral("EU canary 2.4.1 (RUNNING)")}}});
        QSignalSpy upload(&page, &ReleasesPage::uploadRequested);
        page.listView()->selectRow(0);
        const QString text = page.detailView()->toPlainText();
        QVERIFY2(text.contains(QStringLiteral("\"ci-release-2025\", trusted")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("REVOKED")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("EU canary 2.4.1")), qPrintable(text));
        page.uploadButton()->click();
        QCOMPARE(upload.count(), 1);
    }

    void screenshots_data()
    {
        QTest::addColumn<QString>("name");
        for (const char *name :
             {"dialog-releases-upload-verified", "dialog-releases-upload-refused",
              "dialog-releases-upload-progress", "dialog-releases-upload-sign", "page-releases-details",
              "page-releases-keys", "dialog-releases-add-key", "dialog-releases-revoke-key"})
            QTest::newRow(name) << QString::fromLatin1(name);
    }

    void screenshots()
    {
        QFETCH(QString, name);
        Fixture fixture;
        std::unique_ptr<QWidget> widget;
        QSize size(900, 640);
        if (name.startsWith(u"dialog-releases-upload")) {
            auto dialog = std::make_unique<ReleaseUploadDialog>();
            if (name.endsWith(u"sign")) {
                dialog->source()->setMode(ReleaseSourceForm::Mode::SignImage);
                dialog->source()->setSigningInput({QStringLiteral("/builds/gw/2.5.0/image.bin"),
                                                   QStringLiteral("/secure/keys/ci-release-2025.pem"),
                                                   QStringLiteral("2.5.0"),
                                                   QStringLiteral("8"),
                                                   {QStringLiteral("gw-200"), QStringLiteral("gw-300")},
                                                   QStringLiteral("acme-iot")});
                dialog->showChecking(qint64(420) << 20, qint64(1) << 30);
            } else {
                const bool refused = name.endsWith(u"refused");
                const QString bundle = fixture.bundle(QStringLiteral("2.5.0"), refused ? 6 : 8);
                dialog->setBundlePath(bundle);
                dialog->verifyButton()->click();
                const QList<KnownRelease> releases{
                    {QStringLiteral("9f2c41d0e7b3a5c8d1e6f4a2b9c0d3e7f5a1b8c2d4e6f0a3b5c7d9e1f2a4b6c8"),
                     QStringLiteral("2.4.1"),
                     7,
                     {QStringLiteral("gw-300")}}};
                dialog->showCheck(precheckBundle(bundle, fixture.keys(), releases));
                if (name.endsWith(u"progress")) {
                    dialog->uploadButton()->click();
                    dialog->showUploadStarted(qint64(1) << 30);
                    dialog->progressPanel()->setProgress(qint64(644) << 20, qint64(1) << 30, 7400);
                }
            }
            widget = std::move(dialog);
            size = QSize(880, 760);
        } else if (name.startsWith(u"page-releases")) {
            auto page = std::make_unique<ReleasesPage>();
            const auto active = keyRecord(m_active, QStringLiteral("ci-release-2025"), true);
            const auto revoked = keyRecord(m_revoked, QStringLiteral("old-laptop"), false);
            page->keysPane()->setModel(keyModel({active, revoked}, page.get()));
            QList<models::ReleaseRecord> releases;
            for (const auto &[version, days] : QList<QPair<QString, int>>{{QStringLiteral("2.4.1"), 3},
                                                                          {QStringLiteral("2.4.0"), 12},
                                                                          {QStringLiteral("2.3.0"), 40}}) {
                models::ReleaseRecord release = sampleRelease(version, days);
                release.signerKeyIds = {days > 30 ? revoked.id : active.id};
                releases.append(release);
            }
            page->setModel(releaseModel(releases, page.get()));
            page->keysPane()->setReleaseModel(page->listView()->model());
            page->setRolloutsByRelease(
                {{releases.first().id, {QStringLiteral("EU canary 2.4.1 — RUNNING, stage 2 of 5")}}});
            page->listView()->selectRow(0);
            if (name.endsWith(u"keys")) {
                page->showTab(ReleasesPage::KeysTab);
                page->keysPane()->listView()->selectRow(0);
                page->keysPane()->showResult(true, QStringLiteral("Key \"ci-release-2025\" is now trusted."));
            }
            widget = std::move(page);
            size = QSize(1100, 620);
        } else if (name.endsWith(u"add-key")) {
            auto dialog = std::make_unique<AddTrustedKeyDialog>();
            dialog->setPem(QString::fromUtf8(m_active.publicKey().toPem()));
            dialog->setName(QStringLiteral("ci-release-2026"));
            dialog->setComment(QStringLiteral("HSM slot 3 in the build farm; rotate 2027-01"));
            widget = std::move(dialog);
            size = QSize(760, 460);
        } else {
            auto dialog = std::make_unique<RevokeKeyDialog>(
                keyRecord(m_active, QStringLiteral("ci-release-2025"), true),
                QStringList{QStringLiteral("2.4.1"), QStringLiteral("2.4.0")});
            dialog->setReason(QStringLiteral("private key exposed in CI logs"));
            widget = std::move(dialog);
            size = QSize(760, 340);
        }
        // Dialogs at their natural height for the width (no stretched gaps); pages at a window's size.
        if (qobject_cast<QDialog *>(widget.get()) && widget->layout()) {
            const int natural = widget->layout()->hasHeightForWidth()
                                    ? widget->layout()->totalHeightForWidth(size.width())
                                    : widget->sizeHint().height();
            size.setHeight(natural);
        }
        widget->resize(size.expandedTo(widget->minimumSizeHint()));
        widget->show();
        QVERIFY(QTest::qWaitForWindowExposed(widget.get()));
        const QString path = QDir(m_dir).filePath(name + QStringLiteral(".png"));
        QVERIFY(widget->grab().save(path));
    }

private:
    QString m_dir;
    PrivateKey m_active = *PrivateKey::generate();
    PrivateKey m_revoked = *PrivateKey::generate();
};

QTEST_MAIN(TestReleaseUploadDialog)
#include "tst_release_upload_dialog.moc"
