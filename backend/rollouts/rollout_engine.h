// The rollout engine: after device reports and on a steady tick it applies the failure policy and the
// stage gates of every RUNNING rollout — auto-pause, next stage, completion — and tells watchers that a
// rollout changed.
#pragma once

#include "backend/services/service_context.h"

#include <QHash>
#include <QSet>

#include <condition_variable>
#include <mutex>
#include <thread>

namespace otter::backend {

class RolloutEngine
{
public:
    explicit RolloutEngine(ServiceContext &context);
    ~RolloutEngine();

    void start();
    void stop();
    // Evaluate now rather than at the next tick (a start, resume or report happened).
    void wake();
    // Device reports of these rollouts were committed: re-evaluate them and notify their watchers.
    void changed(const QSet<QString> &rolloutIds);

    // Watchers: a per-rollout change counter to wait on, so streams never poll the database in a loop.
    quint64 changeCount(const QString &rolloutId) const;
    quint64 waitForChange(const QString &rolloutId, quint64 seen, int timeoutMs) const;
    bool stopping() const;

    // Applies policy and gates to one rollout now (also used by tests through the tick).
    void evaluate(const QString &rolloutId);

private:
    void run();
    void evaluateRunning();
    void bump(const QString &rolloutId);

    ServiceContext &m_context;
    mutable std::mutex m_mutex;
    mutable std::condition_variable m_changed;
    std::condition_variable m_wake;
    QHash<QString, quint64> m_changes;
    QSet<QString> m_dirty;
    bool m_woken = false;
    bool m_urgent = false; // woken by wake() (start, resume …), not just by reports: no spacing
    bool m_stop = false;
    std::thread m_thread;
};

} // namespace otter::backend
