// bench.rollout_view: the real rollout detail (controller, timeline, view with its charts), offscreen, fed
// 10,000 WatchRollout updates a second for 10 s from another thread through queued signals — the path the
// client's updates take. Prints the updates absorbed per second, chart redraws per second and the longest
// event-loop stall (a 5 ms heartbeat's largest gap), beside the same heartbeat with no load, measured first.
#include "app/client/client_thread.h"
#include "app/client/console_client.h"
#include "app/console/rollout_detail_controller.h"
#include "models/rollout_timeline.h"
#include "ui/pages/rollout_detail_view.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <vector>

using namespace otter;

namespace {

constexpr int RatePerSecond = 10000;
constexpr int LoadMs = 10000;
constexpr int BaselineMs = 2000;
constexpr int HeartbeatMs = 5;
const QString RolloutId = QStringLiteral("bench-rollout");

// Lives on its own thread and emits updates at a steady rate, catching up after a late tick.
class Feeder final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Feeder)

public:
    Feeder()
        : m_timer(this)
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(1);
        connect(&m_timer, &QTimer::timeout, this, &Feeder::tick);
    }

    void start()
    {
        m_clock.start();
        emit update(makeUpdate(true));
        m_timer.start();
    }
    void stop() { m_timer.stop(); }
    quint64 sent() const { return m_sent.load(); }

signals:
    void update(const otter::models::RolloutWatchUpdate &update);

private:
    void tick()
    {
        const qint64 due = m_clock.elapsed() * RatePerSecond / 1000;
        while (qint64(m_sent.load()) < due)
            emit update(makeUpdate(false));
    }

    models::RolloutWatchUpdate makeUpdate(bool snapshot)
    {
        const quint64 n = m_sent.fetch_add(1);
        models::RolloutWatchUpdate u;
        u.rolloutId = RolloutId;
        u.snapshot = snapshot;
        if (snapshot) {
            models::RolloutRecord rollout;
            rollout.id = RolloutId;
            rollout.name = QStringLiteral("benchmark rollout");
            rollout.state = QStringLiteral("RUNNING");
            rollout.maxFailurePercent = 5;
            rollout.minFinished = 40;
            for (int percent : {1, 10, 25, 50, 100})
                rollout.stages.append({percent, 0, 95});
            u.rollout = rollout;
        }
        // Absolute counters of a 1,000,000-device rollout moving on with every update.
        u.progress.rolloutId = RolloutId;
        u.progress.asOf = QDateTime::currentDateTimeUtc();
        const quint64 done = n % 1000000;
        u.progress.total.succeeded = done - done / 25;
        u.progress.total.failed = done / 40;
        u.progress.total.rolledBack = done / 25 - done / 40;
        u.progress.total.pending = 1000000 - done;
        u.progress.failureSample = done;
        u.progress.failurePercent = done == 0 ? 0 : 4.0 + double(n % 200) / 100.0;
        const quint64 sizes[] = {10000, 90000, 150000, 250000, 500000};
        quint64 before = 0;
        for (int i = 0; i < 5; ++i) {
            models::StageProgressRecord stage;
            stage.index = i;
            stage.cumulativePercent = int(u.rollout ? u.rollout->stages[i].cumulativePercent : 0);
            stage.deviceCount = sizes[i];
            const quint64 inStage = done > before ? qMin(done - before, sizes[i]) : 0;
            stage.counts.succeeded = inStage - inStage / 25;
            stage.counts.failed = inStage / 25;
            stage.status = inStage == sizes[i]
                               ? QStringLiteral("PASSED")
                               : (inStage > 0 ? QStringLiteral("ACTIVE") : QStringLiteral("WAITING"));
            stage.gateDetail =
                QStringLiteral("stage %1: waiting for %2 devices").arg(i + 1).arg(sizes[i] - inStage);
            u.progress.stages.append(stage);
            before += sizes[i];
        }
        // Now and then an event, as stage starts and state changes come.
        if (n % 5000 == 0) {
            models::RolloutEventRecord event;
            event.seq = qint64(n / 5000) + 1;
            event.time = u.progress.asOf;
            event.kind = QStringLiteral("STAGE_STARTED");
            event.stage = int((n / 5000) % 5);
            event.actor = QStringLiteral("system");
            event.message = QStringLiteral("stage started");
            u.events.append(event);
        }
        return u;
    }

    QTimer m_timer;
    QElapsedTimer m_clock;
    std::atomic<quint64> m_sent{0};
};

// The GUI thread's responsiveness: the largest gap between 5 ms heartbeats, and how many exceeded 50 ms.
struct Heartbeat
{
    QElapsedTimer clock;
    qint64 last = 0;
    qint64 maxGap = 0;
    qint64 maxAt = 0; // when the largest gap ended, ms after reset()
    int beats = 0;
    int over50 = 0;
    std::vector<qint64> gaps;

