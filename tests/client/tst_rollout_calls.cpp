// RolloutCalls against a real otterd: the pre-flight counts what starting the rollout really does; the
// creator's own approval is refused with the four-eyes rule in words while another approver's passes;
// start, pause, resume and abort move the rollout; an action in the wrong state, on a stale revision, from a
// too-low role or while offline is refused with a sentence naming the cause.
#include "app/client/client_thread.h"
#include "app/client/rollout_calls.h"

#include "client_fixture.h"
#include "client_recorder.h"
#include "rollout_fixtures.h"

#include <QTest>

using namespace otter;
using namespace otter::client;
using namespace otter::test;
using models::RolloutAction;

namespace {

constexpr int Wait = 30000;

struct Outcome
{
    RolloutAction action = RolloutAction::Submit;
    models::RolloutRecord rollout;
    QString rolloutId;
    QString message;
    QString reason;
    bool ok = false;
};

// Records a RolloutCalls' answers on the test thread (queued, as the console receives them).
class CallsRecorder final : public QObject
{
public:
    explicit CallsRecorder(RolloutCalls *calls)
    {
        connect(calls, &RolloutCalls::actionSucceeded, this,
                [this](RolloutAction action, const models::RolloutRecord &rollout) {
                    outcomes.append({action, rollout, rollout.id, {}, {}, true});
                });
        connect(
            calls, &RolloutCalls::actionFailed, this,
            [this](RolloutAction action, const QString &id, const QString &message, const QString &reason) {
                outcomes.append({action, {}, id, message, reason, false});
            });
        connect(calls, &RolloutCalls::previewReady, this,
                [this](quint64 tag, const models::RolloutPreviewRecord &preview) {
                    previews.insert(tag, preview);
                });
        connect(calls, &RolloutCalls::previewFailed, this,
                [this](quint64 tag, const QString &message) { previewErrors.insert(tag, message); });
    }

    QList<Outcome> outcomes;
    QMap<quint64, models::RolloutPreviewRecord> previews;
    QMap<quint64, QString> previewErrors;
};

struct Operator
{
    std::unique_ptr<ClientThread> thread;
    std::unique_ptr<ClientRecorder> states;
    std::unique_ptr<CallsRecorder> calls;
    RolloutCalls *rollouts() const { return thread->client()->rollouts(); }
};

} // namespace

class TestRolloutCalls final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void previewMatchesStart();
    void draftPreviewWithoutWindow();
    void wrongStateAndStaleRevision();
    void roleAndCommentRefusals();
    void offlineIsRefusedInWords();

private:
    Operator signIn(const QString &name);
    // Runs one action and waits for its answer.
    Outcome act(Operator &who, RolloutAction action, const QString &id, qint64 revision,
                const QString &text = {});
    qint64 revision(const QString &id) { return m_scenario->get(id).rollout().revision(); }
    QString createDraft(const QString &id, const QList<int> &stages,
                        const QString &as = QStringLiteral("olga"));

    OtterdHarness m_otterd;
    std::unique_ptr<RolloutScenario> m_scenario;
    SignedRelease m_release;
    Operator m_olga;
    Operator m_abe;
};

Operator TestRolloutCalls::signIn(const QString &name)
{
    Operator who;
    who.thread = std::make_unique<ClientThread>();
    who.states = std::make_unique<ClientRecorder>(who.thread->client());
    who.calls = std::make_unique<CallsRecorder>(who.rollouts());
    who.thread->client()->connectTo(pinnedProfile(m_otterd), m_otterd.token(name));
    return who;
}

Outcome TestRolloutCalls::act(Operator &who, RolloutAction action, const QString &id, qint64 revision,
                              const QString &text)
{
    const qsizetype before = who.calls->outcomes.size();
    who.rollouts()->act(action, id, revision, text);
    if (!QTest::qWaitFor([&] { return who.calls->outcomes.size() > before; }, Wait))
        return {action, {}, id, QStringLiteral("no answer"), {}, false};
    return who.calls->outcomes.last();
}

QString TestRolloutCalls::createDraft(const QString &id, const QList<int> &stages, const QString &as)
{
    auto stub = v1::RolloutService::NewStub(m_otterd.channel());
    v1::CreateRolloutRequest request;
    v1::Rollout *rollout = request.mutable_rollout();
    rollout->set_id(id.toStdString());
    rollout->set_name(QStringLiteral("fw 1.2 %1").arg(id).toStdString());
    rollout->set_release_id(m_release.releaseId.toStdString());
    rollout->add_target_group_ids("fleet");
    for (const int percent : stages)
        rollout->add_stages()->set_cumulative_percent(quint32(percent));
    v1::CreateRolloutResponse response;
    const grpc::Status status = stub->CreateRollout(m_otterd.as(as).get(), request, &response);
    if (!status.ok())
        qWarning("CreateRollout: %s", status.error_message().c_str());
    return status.ok() ? id : QString();
}

