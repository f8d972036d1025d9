// The rollouts page's approval queue and actions: the queue filters the rollouts waiting for approval and
// counts them; it shows what approving will do (plan + pre-flight); the creator or submitter, and a role
// below approver, see disabled buttons with the reason; reject needs a comment; Start/Pause/Resume/Abort are
// enabled by state and each opens a confirmation naming the rollout and its effect, asking for the reason
// where one is required. Renders page-rollouts-approval-*.png and dialog-rollouts-confirm-*.png.
#include "rollout_samples.h"

#include "ui/dialogs/rollout_action_dialog.h"
#include "ui/pages/rollout_action_bar.h"
#include "ui/pages/rollout_approval_pane.h"
#include "ui/pages/rollouts_page.h"

#include <QApplication>
#include <QDir>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStyleFactory>
#include <QTabBar>
#include <QTableView>
#include <QTest>

using namespace otter;
using namespace otter::ui;
using namespace otter::ui::testing;
using models::RolloutAction;

namespace {

void saveShot(QWidget *widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("OTTER_SCREENSHOT_DIR", QStringLiteral(OTTER_SCREENSHOT_DIR));
    QDir().mkpath(dir);
    QCoreApplication::processEvents();
    QVERIFY2(widget->grab().save(QDir(dir).filePath(name + QStringLiteral(".png"))), qPrintable(name));
}

models::RolloutRecord pending(const QString &id, const QString &name, const QString &creator)
{
    models::RolloutRecord rollout = sampleRollout(id, name, QStringLiteral("PENDING_APPROVAL"), 0);
    rollout.approved = {};
    rollout.started = {};
    rollout.createdBy = creator;
    rollout.submitted = {creator, sampleNow().addSecs(-3600),
                         QStringLiteral("canary for the EU night window")};
    rollout.revision = 41;
    return rollout;
}

} // namespace

class TestRolloutApprovals final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void queueCountsAndFilters();
    void creatorCannotApprove();
    void roleBelowApproverCannotApprove();
    void approverApprovesAndRejectNeedsComment();
    void actionsFollowState_data();
    void actionsFollowState();
    void confirmations_data();
    void confirmations();
    void openDetail();

private:
    std::unique_ptr<RolloutsPage> m_page;
    QStandardItemModel *m_model = nullptr;
    RolloutNames m_names;
};

void TestRolloutApprovals::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    const models::RolloutRecord any = sampleRollout(QStringLiteral("x"), QStringLiteral("x"), QString(), 0);
    m_names.releases.insert(any.releaseId, QStringLiteral("2.5.0"));
    m_names.groups.insert(QStringLiteral("g-canary-eu"), QStringLiteral("EU canary"));
    m_names.windows.insert(QStringLiteral("w-eu-night"), QStringLiteral("EU night"));
}

void TestRolloutApprovals::init()
{
    m_page = std::make_unique<RolloutsPage>();
    m_model = makeRolloutQueueModel(
        {{pending(QStringLiteral("r-olga"), QStringLiteral("fw 2.5.0 canary"), QStringLiteral("olga")), 41},
         {pending(QStringLiteral("r-oscar"), QStringLiteral("fw 2.5.0 US wave"), QStringLiteral("oscar")),
          44},
         {sampleRollout(QStringLiteral("r-run"), QStringLiteral("fw 2.4.1 EU"), QStringLiteral("RUNNING"), 1),
          30},
         {sampleRollout(QStringLiteral("r-paused"), QStringLiteral("fw 2.4.1 US"), QStringLiteral("PAUSED"),
                        2),
          31},
         {sampleRollout(QStringLiteral("r-ok"), QStringLiteral("fw 2.4.1 APAC"), QStringLiteral("APPROVED"),
                        0),
          32},
         {sampleRollout(QStringLiteral("r-draft"), QStringLiteral("fw 2.5.1 draft"), QStringLiteral("DRAFT"),
                        0),
          33},
         {sampleRollout(QStringLiteral("r-local"), QStringLiteral("fw 2.5.1 offline"),
                        QStringLiteral("DRAFT"), 0),
          0},
         {sampleRollout(QStringLiteral("r-done"), QStringLiteral("fw 2.4.0"), QStringLiteral("COMPLETED"), 4),
          20}},
        m_page.get());
    m_page->setModel(m_model);
    m_page->setNames(m_names);
    m_page->setOnline(true);
    m_page->resize(1280, 720);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
}

