// OutboxDialog: actions follow the selected draft's state; signals carry the outbox id from IdRole.
#include "modal_answer.h"
#include "models/records.h"
#include "ui/dialogs/outbox_dialog.h"

#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTableView>
#include <QTest>

using namespace Qt::StringLiterals;
using otter::ui::OutboxDialog;

namespace {

void addDraft(QStandardItemModel &model, qint64 id, const QString &what, const QString &state)
{
    auto *first = new QStandardItem(what);
    first->setData(id, OutboxDialog::IdRole);
    first->setData(state, OutboxDialog::StateRole);
    model.appendRow({first, new QStandardItem(state)});
}

} // namespace

class TestOutboxDialog final : public QObject
{
    Q_OBJECT

private slots:
    void emptyOutboxSaysSo()
    {
        QStandardItemModel model(0, 2);
        OutboxDialog dialog;
        dialog.setModel(&model);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(dialog.findChild<QLabel *>(u"emptyOutbox"_s)->isVisible());
        QVERIFY(!dialog.findChild<QPushButton *>(u"discard"_s)->isEnabled());

        addDraft(model, 7, u"group edge-eu (update)"_s, u"queued"_s);
        QVERIFY(!dialog.findChild<QLabel *>(u"emptyOutbox"_s)->isVisible());
        QVERIFY(dialog.view()->isVisible());
        model.removeRow(0);
        QVERIFY(dialog.findChild<QLabel *>(u"emptyOutbox"_s)->isVisible());
    }

    void resolveOnlyForConflicts()
    {
        QStandardItemModel model(0, 2);
        addDraft(model, 7, u"group edge-eu (update)"_s, u"queued"_s);
        addDraft(model, 9, u"window nightly (update)"_s, u"conflict"_s);
        OutboxDialog dialog;
        dialog.setModel(&model);
        auto *resolve = dialog.findChild<QPushButton *>(u"resolve"_s);
        QSignalSpy resolveSpy(&dialog, &OutboxDialog::resolveConflictRequested);
        QVERIFY(resolveSpy.isValid());

        QCOMPARE(dialog.selectedId(), -1);
        QVERIFY(!resolve->isEnabled());
        dialog.view()->selectRow(0);
        QCOMPARE(dialog.selectedId(), 7);
        QVERIFY(!resolve->isEnabled());
        dialog.view()->selectRow(1);
        QCOMPARE(dialog.selectedId(), 9);
        QVERIFY(resolve->isEnabled());
        resolve->click();
        QCOMPARE(resolveSpy.count(), 1);
        QCOMPARE(resolveSpy.first().first().toLongLong(), 9);

        // A draft whose conflict was resolved elsewhere loses the action at once.
        model.item(1, 0)->setData(u"queued"_s, OutboxDialog::StateRole);
        QVERIFY(!resolve->isEnabled());
    }

    void acceptsTheModelsLayersRoles()
    {
        // models::OutboxModel gives the id as text and the whole entry in the second user role.
        QStandardItemModel model(0, 1);
        otter::models::OutboxEntry entry;
        entry.id = 12;
        entry.state = u"conflict"_s;
        auto *item = new QStandardItem(u"group edge-eu"_s);
        item->setData(u"12"_s, OutboxDialog::IdRole);
        item->setData(QVariant::fromValue(entry), OutboxDialog::StateRole);
        model.appendRow(item);
        OutboxDialog dialog;
        dialog.setModel(&model);
        dialog.view()->selectRow(0);
        QCOMPARE(dialog.selectedId(), 12);
        QVERIFY(dialog.findChild<QPushButton *>(u"resolve"_s)->isEnabled());
        entry.state = u"queued"_s;
        item->setData(QVariant::fromValue(entry), OutboxDialog::StateRole);
        QVERIFY(!dialog.findChild<QPushButton *>(u"resolve"_s)->isEnabled());
    }

    void discardAsksFirst()
    {
        QStandardItemModel model(0, 2);
        addDraft(model, 3, u"rollout fw-2.1 (create)"_s, u"rejected"_s);
        OutboxDialog dialog;
        dialog.setModel(&model);
        dialog.view()->selectRow(0);
        QSignalSpy discarded(&dialog, &OutboxDialog::discardRequested);
        auto *discard = dialog.findChild<QPushButton *>(u"discard"_s);

        otter::ui::testing::answerNextMessageBox(&dialog, QMessageBox::Cancel);
        discard->click();
        QCOMPARE(discarded.count(), 0);

        otter::ui::testing::answerNextMessageBox(&dialog, QMessageBox::Discard);
        discard->click();
        QCOMPARE(discarded.count(), 1);
        QCOMPARE(discarded.first().first().toLongLong(), 3);
    }
};

QTEST_MAIN(TestOutboxDialog)
#include "tst_outbox_dialog.moc"