void TestRolloutCalls::initTestCase()
{
    QVERIFY2(m_otterd.start(), qPrintable(m_otterd.error()));
    m_scenario = std::make_unique<RolloutScenario>(m_otterd);
    QVERIFY(m_scenario->uploadRelease(QStringLiteral("1.2.0"), 2, &m_release));
    // 20 eligible, 3 of another hardware class, 2 already current, 1 with a higher security version.
    m_scenario->addDevices(20, QStringLiteral("gw-200"), QStringLiteral("1.0.0"), 1, 0);
    m_scenario->addDevices(3, QStringLiteral("gw-300"), QStringLiteral("1.0.0"), 1, 20);
    m_scenario->addDevices(2, QStringLiteral("gw-200"), QStringLiteral("1.2.0"), 2, 23);
    m_scenario->addDevices(1, QStringLiteral("gw-200"), QStringLiteral("1.1.0"), 5, 25);
    QVERIFY(m_scenario->createGroup(QStringLiteral("fleet"), QStringLiteral(R"(region == "eu-west")")).ok());
    m_olga = signIn(QStringLiteral("olga"));
    m_abe = signIn(QStringLiteral("abe"));
    QTRY_VERIFY_WITH_TIMEOUT(m_olga.states->reached(ConnectionState::Online), Wait);
    QTRY_VERIFY_WITH_TIMEOUT(m_abe.states->reached(ConnectionState::Online), Wait);
}

void TestRolloutCalls::cleanupTestCase()
{
    m_olga = {};
    m_abe = {};
}

