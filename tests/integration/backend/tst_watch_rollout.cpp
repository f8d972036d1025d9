// RolloutService.WatchRollout against a real otterd while devices report from several threads: the snapshot
// first, coalesced updates with absolute counters and every event exactly once, the end of the stream once
// the rollout is over, client cancels, several watchers at once, and the refusals.
#include "rollout_fixtures.h"

#include <QElapsedTimer>
#include <QSet>
#include <QTest>

#include <atomic>
#include <mutex>
#include <thread>

using namespace otter;
using namespace otter::test;

namespace {

QString q(const std::string &text)
{
    return QString::fromStdString(text);
}

// One client watching a rollout on its own connection and thread, keeping every message.
class Watcher
{
public:
    Watcher(const OtterdHarness &otterd, const QString &rolloutId, const QString &as = QStringLiteral("vera"))
        : m_stub(v1::RolloutService::NewStub(otterd.channel()))
        , m_context(as.isEmpty() ? otterd.anonymous(120000) : otterd.as(as, 120000))
    {
        m_request.set_rollout_id(rolloutId.toStdString());
        m_thread = std::thread([this] { run(); });
    }
    ~Watcher()
    {
        m_context->TryCancel();
        if (m_thread.joinable())
            m_thread.join();
    }

    qsizetype count() const
    {
        std::lock_guard lock(m_mutex);
        return m_messages.size();
    }
    bool done() const { return m_done.load(); }
    void cancel() { m_context->TryCancel(); }
    // Once done(): everything received, and how the stream ended.
    const QList<v1::WatchRolloutResponse> &messages() const { return m_messages; }
    grpc::Status status() const { return m_status; }

private:
    void run()
    {
        auto reader = m_stub->WatchRollout(m_context.get(), m_request);
        v1::WatchRolloutResponse message;
        while (reader->Read(&message)) {
            std::lock_guard lock(m_mutex);
            m_messages.append(message);
        }
        m_status = reader->Finish();
        m_done = true;
    }

    std::unique_ptr<v1::RolloutService::Stub> m_stub;
    std::unique_ptr<grpc::ClientContext> m_context;
    v1::WatchRolloutRequest m_request;
    mutable std::mutex m_mutex;
    QList<v1::WatchRolloutResponse> m_messages;
    grpc::Status m_status;
    std::atomic<bool> m_done{false};
    std::thread m_thread;
};

bool sameCounts(const v1::DeploymentCounts &a, const v1::DeploymentCounts &b)
{
    return a.SerializeAsString() == b.SerializeAsString();
}

QString describe(const v1::DeploymentCounts &counts)
{
    return q(counts.ShortDebugString());
}

} // namespace

