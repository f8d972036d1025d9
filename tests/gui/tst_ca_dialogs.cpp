// CaTrustDialog and CaChangedDialog: the fingerprint is shown grouped and copyable; a changed CA cannot be
// accepted.
#include "ui/dialogs/ca_changed_dialog.h"
#include "ui/dialogs/ca_trust_dialog.h"
#include "ui/dialogs/fingerprint_view.h"

#include <QAbstractButton>
#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>

using namespace Qt::StringLiterals;
using otter::ui::CaChangedDialog;
using otter::ui::CaTrustDialog;
using otter::ui::FingerprintView;

namespace {

const QString Pinned =
    u"3F:A1:09:7C:55:D2:E8:10:4B:9E:C3:77:02:AF:61:D8:90:1C:2B:EE:47:53:A9:0D:6F:81:34:C5:DA:12:7E:B6"_s;
const QString Presented = u"a0b1c2d3e4f5061728394a5b6c7d8e9fa0b1c2d3e4f5061728394a5b6c7d8e9f"_s;

} // namespace

class TestCaDialogs final : public QObject
{
    Q_OBJECT

private slots:
    void fingerprintIsNormalisedAndGrouped()
    {
        QCOMPARE(FingerprintView::normalised(u"ab cd-ef"_s), u"AB:CD:EF"_s);
        const QString grouped = FingerprintView::grouped(Pinned);
        const QStringList lines = grouped.split(u'\n');
        QCOMPARE(lines.size(), 4);
        QCOMPARE(lines.first(), u"3F:A1:09:7C:55:D2:E8:10"_s);
        QCOMPARE(lines.join(u':'), Pinned);
    }

    void trustDialogShowsWhatToCompare()
    {
        CaTrustDialog dialog;
        dialog.setServer(u"otter.example.com:8443"_s);
        dialog.setCertificate(u"CN=otterd CA"_s, Pinned.toLower());
        QCOMPARE(dialog.findChild<QLabel *>(u"server"_s)->text(), u"otter.example.com:8443"_s);
        QCOMPARE(dialog.findChild<QLabel *>(u"subject"_s)->text(), u"CN=otterd CA"_s);
        QCOMPARE(dialog.fingerprint(), Pinned);
        const auto *shown = dialog.findChild<QLabel *>(u"fingerprint"_s);
        QCOMPARE(shown->text(), FingerprintView::grouped(Pinned));
        QVERIFY(shown->font().fixedPitch() || QFontInfo(shown->font()).fixedPitch());
        QVERIFY(shown->textInteractionFlags() & Qt::TextSelectableByMouse);
        // The explanation names the line otterd prints at start.
        QVERIFY(dialog.findChild<QLabel *>(u"howTo"_s)->text().contains(u"CA fingerprint SHA-256"_s));
    }

    void trustDialogDefaultsToCancel()
    {
        CaTrustDialog dialog;
        dialog.setCertificate(u"CN=otterd CA"_s, Pinned);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QSignalSpy accepted(&dialog, &QDialog::accepted);
        QSignalSpy rejected(&dialog, &QDialog::rejected);
        QTest::keyClick(&dialog, Qt::Key_Return);
        QCOMPARE(accepted.count(), 0);
        QCOMPARE(rejected.count(), 1);

        dialog.show();
        dialog.findChild<QPushButton *>(u"trust"_s)->click();
        QCOMPARE(accepted.count(), 1);
    }

    void copyPutsTheFingerprintOnTheClipboard()
    {
        CaTrustDialog dialog;
        dialog.setCertificate(u"CN=otterd CA"_s, Pinned);
        dialog.findChild<QToolButton *>(u"copyFingerprint"_s)->click();
        QCOMPARE(QApplication::clipboard()->text(), Pinned);
    }

    void changedDialogRefusesOnly()
    {
        CaChangedDialog dialog;
        dialog.setServer(u"otter.example.com:8443"_s);
        dialog.setFingerprints(Pinned, Presented);
        QCOMPARE(dialog.pinnedFingerprint(), Pinned);
        QCOMPARE(dialog.presentedFingerprint(), FingerprintView::normalised(Presented));
        QVERIFY(dialog.findChild<QLabel *>(u"heading"_s)->text().contains(u"otter.example.com:8443"_s));
        QVERIFY(dialog.findChild<QLabel *>(u"heading"_s)->text().contains(u"refused"_s));

        // Only one button, and it cannot accept: there is no way to trust the new CA from here.
        const QList<QAbstractButton *> buttons = dialog.findChildren<QAbstractButton *>();
        QList<QAbstractButton *> dialogButtons;
        for (QAbstractButton *button : buttons) {
            if (qobject_cast<QPushButton *>(button))
                dialogButtons.append(button);
        }
        QCOMPARE(dialogButtons.size(), 1);
        auto *box = dialog.findChild<QDialogButtonBox *>();
        QCOMPARE(box->buttonRole(dialogButtons.first()), QDialogButtonBox::RejectRole);
        QSignalSpy accepted(&dialog, &QDialog::accepted);
        dialogButtons.first()->click();
        QCOMPARE(accepted.count(), 0);
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
    }
};

QTEST_MAIN(TestCaDialogs)
#include "tst_ca_dialogs.moc"
