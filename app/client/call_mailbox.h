// The one way results travel from gRPC's callback threads to the client thread. gRPC callbacks never touch
// a QObject: they post a function here, which queues it to the target's thread while the target lives and
// drops it once the target is gone. The count of calls in flight lets the target wait for them on shutdown.
//
// A call's ClientContext holds its grpc::Channel, and ~Channel shuts down (with the last channel, deletes)
// the completion queue whose threads run the callbacks: run on one of those threads it pulls the queue out
// from under itself. So gRPC threads never drop the last reference to a context or channel: they move what
// they hold into the posted function, which is destroyed on the target's thread, after running or with the
// target. Once closed, a posted function is destroyed on the posting thread; that is safe because the
// target still holds its channel until waitIdle() returns, which is after that call's end().
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
    // an object that is deleted before they run (on the target's thread, after close() has taken the lock).
    void post(std::function<void()> function)
    {
        std::lock_guard lock(m_mutex);
        if (!m_target)
            return;
        // invokeMethod() holds the queued functor until it returns here, so the target's thread may finish
        // the event first and leave the functor to be destroyed on this thread. Moving the function out
        // before running it keeps its captures' destruction on the target's thread.
        QMetaObject::invokeMethod(
            m_target,
            [function = std::move(function)]() mutable {
                const auto run = std::move(function);
                run();
            },
            Qt::QueuedConnection);
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