void TestRolloutCalls::previewMatchesStart()
{
    // Created by abe, an approver: the one approver who may not approve it.
    const QString id = createDraft(QStringLiteral("r-preview"), {10, 50, 100}, QStringLiteral("abe"));
    QVERIFY(!id.isEmpty());

    m_olga.rollouts()->preview(id, 7);
    QTRY_VERIFY_WITH_TIMEOUT(m_olga.calls->previews.contains(7) || m_olga.calls->previewErrors.contains(7),
                             Wait);
    QVERIFY2(m_olga.calls->previews.contains(7), qPrintable(m_olga.calls->previewErrors.value(7)));
    const models::RolloutPreviewRecord preview = m_olga.calls->previews.value(7);
    QCOMPARE(preview.targetedDevices, qint64(26));
    QCOMPARE(preview.eligibleDevices, qint64(20));
    QCOMPARE(preview.stages.size(), 3);
    QCOMPARE(preview.stages.last().cumulativeDeviceCount, qint64(20));
    QMap<QString, qint64> skipped;
    for (const auto &skip : preview.skipped)
        skipped.insert(skip.reason, skip.count);
    QCOMPARE(skipped.value(QStringLiteral("INCOMPATIBLE_HARDWARE")), qint64(3));
    QCOMPARE(skipped.value(QStringLiteral("ALREADY_CURRENT")), qint64(2));
    QCOMPARE(skipped.value(QStringLiteral("DOWNGRADE")), qint64(1));
    QVERIFY(!preview.firstWindowOpening.isValid());

    // Submitted by its creator, who then cannot approve it: four-eyes, in words.
    Outcome submitted = act(m_abe, RolloutAction::Submit, id, revision(id), QStringLiteral("please"));
    QVERIFY2(submitted.ok, qPrintable(submitted.message));
    QCOMPARE(submitted.rollout.state, QStringLiteral("PENDING_APPROVAL"));
    QCOMPARE(submitted.rollout.submitted.actor, QStringLiteral("abe"));
    const Outcome own = act(m_abe, RolloutAction::Approve, id, submitted.rollout.revision);
    QVERIFY(!own.ok);
    QCOMPARE(own.reason, QStringLiteral("FOUR_EYES"));
    QVERIFY2(own.message.contains(QStringLiteral("four-eyes")) &&
                 own.message.contains(QStringLiteral("neither created nor submitted")),
             qPrintable(own.message));
    QCOMPARE(m_scenario->get(id).rollout().state(), v1::ROLLOUT_STATE_PENDING_APPROVAL);

    // Another approver (ada, an admin) approves exactly the revision she saw.
    Operator ada = signIn(QStringLiteral("ada"));
    QTRY_VERIFY_WITH_TIMEOUT(ada.states->reached(ConnectionState::Online), Wait);
    const Outcome approved =
        act(ada, RolloutAction::Approve, id, submitted.rollout.revision, QStringLiteral("ok"));
    QVERIFY2(approved.ok, qPrintable(approved.message));
    QCOMPARE(approved.rollout.state, QStringLiteral("APPROVED"));
    QCOMPARE(approved.rollout.approved.actor, QStringLiteral("ada"));

    const Outcome started = act(m_olga, RolloutAction::Start, id, approved.rollout.revision);
    QVERIFY2(started.ok, qPrintable(started.message));
    QCOMPARE(started.rollout.state, QStringLiteral("RUNNING"));

    // What start did equals what the pre-flight said, stage by stage and skip by skip.
    const v1::GetRolloutResponse after = m_scenario->get(id);
    QCOMPARE(after.progress().stages_size(), preview.stages.size());
    for (int i = 0; i < preview.stages.size(); ++i)
        QCOMPARE(qint64(after.progress().stages(i).device_count()), preview.stages[i].deviceCount);
    QCOMPARE(qint64(after.progress().total().skipped()), qint64(6));
    const auto deployments = m_scenario->deployments(id, {v1::DEPLOYMENT_STATE_SKIPPED});
    QMap<QString, qint64> actual;
    for (const auto &deployment : deployments) {
        QString reason = QString::fromStdString(v1::SkipReason_Name(deployment.skip_reason()));
        actual[reason.remove(QStringLiteral("SKIP_REASON_"))] += 1;
    }
    QCOMPARE(actual, skipped);

    // A started rollout has no pre-flight any more: the server says so.
    m_olga.rollouts()->preview(id, 8);
    QTRY_VERIFY_WITH_TIMEOUT(m_olga.calls->previewErrors.contains(8), Wait);
    QVERIFY(!m_olga.calls->previewErrors.value(8).isEmpty());

    // Pause, resume, abort: each transition as the server stores it.
    const Outcome paused =
        act(m_olga, RolloutAction::Pause, id, started.rollout.revision, QStringLiteral("checking logs"));
    QVERIFY2(paused.ok, qPrintable(paused.message));
    QCOMPARE(paused.rollout.state, QStringLiteral("PAUSED"));
    QCOMPARE(paused.rollout.paused.comment, QStringLiteral("checking logs"));
    const Outcome resumed = act(m_olga, RolloutAction::Resume, id, paused.rollout.revision);
    QVERIFY2(resumed.ok, qPrintable(resumed.message));
    QCOMPARE(resumed.rollout.state, QStringLiteral("RUNNING"));
    const Outcome aborted =
        act(m_olga, RolloutAction::Abort, id, resumed.rollout.revision, QStringLiteral("withdrawn"));
    QVERIFY2(aborted.ok, qPrintable(aborted.message));
    QCOMPARE(aborted.rollout.state, QStringLiteral("ABORTED"));
    QCOMPARE(aborted.rollout.finished.comment, QStringLiteral("withdrawn"));
}

void TestRolloutCalls::draftPreviewWithoutWindow()
{
    models::RolloutRecord draft;
    draft.name = QStringLiteral("unsaved");
    draft.releaseId = m_release.releaseId;
    draft.targetGroupIds = {QStringLiteral("fleet")};
    draft.stages = models::defaultStages();
    draft.maxFailurePercent = 5;
    draft.minFinished = 20;
    m_olga.rollouts()->previewDraft(draft, 21);
    QTRY_VERIFY_WITH_TIMEOUT(m_olga.calls->previews.contains(21) || m_olga.calls->previewErrors.contains(21),
                             Wait);
    QVERIFY2(m_olga.calls->previews.contains(21), qPrintable(m_olga.calls->previewErrors.value(21)));
    const auto preview = m_olga.calls->previews.value(21);
    QCOMPARE(preview.eligibleDevices, qint64(20));
    QCOMPARE(preview.stages.size(), 5);
    QCOMPARE(preview.stages.first().deviceCount, qint64(1)); // ceil(20 × 1 %)

    // A draft naming a group that does not exist: the server's sentence names it.
    draft.targetGroupIds = {QStringLiteral("no-such-group")};
    m_olga.rollouts()->previewDraft(draft, 22);
    QTRY_VERIFY_WITH_TIMEOUT(m_olga.calls->previewErrors.contains(22), Wait);
    QVERIFY2(m_olga.calls->previewErrors.value(22).contains(QStringLiteral("no-such-group")),
             qPrintable(m_olga.calls->previewErrors.value(22)));
}