void TestRolloutApprovals::cleanup()
{
    m_page.reset();
}

void TestRolloutApprovals::queueCountsAndFilters()
{
    QCOMPARE(m_page->pendingCount(), 2);
    QCOMPARE(m_page->filterBar()->tabText(RolloutsPage::WaitingForApproval),
             QStringLiteral("Waiting for approval (2)"));
    QCOMPARE(m_page->listView()->model()->rowCount(), 8);
    m_page->setFilter(RolloutsPage::WaitingForApproval);
    QCOMPARE(m_page->listView()->model()->rowCount(), 2);
    // A rollout leaving the queue (approved elsewhere, synced) leaves the count too.
    m_model->item(1, 1)->setText(QStringLiteral("APPROVED"));
    auto approved = m_model->item(1, 0)->data(RecordRole).value<models::RolloutRecord>();
    approved.state = QStringLiteral("APPROVED");
    m_model->item(1, 0)->setData(QVariant::fromValue(approved), RecordRole);
    QCOMPARE(m_page->pendingCount(), 1);
    QCOMPARE(m_page->listView()->model()->rowCount(), 1);
}

void TestRolloutApprovals::creatorCannotApprove()
{
    QSignalSpy previews(m_page.get(), &RolloutsPage::previewRequested);
    m_page->setOperator(QStringLiteral("olga"), QStringLiteral("approver"));
    m_page->setFilter(RolloutsPage::WaitingForApproval);
    QVERIFY(m_page->selectRollout(QStringLiteral("r-olga")));
    QCOMPARE(previews.size(), 1);
    QCOMPARE(previews.first().first().toString(), QStringLiteral("r-olga"));
    m_page->setPreview(QStringLiteral("r-olga"), samplePreview());
    RolloutApprovalPane *pane = m_page->approvalPane();
    QVERIFY(pane->isVisible());
    const QString why =
        QStringLiteral("You created this rollout; another approver must approve it (four-eyes).");
    QVERIFY(!pane->approveButton()->isEnabled());
    QVERIFY(!pane->rejectButton()->isEnabled());
    QCOMPARE(pane->blockerText(), why);
    QCOMPARE(pane->approveButton()->toolTip(), why);
    // What approving would do: names, not ids, and the pre-flight counts.
    const QString html = pane->whatWillHappenHtml();
    QVERIFY(html.contains(QStringLiteral("EU canary")) && html.contains(QStringLiteral("EU night")));
    QVERIFY(html.contains(QStringLiteral("1,198")));
    saveShot(m_page.get(), QStringLiteral("page-rollouts-approval-creator"));
}

void TestRolloutApprovals::roleBelowApproverCannotApprove()
{
    m_page->setOperator(QStringLiteral("oscar2"), QStringLiteral("operator"));
    m_page->setFilter(RolloutsPage::WaitingForApproval);
    QVERIFY(m_page->selectRollout(QStringLiteral("r-olga")));
    QVERIFY(!m_page->approvalPane()->approveButton()->isEnabled());
    QVERIFY2(m_page->approvalPane()->blockerText().contains(QStringLiteral("Your role (operator)")),
             qPrintable(m_page->approvalPane()->blockerText()));
}

