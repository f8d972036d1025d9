// The console's copy of the server's rollout rules: which actions each state allows, who may approve
// (four-eyes before role), and the plan limits with messages that name the stage and the limit.
#include "models/rollout_rules.h"

#include <QTest>

using namespace otter::models;

class TestRolloutRules final : public QObject
{
    Q_OBJECT

private slots:
    void actions_data();
    void actions();
    void approval_data();
    void approval();
    void plan_data();
    void plan();
};

void TestRolloutRules::actions_data()
{
    QTest::addColumn<QString>("state");
    QTest::addColumn<QList<int>>("allowed");
    auto list = [](std::initializer_list<RolloutAction> actions) {
        QList<int> values;
        for (const RolloutAction action : actions)
            values.append(int(action));
        return values;
    };
    QTest::newRow("DRAFT") << QStringLiteral("DRAFT") << list({RolloutAction::Submit, RolloutAction::Abort});
    QTest::newRow("PENDING_APPROVAL")
        << QStringLiteral("PENDING_APPROVAL")
        << list({RolloutAction::Approve, RolloutAction::Reject, RolloutAction::Abort});
    QTest::newRow("APPROVED") << QStringLiteral("APPROVED")
                              << list({RolloutAction::Start, RolloutAction::Abort});
    QTest::newRow("RUNNING") << QStringLiteral("RUNNING")
                             << list({RolloutAction::Pause, RolloutAction::Abort});
    QTest::newRow("PAUSED") << QStringLiteral("PAUSED")
                            << list({RolloutAction::Resume, RolloutAction::Abort});
    QTest::newRow("COMPLETED") << QStringLiteral("COMPLETED") << list({});
    QTest::newRow("ABORTED") << QStringLiteral("ABORTED") << list({});
}

void TestRolloutRules::actions()
{
    QFETCH(QString, state);
    QFETCH(QList<int>, allowed);
    for (int action = int(RolloutAction::Submit); action <= int(RolloutAction::Abort); ++action)
        QCOMPARE(actionAllowedIn(RolloutAction(action), state), allowed.contains(action));
}

void TestRolloutRules::approval_data()
{
    QTest::addColumn<QString>("creator");
    QTest::addColumn<QString>("submitter");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("role");
    QTest::addColumn<QString>("blocker");
    QTest::newRow("other approver") << QStringLiteral("olga") << QStringLiteral("olga")
                                    << QStringLiteral("abe") << QStringLiteral("approver") << QString();
    QTest::newRow("admin") << QStringLiteral("olga") << QStringLiteral("olga") << QStringLiteral("ada")
                           << QStringLiteral("admin") << QString();
    QTest::newRow("creator approver")
        << QStringLiteral("abe") << QStringLiteral("olga") << QStringLiteral("abe")
        << QStringLiteral("approver")
        << QStringLiteral("You created this rollout; another approver must approve it (four-eyes).");
    QTest::newRow("creator operator")
        << QStringLiteral("olga") << QStringLiteral("olga") << QStringLiteral("olga")
        << QStringLiteral("operator")
        << QStringLiteral("You created this rollout; another approver must approve it (four-eyes).");
    QTest::newRow("submitter")
        << QStringLiteral("olga") << QStringLiteral("abe") << QStringLiteral("abe")
        << QStringLiteral("approver")
        << QStringLiteral("You submitted this rollout; another approver must approve it (four-eyes).");
    QTest::newRow("operator")
        << QStringLiteral("olga") << QStringLiteral("olga") << QStringLiteral("oscar")
        << QStringLiteral("operator")
        << QStringLiteral(
               "Your role (operator) cannot approve or reject rollouts: an approver or admin must.");
    QTest::newRow("viewer")
        << QStringLiteral("olga") << QStringLiteral("olga") << QStringLiteral("vera")
        << QStringLiteral("viewer")
        << QStringLiteral("Your role (viewer) cannot approve or reject rollouts: an approver or admin must.");
    QTest::newRow("signed out") << QStringLiteral("olga") << QStringLiteral("olga") << QStringLiteral("")
                                << QStringLiteral("")
                                << QStringLiteral("Connect and sign in to approve or reject rollouts.");
}

