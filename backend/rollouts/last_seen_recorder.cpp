// Devices' last_seen times, written together in the next group commit.
#include "backend/rollouts/last_seen_recorder.h"

namespace otter::backend {

LastSeenRecorder::LastSeenRecorder(Database &database)
    : m_database(database)
    , m_waiting(std::make_shared<Waiting>())
{}

void LastSeenRecorder::record(const QString &deviceId, qint64 nowMs)
{
    {
        std::lock_guard lock(m_waiting->mutex);
        m_waiting->times.insert(deviceId, nowMs);
        if (m_waiting->queued)
            return;
        m_waiting->queued = true;
    }
    m_database.submit([waiting = m_waiting](WriteContext &tx) { return write(tx, *waiting); },
                      [](const Result<void> &) {});
}

Result<void> LastSeenRecorder::write(WriteContext &tx, Waiting &waiting)
{
    QHash<QString, qint64> times;
    {
        std::lock_guard lock(waiting.mutex);
        times.swap(waiting.times);
        waiting.queued = false; // a check-in from now on queues the next write
    }
    for (auto it = times.cbegin(); it != times.cend(); ++it) {
        auto update = tx.sql().prepare("UPDATE devices SET last_seen = ? WHERE id = ?");
        if (!update)
            return update.error();
        update->bind(1, it.value()).bind(2, it.key());
        if (auto ok = update->run(); !ok)
            return ok;
    }
    return {};
}

} // namespace otter::backend