void TestRolloutApprovals::approverApprovesAndRejectNeedsComment()
{
    QSignalSpy actions(m_page.get(), &RolloutsPage::actionRequested);
    m_page->setOperator(QStringLiteral("abe"), QStringLiteral("approver"));
    m_page->setFilter(RolloutsPage::WaitingForApproval);
    QVERIFY(m_page->selectRollout(QStringLiteral("r-olga")));
    RolloutApprovalPane *pane = m_page->approvalPane();
    m_page->setPreview(QStringLiteral("r-olga"), samplePreview());
    QVERIFY(pane->approveButton()->isEnabled());
    QVERIFY(pane->blockerText().isEmpty());
    QVERIFY(!pane->rejectButton()->isEnabled());
    QVERIFY(pane->rejectButton()->toolTip().contains(QStringLiteral("what must change")));
    pane->commentEdit()->setPlainText(QStringLiteral("Start with 0.5 % please"));
    QVERIFY(pane->rejectButton()->isEnabled());
    saveShot(m_page.get(), QStringLiteral("page-rollouts-approval-queue"));
    pane->rejectButton()->click();
    QCOMPARE(actions.size(), 1);
    QCOMPARE(actions.first().at(0).value<RolloutAction>(), RolloutAction::Reject);
    QCOMPARE(actions.first().at(1).toString(), QStringLiteral("r-olga"));
    QCOMPARE(actions.first().at(2).toLongLong(), qint64(41));
    QCOMPARE(actions.first().at(3).toString(), QStringLiteral("Start with 0.5 % please"));
    pane->approveButton()->click();
    QCOMPARE(actions.size(), 2);
    QCOMPARE(actions.last().at(0).value<RolloutAction>(), RolloutAction::Approve);
}

void TestRolloutApprovals::actionsFollowState_data()
{
    QTest::addColumn<QString>("rolloutId");
    QTest::addColumn<QList<int>>("enabled"); // RolloutAction values
    auto list = [](std::initializer_list<RolloutAction> actions) {
        QList<int> values;
        for (const RolloutAction action : actions)
            values.append(int(action));
        return values;
    };
    QTest::newRow("draft") << QStringLiteral("r-draft")
                           << list({RolloutAction::Submit, RolloutAction::Abort});
    QTest::newRow("pending") << QStringLiteral("r-olga") << list({RolloutAction::Abort});
    QTest::newRow("approved") << QStringLiteral("r-ok") << list({RolloutAction::Start, RolloutAction::Abort});
    QTest::newRow("running") << QStringLiteral("r-run") << list({RolloutAction::Pause, RolloutAction::Abort});
    QTest::newRow("paused") << QStringLiteral("r-paused")
                            << list({RolloutAction::Resume, RolloutAction::Abort});
    QTest::newRow("completed") << QStringLiteral("r-done") << list({});
    QTest::newRow("outbox draft") << QStringLiteral("r-local") << list({});
}

void TestRolloutApprovals::actionsFollowState()
{
    QFETCH(QString, rolloutId);
    QFETCH(QList<int>, enabled);
    m_page->setOperator(QStringLiteral("olga"), QStringLiteral("operator"));
    QVERIFY(m_page->selectRollout(rolloutId));
    for (const RolloutAction action : {RolloutAction::Submit, RolloutAction::Start, RolloutAction::Pause,
                                       RolloutAction::Resume, RolloutAction::Abort}) {
        QPushButton *button = m_page->actionBar()->button(action);
        QCOMPARE(button->isEnabled(), enabled.contains(int(action)));
        if (!button->isEnabled())
            QVERIFY2(!button->toolTip().isEmpty(), qPrintable(models::actionVerb(action)));
    }
    // Offline, nothing can be acted on, and the tooltip says so.
    m_page->setOnline(false);
    QVERIFY(!m_page->actionBar()->button(RolloutAction::Abort)->isEnabled());
    if (!enabled.isEmpty())
        QVERIFY(
            m_page->actionBar()->button(RolloutAction::Abort)->toolTip().contains(QStringLiteral("Offline")));
}