void TestRolloutRules::approval()
{
    QFETCH(QString, creator);
    QFETCH(QString, submitter);
    QFETCH(QString, name);
    QFETCH(QString, role);
    QFETCH(QString, blocker);
    RolloutRecord rollout;
    rollout.createdBy = creator;
    rollout.submitted.actor = submitter;
    QCOMPARE(approvalBlocker(rollout, name, role), blocker);
}

void TestRolloutRules::plan_data()
{
    QTest::addColumn<QList<int>>("percents");
    QTest::addColumn<qint64>("soakSeconds");
    QTest::addColumn<double>("success");
    QTest::addColumn<int>("badStage");
    QTest::addColumn<QString>("message");
    QTest::newRow("defaults") << QList<int>{1, 10, 25, 50, 100} << qint64(0) << 95.0 << -1 << QString();
    QTest::newRow("single stage") << QList<int>{100} << qint64(0) << 0.0 << -1 << QString();
    QTest::newRow("equal") << QList<int>{10, 10, 100} << qint64(0) << 95.0 << 1
                           << QStringLiteral(
                                  "Stage 2: 10 % must be more than stage 1's 10 % (stages are cumulative).");
    QTest::newRow("decreasing")
        << QList<int>{50, 20, 100} << qint64(0) << 95.0 << 1
        << QStringLiteral("Stage 2: 20 % must be more than stage 1's 50 % (stages are cumulative).");
    QTest::newRow("last not 100") << QList<int>{10, 90} << qint64(0) << 95.0 << 1
                                  << QStringLiteral(
                                         "Stage 2 is the last one: it must cover 100 %, not 90 %.");
    QTest::newRow("over 100") << QList<int>{10, 101} << qint64(0) << 95.0 << 1
                              << QStringLiteral("Stage 2: 101 % is outside 1 to 100 %.");
    QTest::newRow("soak 30 days") << QList<int>{100} << qint64(30 * 86400) << 95.0 << -1 << QString();
    QTest::newRow("soak over 30 days")
        << QList<int>{100} << qint64(30 * 86400 + 1) << 95.0 << 0
        << QStringLiteral("Stage 1: the soak time must be between 0 and 30 days.");
    QTest::newRow("success over 100")
        << QList<int>{100} << qint64(0) << 100.5 << 0
        << QStringLiteral("Stage 1: the minimum success must be between 0 and 100 %.");
    QList<int> many;
    for (int i = 1; i <= 21; ++i)
        many.append(i == 21 ? 100 : i * 4);
    QTest::newRow("21 stages") << many << qint64(0) << 95.0 << -1
                               << QStringLiteral("21 stages: at most 20 are allowed.");
}

void TestRolloutRules::plan()
{
    QFETCH(QList<int>, percents);
    QFETCH(qint64, soakSeconds);
    QFETCH(double, success);
    QFETCH(int, badStage);
    QFETCH(QString, message);
    QList<RolloutStageRecord> stages;
    for (const int percent : percents)
        stages.append({percent, soakSeconds, success});
    const QList<PlanProblem> problems = checkStages(stages);
    if (message.isEmpty()) {
        QVERIFY2(problems.isEmpty(), problems.isEmpty() ? "" : qPrintable(problems.first().message));
        return;
    }
    QCOMPARE(problems.size(), 1);
    QCOMPARE(problems.first().message, message);
    QCOMPARE(problems.first().stage, badStage);

    // The whole plan adds what the other pages lack.
    RolloutRecord rollout;
    rollout.stages = defaultStages();
    rollout.maxFailurePercent = 150;
    QStringList messages;
    for (const PlanProblem &problem : checkRolloutPlan(rollout))
        messages.append(problem.message);
    QCOMPARE(messages, QStringList({QStringLiteral("Give the rollout a name."),
                                    QStringLiteral("Choose the release to roll out."),
                                    QStringLiteral("Choose at least one target group."),
                                    QStringLiteral("The failure threshold must be between 0 and 100 %.")}));
}

QTEST_GUILESS_MAIN(TestRolloutRules)
#include "tst_rollout_rules.moc"