void TestRolloutCalls::wrongStateAndStaleRevision()
{
    const QString id = createDraft(QStringLiteral("r-states"), {50, 100});
    QVERIFY(!id.isEmpty());
    // A draft cannot be started: the message names its state and the state needed.
    const Outcome early = act(m_olga, RolloutAction::Start, id, revision(id));
    QVERIFY(!early.ok);
    QCOMPARE(early.reason, QStringLiteral("WRONG_STATE"));
    QVERIFY2(early.message.contains(QStringLiteral("DRAFT")) &&
                 early.message.contains(QStringLiteral("APPROVED")),
             qPrintable(early.message));

    // Submitting against a revision someone else moved on from.
    const qint64 seen = revision(id);
    const Outcome submitted = act(m_olga, RolloutAction::Submit, id, seen);
    QVERIFY2(submitted.ok, qPrintable(submitted.message));
    const Outcome stale = act(m_abe, RolloutAction::Reject, id, seen, QStringLiteral("smaller canary"));
    QVERIFY(!stale.ok);
    QCOMPARE(stale.reason, QStringLiteral("STALE_REVISION"));
    QVERIFY2(stale.message.contains(QString::number(seen)) &&
                 stale.message.contains(QString::number(submitted.rollout.revision)),
             qPrintable(stale.message));

    // Rejected with the current revision: back to a draft, the comment kept.
    const Outcome rejected =
        act(m_abe, RolloutAction::Reject, id, submitted.rollout.revision, QStringLiteral("smaller canary"));
    QVERIFY2(rejected.ok, qPrintable(rejected.message));
    QCOMPARE(rejected.rollout.state, QStringLiteral("DRAFT"));
    QCOMPARE(rejected.rollout.rejected.comment, QStringLiteral("smaller canary"));

    // Aborted for good; resuming it afterwards names ABORTED.
    const Outcome aborted =
        act(m_olga, RolloutAction::Abort, id, rejected.rollout.revision, QStringLiteral("replaced"));
    QVERIFY2(aborted.ok, qPrintable(aborted.message));
    const Outcome late = act(m_olga, RolloutAction::Resume, id, aborted.rollout.revision);
    QVERIFY(!late.ok);
    QCOMPARE(late.reason, QStringLiteral("WRONG_STATE"));
    QVERIFY2(late.message.contains(QStringLiteral("ABORTED")) &&
                 late.message.contains(QStringLiteral("PAUSED")),
             qPrintable(late.message));
}

void TestRolloutCalls::roleAndCommentRefusals()
{
    const QString id = createDraft(QStringLiteral("r-roles"), {100});
    QVERIFY(!id.isEmpty());
    const Outcome submitted = act(m_olga, RolloutAction::Submit, id, revision(id));
    QVERIFY2(submitted.ok, qPrintable(submitted.message));

    // A reject without a comment is refused: the approver must say what to change.
    const Outcome bare = act(m_abe, RolloutAction::Reject, id, submitted.rollout.revision, {});
    QVERIFY(!bare.ok);
    QVERIFY2(bare.message.contains(QStringLiteral("not rejected")), qPrintable(bare.message));

    // An operator (not an approver) who did not create it: refused for the role, not four-eyes.
    Operator oscar = signIn(QStringLiteral("oscar"));
    QTRY_VERIFY_WITH_TIMEOUT(oscar.states->reached(ConnectionState::Online), Wait);
    const Outcome low = act(oscar, RolloutAction::Approve, id, submitted.rollout.revision);
    QVERIFY(!low.ok);
    QVERIFY(low.reason.isEmpty());
    QVERIFY2(low.message.contains(QStringLiteral("role")), qPrintable(low.message));
    QCOMPARE(m_scenario->get(id).rollout().state(), v1::ROLLOUT_STATE_PENDING_APPROVAL);
}

void TestRolloutCalls::offlineIsRefusedInWords()
{
    ClientThread thread;
    CallsRecorder recorder(thread.client()->rollouts());
    thread.client()->rollouts()->pause(QStringLiteral("r-any"), 1, QStringLiteral("why"));
    thread.client()->rollouts()->preview(QStringLiteral("r-any"), 1);
    QTRY_COMPARE_WITH_TIMEOUT(recorder.outcomes.size(), 1, Wait);
    QVERIFY(recorder.outcomes.first().message.contains(QStringLiteral("offline")));
    QTRY_VERIFY_WITH_TIMEOUT(recorder.previewErrors.contains(1), Wait);
    QVERIFY(recorder.previewErrors.value(1).contains(QStringLiteral("needs a connection")));
}

QTEST_GUILESS_MAIN(TestRolloutCalls)
#include "tst_rollout_calls.moc"