class TestWatchRollout : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(m_otterd.start(), qPrintable(m_otterd.error()));
        m_scenario = std::make_unique<RolloutScenario>(m_otterd);
        QVERIFY(m_scenario->uploadRelease(QStringLiteral("2.0.0"), 2, &m_release));
        m_scenario->addDevices(200, QStringLiteral("gw-200"), QStringLiteral("1.0.0"), 1, 0);
        // Two groups whose union is the fleet.
        QVERIFY(m_scenario->createGroup(QStringLiteral("low"), QStringLiteral("id ~ \"dev-000*\"")).ok());
        QVERIFY(m_scenario->createGroup(QStringLiteral("high"), QStringLiteral("id ~ \"dev-001*\"")).ok());
        // A draft, which never changes by itself.
        v1::CreateRolloutRequest create;
        create.mutable_rollout()->set_id("watch-draft");
        create.mutable_rollout()->set_name("a draft to watch");
        create.mutable_rollout()->set_release_id(m_release.releaseId.toStdString());
        create.mutable_rollout()->add_target_group_ids("low");
        v1::CreateRolloutResponse created;
        auto stub = v1::RolloutService::NewStub(m_otterd.channel());
        QVERIFY(stub->CreateRollout(m_otterd.as(QStringLiteral("olga")).get(), create, &created).ok());
    }

    void refusals()
    {
        Watcher unknown(m_otterd, QStringLiteral("no-such-rollout"));
        QVERIFY(waitFor([&] { return unknown.done(); }));
        QCOMPARE(unknown.status().error_code(), grpc::StatusCode::NOT_FOUND);
        QVERIFY2(q(unknown.status().error_message()).contains(QLatin1StringView("no-such-rollout")),
                 unknown.status().error_message().c_str());
        QCOMPARE(unknown.messages().size(), 0);

        Watcher anonymous(m_otterd, QStringLiteral("watch-draft"), QString());
        QVERIFY(waitFor([&] { return anonymous.done(); }));
        QCOMPARE(anonymous.status().error_code(), grpc::StatusCode::UNAUTHENTICATED);
        QCOMPARE(anonymous.messages().size(), 0);
    }

    void clientCancelEndsTheStream()
    {
        // A draft never changes by itself: the stream would last until the client cancels.
        Watcher watcher(m_otterd, QStringLiteral("watch-draft"));
        QVERIFY(waitFor([&] { return watcher.count() >= 1; }));
        watcher.cancel();
        QVERIFY(waitFor([&] { return watcher.done(); }));
        QCOMPARE(watcher.status().error_code(), grpc::StatusCode::CANCELLED);
        QCOMPARE(watcher.messages().size(), 1);
        const v1::WatchRolloutResponse &snapshot = watcher.messages().first();
        QVERIFY(snapshot.snapshot());
        QCOMPARE(snapshot.rollout().state(), v1::ROLLOUT_STATE_DRAFT);
        QCOMPARE(q(snapshot.progress().rollout_id()), QStringLiteral("watch-draft"));
        QCOMPARE(snapshot.progress().stages_size(), 0); // not started
    }

    void snapshotThenCoalescedUpdatesUntilCompleted()
    {
        const QString id = QStringLiteral("watch-main");
        QVERIFY(m_scenario
                    ->createApproved(id, m_release.releaseId, {QStringLiteral("low"), QStringLiteral("high")},
                                     {10, 50, 100}, 50, 20, nullptr)
                    .ok());
        QVERIFY(m_scenario->act(QStringLiteral("Start"), id).ok());
        const v1::GetRolloutResponse started = m_scenario->get(id);

        // Three watchers at once, each a viewer on a connection of its own.
        Watcher first(m_otterd, id);
        Watcher second(m_otterd, id);
        Watcher quitter(m_otterd, id);
        QVERIFY(waitFor([&] { return first.count() >= 1 && second.count() >= 1 && quitter.count() >= 1; }));

        // Devices report from four threads: first only stage 1's, until stage 2 starts; then everyone's until
        // the rollout completes.
        QElapsedTimer driving;
        driving.start();
        auto &devices = m_scenario->devices();
        QSet<QString> stageOne;
        for (const v1::Deployment &deployment : m_scenario->deployments(id, {}, 0u))
            stageOne.insert(q(deployment.device_id()));
        QCOMPARE(stageOne.size(), 20);
        const auto drive = [&](const std::function<bool(const TestDevice &)> &which,
                               const std::function<bool(const v1::GetRolloutResponse &)> &until) {
            std::atomic<bool> stop{false};
            std::vector<std::thread> drivers;
            for (int t = 0; t < 4; ++t) {
                drivers.emplace_back([&, t] {
                    while (!stop.load()) {
                        for (size_t i = size_t(t); i < devices.size(); i += 4) {
                            if (which(*devices[i]) && devices[i]->version() != QLatin1StringView("2.0.0"))
                                devices[i]->step();
                        }
                    }
                });
            }
            const bool reached = waitFor([&] { return until(m_scenario->get(id)); }, 120000);
            stop = true;
            for (std::thread &driver : drivers)
                driver.join();
            return reached;
        };
        QVERIFY(drive([&](const TestDevice &device) { return stageOne.contains(device.id()); },
                      [](const v1::GetRolloutResponse &r) { return r.rollout().current_stage() >= 1; }));

        // One watcher hangs up in the middle; the others carry on.
        QCOMPARE(m_scenario->get(id).rollout().state(), v1::ROLLOUT_STATE_RUNNING);
        quitter.cancel();
        QVERIFY(waitFor([&] { return quitter.done(); }));
        QCOMPARE(quitter.status().error_code(), grpc::StatusCode::CANCELLED);
        QVERIFY(quitter.messages().size() >= 1);
        QVERIFY(!first.done() && !second.done());

        QVERIFY(drive([](const TestDevice &) { return true; },
                      [](const v1::GetRolloutResponse &r) {
                          return r.rollout().state() == v1::ROLLOUT_STATE_COMPLETED;
                      }));
        QVERIFY(waitFor([&] { return first.done() && second.done(); }));
        const v1::GetRolloutResponse stored = m_scenario->get(id);
        QCOMPARE(stored.progress().total().succeeded(), 200u);
        int reports = 0;
        for (const auto &device : devices)
            reports += device->reports();
        QVERIFY(reports >= 1000); // five reports per device at least

        for (Watcher *watcher : {&first, &second}) {
            QCOMPARE(watcher->status().error_code(), grpc::StatusCode::OK);
            const QList<v1::WatchRolloutResponse> &messages = watcher->messages();
            QVERIFY(messages.size() >= 2);
            // The snapshot: the rollout, its counters and its history.
            const v1::WatchRolloutResponse &snapshot = messages.first();
            QVERIFY(snapshot.snapshot());
            QVERIFY(snapshot.has_rollout());
            QCOMPARE(snapshot.rollout().state(), v1::ROLLOUT_STATE_RUNNING);
            QCOMPARE(snapshot.progress().stages_size(), 3);
            QCOMPARE(snapshot.progress().total().pending(), 200u);
            QVERIFY(snapshot.events_size() >= started.events_size());
            for (int i = 0; i < started.events_size(); ++i)
                QCOMPARE(snapshot.events(i).SerializeAsString(), started.events(i).SerializeAsString());

            // Updates: coalesced, absolute, every event once, the rollout only when its revision moved.
            qint64 revision = snapshot.rollout().revision();
            qint64 lastSeq = 0;
            quint64 succeeded = 0;
            v1::RolloutState state = snapshot.rollout().state();
            QList<v1::RolloutEvent> events;
            for (qsizetype i = 0; i < messages.size(); ++i) {
                const v1::WatchRolloutResponse &message = messages[i];
                QCOMPARE(message.snapshot(), i == 0);
                QVERIFY(message.has_progress());
                if (i > 0 && message.has_rollout()) {
                    QVERIFY(message.rollout().revision() > revision);
                    revision = message.rollout().revision();
                    state = message.rollout().state();
                }
                QVERIFY(message.progress().total().succeeded() >= succeeded);
                succeeded = message.progress().total().succeeded();
                for (const v1::RolloutEvent &event : message.events()) {
                    QCOMPARE(event.seq(), lastSeq + 1);
                    lastSeq = event.seq();
                    events << event;
                }
            }
            QCOMPARE(state, v1::ROLLOUT_STATE_COMPLETED);
            QCOMPARE(revision, stored.rollout().revision());
            QCOMPARE(events.size(), stored.events_size());
            for (qsizetype i = 0; i < events.size(); ++i)
                QCOMPARE(events[i].SerializeAsString(), stored.events(int(i)).SerializeAsString());
            int stagesStarted = 0;
            for (const v1::RolloutEvent &event : events)
                stagesStarted += event.kind() == v1::ROLLOUT_EVENT_KIND_STAGE_STARTED;
            QCOMPARE(stagesStarted, 3);
            // The last message's counters are the stored counters.
            const v1::RolloutProgress &last = messages.last().progress();
            QVERIFY2(sameCounts(last.total(), stored.progress().total()),
                     qPrintable(describe(last.total()) + QStringLiteral(" vs ") +
                                describe(stored.progress().total())));
            QCOMPARE(last.stages_size(), stored.progress().stages_size());
            for (int s = 0; s < last.stages_size(); ++s) {
                QVERIFY(sameCounts(last.stages(s).counts(), stored.progress().stages(s).counts()));
                QCOMPARE(last.stages(s).status(), v1::STAGE_STATUS_PASSED);
            }
            // Far fewer messages than reports: at most four a second, however fast devices report.
            QVERIFY2(
                messages.size() * 4 < reports,
                qPrintable(QStringLiteral("%1 messages for %2 reports").arg(messages.size()).arg(reports)));
        }
        qInfo("%lld and %lld messages for %d status reports in %lld ms", qint64(first.messages().size()),
              qint64(second.messages().size()), reports, driving.elapsed());

        // Watching a finished rollout: the snapshot is the last message, then OK.
        Watcher late(m_otterd, id);
        QVERIFY(waitFor([&] { return late.done(); }));
        QCOMPARE(late.status().error_code(), grpc::StatusCode::OK);
        QCOMPARE(late.messages().size(), 1);
        QVERIFY(late.messages().first().snapshot());
        QCOMPARE(late.messages().first().rollout().state(), v1::ROLLOUT_STATE_COMPLETED);
        QVERIFY(sameCounts(late.messages().first().progress().total(), stored.progress().total()));
    }

    void abortedRolloutEndsTheStreamDespiteCancelledDownloads()
    {
        m_scenario->addDevices(5, QStringLiteral("gw-200"), QStringLiteral("1.0.0"), 1, 900);
        QVERIFY(m_scenario->createGroup(QStringLiteral("few"), QStringLiteral("id ~ \"dev-009*\"")).ok());
        const QString id = QStringLiteral("watch-abort");
        QVERIFY(m_scenario
                    ->createApproved(id, m_release.releaseId, {QStringLiteral("few")}, {100}, 50, 20, nullptr)
                    .ok());
        QVERIFY(m_scenario->act(QStringLiteral("Start"), id).ok());
        // One device downloading, one downloaded: under way until the abort cancels them.
        TestDevice &downloading = m_scenario->device(QStringLiteral("dev-00900"));
        TestDevice &downloaded = m_scenario->device(QStringLiteral("dev-00901"));
        const QString first = id + QStringLiteral(":dev-00900");
        const QString second = id + QStringLiteral(":dev-00901");
        QVERIFY(
            downloading.report(first, v1::DEPLOYMENT_STATE_PENDING, v1::DEPLOYMENT_STATE_DOWNLOADING).ok());
        QVERIFY(
            downloaded.report(second, v1::DEPLOYMENT_STATE_PENDING, v1::DEPLOYMENT_STATE_DOWNLOADING).ok());
        QVERIFY(downloaded.report(second, v1::DEPLOYMENT_STATE_DOWNLOADING, v1::DEPLOYMENT_STATE_DOWNLOADED)
                    .ok());

        Watcher watcher(m_otterd, id);
        QVERIFY(waitFor([&] { return watcher.count() >= 1; }));
        QVERIFY(!watcher.done());
        QVERIFY(
            m_scenario->act(QStringLiteral("Abort"), id, QStringLiteral("olga"), QStringLiteral("stop here"))
                .ok());
        // Cancelled deployments are no longer under way: the stream ends.
        QVERIFY(waitFor([&] { return watcher.done(); }, 20000));
        QCOMPARE(watcher.status().error_code(), grpc::StatusCode::OK);
        v1::RolloutState state = v1::ROLLOUT_STATE_UNSPECIFIED;
        for (const v1::WatchRolloutResponse &message : watcher.messages()) {
            if (message.has_rollout())
                state = message.rollout().state();
        }
        QCOMPARE(state, v1::ROLLOUT_STATE_ABORTED);
        const v1::GetRolloutResponse stored = m_scenario->get(id);
        QVERIFY(sameCounts(watcher.messages().last().progress().total(), stored.progress().total()));
        QCOMPARE(stored.progress().total().downloading(), 1u);
        QCOMPARE(stored.progress().total().downloaded(), 1u);
    }

    void cleanupTestCase()
    {
        // After every stream above, otterd still shuts down cleanly (SIGTERM, exit code 0).
        QVERIFY(m_otterd.stop());
    }

    void cleanup()
    {
        if (QTest::currentTestFailed())
            qWarning().noquote() << m_otterd.log().right(4000);
    }

private:
    OtterdHarness m_otterd;
    std::unique_ptr<RolloutScenario> m_scenario;
    SignedRelease m_release;
};

QTEST_GUILESS_MAIN(TestWatchRollout)
#include "tst_watch_rollout.moc"