    // The gap that 99 % of the heartbeats stayed within.
    qint64 p99() const
    {
        if (gaps.empty())
            return 0;
        std::vector<qint64> sorted = gaps;
        std::sort(sorted.begin(), sorted.end());
        return sorted[sorted.size() * 99 / 100];
    }

    void reset()
    {
        clock.start();
        last = 0;
        maxGap = 0;
        maxAt = 0;
        beats = 0;
        over50 = 0;
        gaps.clear();
    }
    void beat()
    {
        const qint64 now = clock.elapsed();
        const qint64 gap = now - last;
        last = now;
        if (gap > maxGap) {
            maxGap = gap;
            maxAt = now;
        }
        over50 += gap > 50 ? 1 : 0;
        gaps.push_back(gap);
        ++beats;
    }
};

void runFor(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    client::ClientThread clientThread; // never connected: only the view's side of the path is measured
    console::RolloutDetailController controller(clientThread.client(), nullptr, {}, nullptr);
    controller.open(RolloutId, true);
    ui::RolloutDetailView *view = controller.view();
    view->resize(1180, 860);

    Heartbeat heartbeat;
    QTimer pulse;
    pulse.setTimerType(Qt::PreciseTimer);
    pulse.setInterval(HeartbeatMs);
    QObject::connect(&pulse, &QTimer::timeout, &app, [&heartbeat] { heartbeat.beat(); });

    // Baseline: the same window and heartbeat, no updates.
    runFor(300);
    heartbeat.reset();
    pulse.start();
    runFor(BaselineMs);
    const Heartbeat idle = heartbeat;
    const quint64 idleRefreshes = view->chartRefreshes();

    QThread feederThread;
    auto *feeder = new Feeder();
    feeder->moveToThread(&feederThread);
    QObject::connect(&feederThread, &QThread::finished, feeder, &QObject::deleteLater);
    QObject::connect(feeder, &Feeder::update, &controller, &console::RolloutDetailController::applyUpdate,
                     Qt::QueuedConnection);
    feederThread.start();

    const quint64 refreshesBefore = view->chartRefreshes();
    heartbeat.reset();
    QElapsedTimer wall;
    wall.start();
    QMetaObject::invokeMethod(
        feeder, [feeder] { feeder->start(); }, Qt::QueuedConnection);
    runFor(LoadMs);
    QMetaObject::invokeMethod(
        feeder, [feeder] { feeder->stop(); }, Qt::BlockingQueuedConnection);
    const qint64 loadMs = wall.elapsed();
    const quint64 absorbedInWindow = controller.updatesApplied();
    const quint64 sent = feeder->sent();
    const quint64 refreshes = view->chartRefreshes() - refreshesBefore;
    const Heartbeat loaded = heartbeat;
    // Drain what is still queued, then count it all.
    QElapsedTimer drain;
    drain.start();
    while (controller.updatesApplied() < sent && drain.elapsed() < 60000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    const qint64 drainMs = drain.elapsed();
    pulse.stop();
    feederThread.quit();
    feederThread.wait();

    const double seconds = double(loadMs) / 1000.0;
    std::printf(
        "bench.rollout_view: rollout detail view, offscreen, fed from another thread via queued signals\n");
    std::printf("  baseline (no updates, %d ms): max heartbeat gap %lld ms, p99 %lld ms over %d beats, %llu "
                "chart refreshes\n",
                BaselineMs, qint64(idle.maxGap), qint64(idle.p99()), idle.beats,
                (unsigned long long)(idleRefreshes));
    std::printf("  offered:   %llu updates in %.2f s = %.0f updates/s (target %d/s)\n",
                (unsigned long long)sent, seconds, double(sent) / seconds, RatePerSecond);
    std::printf("  absorbed:  %llu updates in the window = %.0f updates/s; backlog drained in %lld ms\n",
                (unsigned long long)absorbedInWindow, double(absorbedInWindow) / seconds, qint64(drainMs));
    std::printf(
        "  charts:    %llu redraws = %.1f redraws/s (refresh interval %d ms), %lld points per series\n",
        (unsigned long long)refreshes, double(refreshes) / seconds, view->refreshInterval(),
        qint64(controller.timeline()->size()));
    std::printf(
        "  GUI thread: max heartbeat gap %lld ms under load (target <= 50 ms) at %lld ms, p99 %lld ms, "
        "%d gaps > 50 ms, %d beats\n",
        qint64(loaded.maxGap), qint64(loaded.maxAt), qint64(loaded.p99()), loaded.over50, loaded.beats);
    return 0;
}

#include "bench_rollout_view.moc"
