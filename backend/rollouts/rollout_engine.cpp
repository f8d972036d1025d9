// The rollout engine: failure policy and stage gates of every RUNNING rollout.
#include "backend/rollouts/rollout_engine.h"

#include "backend/rollouts/rollout_definition.h"
#include "backend/rollouts/rollout_lifecycle.h"
#include "backend/rollouts/rollout_progress.h"
#include "core/rollout_policy.h"

#include <QLoggingCategory>

#include <chrono>

Q_LOGGING_CATEGORY(lcEngine, "otter.backend.engine")

namespace otter::backend {
namespace {

// Soak times and window openings pass without any report: a steady tick notices them.
constexpr auto Tick = std::chrono::milliseconds(500);
// Reports alone start an evaluation at most this often. Each evaluation is a write transaction that would
// otherwise run back to back with the report batches under load; 20 ms is far below any soak time and
// below the 250 ms at which watchers see updates, and a stage that is not started yet gets no directives.
constexpr auto ReportSpacing = std::chrono::milliseconds(20);

} // namespace

RolloutEngine::RolloutEngine(ServiceContext &context)
    : m_context(context)
{}

RolloutEngine::~RolloutEngine()
{
    stop();
}

void RolloutEngine::start()
{
    m_thread = std::thread([this] { run(); });
}

void RolloutEngine::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    m_changed.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

bool RolloutEngine::stopping() const
{
    std::lock_guard lock(m_mutex);
    return m_stop;
}

void RolloutEngine::wake()
{
    {
        std::lock_guard lock(m_mutex);
        m_woken = true;
        m_urgent = true;
    }
    m_wake.notify_all();
}

void RolloutEngine::changed(const QSet<QString> &rolloutIds)
{
    bool wasWoken = false;
    {
        std::lock_guard lock(m_mutex);
        for (const QString &id : rolloutIds) {
            m_dirty.insert(id);
            m_changes[id] += 1;
        }
        wasWoken = std::exchange(m_woken, true);
    }
    // Called once per status report: only the first report since the last evaluation wakes the engine
    // (the flag makes it evaluate again anyway), so a burst of reports costs one wake-up, not thousands.
    if (!wasWoken)
        m_wake.notify_all();
    m_changed.notify_all();
}

void RolloutEngine::bump(const QString &rolloutId)
{
    {
        std::lock_guard lock(m_mutex);
        m_changes[rolloutId] += 1;
    }
    m_changed.notify_all();
}

quint64 RolloutEngine::changeCount(const QString &rolloutId) const
{
    std::lock_guard lock(m_mutex);
    return m_changes.value(rolloutId);
}

quint64 RolloutEngine::waitForChange(const QString &rolloutId, quint64 seen, int timeoutMs) const
{
    std::unique_lock lock(m_mutex);
    m_changed.wait_for(lock, std::chrono::milliseconds(timeoutMs),
                       [&] { return m_stop || m_changes.value(rolloutId) != seen; });
    return m_changes.value(rolloutId);
}

void RolloutEngine::run()
{
    auto lastEvaluation = std::chrono::steady_clock::now() - ReportSpacing;
    for (;;) {
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait_for(lock, Tick, [&] { return m_stop || m_woken; });
            if (m_woken && !m_urgent)
                m_wake.wait_until(lock, lastEvaluation + ReportSpacing, [&] { return m_stop || m_urgent; });
            if (m_stop)
                return;
            m_woken = false;
            m_urgent = false;
            m_dirty.clear();
        }
        lastEvaluation = std::chrono::steady_clock::now();
        evaluateRunning();
    }
}

void RolloutEngine::evaluateRunning()
{
    auto running = m_context.database.read([](SqliteConnection &connection) -> Result<QStringList> {
        auto query = connection.prepare("SELECT id FROM rollouts WHERE state = ?");
        if (!query)
            return query.error();
        query->bind(1, int(v1::ROLLOUT_STATE_RUNNING));
        QStringList ids;
        while (query->next())
            ids << query->text(0);
        return ids;
    });
    if (!running) {
        qCWarning(lcEngine) << "cannot list running rollouts:" << running.errorMessage();
        return;
    }
    for (const QString &id : *running)
        evaluate(id);
}

void RolloutEngine::evaluate(const QString &rolloutId)
{
    const qint64 now = m_context.clock.now().toMSecsSinceEpoch();
    auto outcome = m_context.database.write([&](WriteContext &tx) -> Result<bool> {
        auto loaded = loadRollout(tx.sql(), rolloutId);
        if (!loaded)
            return loaded.error();
        if (!loaded->has_value() || (*loaded)->state() != v1::ROLLOUT_STATE_RUNNING)
            return false;
        v1::Rollout rollout = **loaded;
        auto runtime = loadRuntime(tx.sql(), rolloutId);
        if (!runtime)
            return runtime.error();
        const int stageTotal = rollout.stages_size();
        if (runtime->stageStartedAtMs.size() != stageTotal)
            return false; // not started properly; nothing to decide

        // Failure policy over the sample since start or the last resume.
        StageCounts sample;
        sample.succeeded = runtime->sampleSucceeded;
        sample.failed = runtime->sampleFailed;
        if (auto reason = shouldAutoPause(sample, failurePolicy(rollout), int(rollout.current_stage()))) {
            if (auto ok = autoPauseRollout(tx, rollout, QStringLiteral("auto-paused: %1").arg(*reason), now);
                !ok)
                return ok.error();
            return true;
        }

        // Gates: a passed gate starts the next stage (possibly several, for stages with no devices).
        bool changedAnything = false;
        for (;;) {
            const int stage = int(rollout.current_stage());
            auto counts = loadStageCounts(tx.sql(), rolloutId, stageTotal, nullptr);
            if (!counts)
                return counts.error();
            const qint64 lastFinish = runtime->stageLastFinishMs.value(stage);
            const auto soak = std::chrono::milliseconds(lastFinish > 0 ? now - lastFinish : 0);
            const GateDecision decision =
                evaluateGate(stageCounts((*counts)[stage]), stageGate(rollout.stages(stage)), soak, stage);
            bool passed = decision.passed();
            if (decision.state == GateState::Blocked) {
                // A resume after the stage finished means the operator accepted its failures.
                if (runtime->sampleSinceMs > lastFinish &&
                    runtime->sampleSinceMs > runtime->stageStartedAtMs.value(stage)) {
                    passed = true;
                } else {
                    if (auto ok = autoPauseRollout(
                            tx, rollout, QStringLiteral("auto-paused: %1").arg(decision.reason), now);
                        !ok)
                        return ok.error();
                    return true;
                }
            }
            if (!passed)
                return changedAnything;
            if (stage + 1 >= stageTotal) {
                runtime->gatePassedAtMs[stage] = now;
                if (auto ok = storeRuntime(tx, rolloutId, *runtime); !ok)
                    return ok.error();
                if (auto ok = completeRollout(tx, rollout, now); !ok)
                    return ok.error();
                return true;
            }
            if (auto ok = startNextStage(tx, rollout, *runtime, now); !ok)
                return ok.error();
            changedAnything = true;
        }
    });
    if (!outcome)
        qCWarning(lcEngine) << "cannot evaluate rollout" << rolloutId << ":" << outcome.errorMessage();
    else if (*outcome)
        bump(rolloutId);
}

} // namespace otter::backend
