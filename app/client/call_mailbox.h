// The one way results travel from gRPC's callback threads to the client thread. gRPC callbacks never touch
// a QObject: they post a function here, which queues it to the target's thread while the target lives and
// drops it once the target is gone. The count of calls in flight lets the target wait for them on shutdown.
#pragma once

#include <QObject>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>

namespace otter::client {

class CallMailbox
{
public:
    explicit CallMailbox(QObject *target)
        : m_target(target)
    {}

    // A call started; every begin() is matched by exactly one end(), from whatever thread.
    void begin()
    {
        std::lock_guard lock(m_mutex);
        ++m_inFlight;
    }

    void end()
    {
        std::lock_guard lock(m_mutex);
        --m_inFlight;
        m_idle.notify_all();
    }

    // From any thread. The lock keeps the target alive while the event is queued; Qt drops queued events of
    // an object that is deleted before they run.
    void post(std::function<void()> function)
    {
        std::lock_guard lock(m_mutex);
        if (m_target)
            QMetaObject::invokeMethod(m_target, std::move(function), Qt::QueuedConnection);
    }

    // The target is going away: later posts are dropped.
    void close()
    {
        std::lock_guard lock(m_mutex);
        m_target = nullptr;
    }

    bool waitIdle(std::chrono::milliseconds timeout)
    {
        std::unique_lock lock(m_mutex);
        return m_idle.wait_for(lock, timeout, [this] { return m_inFlight == 0; });
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_idle;
    QObject *m_target;
    int m_inFlight = 0;
};

} // namespace otter::client