void TestRolloutApprovals::confirmations_data()
{
    QTest::addColumn<QString>("rolloutId");
    QTest::addColumn<int>("action");
    QTest::addColumn<QString>("headline");
    QTest::addColumn<QString>("effect");
    QTest::addColumn<bool>("needsReason");
    QTest::newRow("submit") << QStringLiteral("r-draft") << int(RolloutAction::Submit)
                            << QStringLiteral("Submit 'fw 2.5.1 draft' for approval?")
                            << QStringLiteral("queue") << false;
    QTest::newRow("start") << QStringLiteral("r-ok") << int(RolloutAction::Start)
                           << QStringLiteral("Start 'fw 2.4.1 APAC'?") << QStringLiteral("stage 1 begins")
                           << false;
    QTest::newRow("pause") << QStringLiteral("r-run") << int(RolloutAction::Pause)
                           << QStringLiteral("Pause 'fw 2.4.1 EU'?")
                           << QStringLiteral(
                                  "No device will start downloading or installing; devices already "
                                  "installing finish.")
                           << true;
    QTest::newRow("resume") << QStringLiteral("r-paused") << int(RolloutAction::Resume)
                            << QStringLiteral("Resume 'fw 2.4.1 US'?") << QStringLiteral("new sample")
                            << false;
    QTest::newRow("abort") << QStringLiteral("r-run") << int(RolloutAction::Abort)
                           << QStringLiteral("Abort 'fw 2.4.1 EU'?") << QStringLiteral("This is final")
                           << true;
}

void TestRolloutApprovals::confirmations()
{
    QFETCH(QString, rolloutId);
    QFETCH(int, action);
    QFETCH(QString, headline);
    QFETCH(QString, effect);
    QFETCH(bool, needsReason);
    QSignalSpy actions(m_page.get(), &RolloutsPage::actionRequested);
    m_page->setOperator(QStringLiteral("olga"), QStringLiteral("operator"));
    QVERIFY(m_page->selectRollout(rolloutId));
    m_page->actionBar()->button(RolloutAction(action))->click();
    RolloutActionDialog *dialog = m_page->confirmationDialog();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    QCOMPARE(dialog->headline(), headline);
    QVERIFY2(dialog->effect().contains(effect), qPrintable(dialog->effect()));
    QCOMPARE(dialog->confirmButton()->isEnabled(), !needsReason);
    if (needsReason)
        dialog->textEdit()->setPlainText(QStringLiteral("stage 2 failures on gw-300, checking logs"));
    QVERIFY(dialog->confirmButton()->isEnabled());
    saveShot(dialog,
             QStringLiteral("dialog-rollouts-confirm-%1").arg(QString::fromLatin1(QTest::currentDataTag())));
    // Cancel sends nothing; confirming sends the action with the reason.
    dialog->cancelButton()->click();
    QCOMPARE(actions.size(), 0);
    m_page->actionBar()->button(RolloutAction(action))->click();
    dialog = m_page->confirmationDialog();
    QVERIFY(dialog);
    dialog->textEdit()->setPlainText(QStringLiteral("because"));
    dialog->confirmButton()->click();
    QCOMPARE(actions.size(), 1);
    QCOMPARE(actions.first().at(0).value<RolloutAction>(), RolloutAction(action));
    QCOMPARE(actions.first().at(1).toString(), rolloutId);
    QCOMPARE(actions.first().at(3).toString(), QStringLiteral("because"));
}

void TestRolloutApprovals::openDetail()
{
    QSignalSpy opened(m_page.get(), &RolloutsPage::openDetailRequested);
    QVERIFY(m_page->selectRollout(QStringLiteral("r-run")));
    m_page->actionBar()->openButton()->click();
    QCOMPARE(opened.size(), 1);
    QCOMPARE(opened.first().first().toString(), QStringLiteral("r-run"));
    const QModelIndex index = m_page->listView()->currentIndex();
    // As the view reports a double-click on a row.
    emit m_page->listView()->doubleClicked(index);
    QCOMPARE(opened.size(), 2);
    saveShot(m_page.get(), QStringLiteral("page-rollouts-actions"));
}

QTEST_MAIN(TestRolloutApprovals)
#include "tst_rollout_approvals.moc"
