// The thread behind WatchChanges.
#include "backend/services/sync_revision_notifier.h"

namespace otter::backend {
namespace {

// The longest single wait on the database. It bounds how late a stream's own deadlines can be served
// after it subscribed while the thread was already waiting, so it must not exceed the shortest deadline
// a stream asks for after its first message (the heartbeat interval).
constexpr auto MaxWait = std::chrono::seconds(10);

} // namespace

RevisionNotifier::RevisionNotifier(Database &database)
    : m_database(database)
    , m_thread([this] { run(); })
{}

RevisionNotifier::~RevisionNotifier()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_changed.notify_all();
    // The server is shut down (and the database closing) before services are destroyed, so the thread is
    // not inside a database wait here; if it were, it would return within MaxWait.
    m_thread.join();
}

bool RevisionNotifier::subscribe(RevisionListener *listener)
{
    {
        std::lock_guard lock(m_mutex);
        if (m_closed || m_stop)
            return false;
        m_listeners.insert(listener);
    }
    m_changed.notify_all();
    return true;
}

void RevisionNotifier::unsubscribe(RevisionListener *listener)
{
    std::lock_guard lock(m_mutex);
    m_listeners.erase(listener);
}

RevisionListener::Clock::time_point RevisionNotifier::pollAll(qint64 revision)
{
    const auto now = RevisionListener::Clock::now();
    auto next = now + MaxWait;
    for (RevisionListener *listener : m_listeners)
        next = std::min(next, listener->poll(revision, now));
    return next;
}

void RevisionNotifier::run()
{
    std::unique_lock lock(m_mutex);
    qint64 seen = m_database.currentRevision();
    auto next = RevisionListener::Clock::now() + MaxWait;
    while (true) {
        m_changed.wait(lock, [&] { return m_stop || (!m_closed && !m_listeners.empty()); });
        if (m_stop)
            return;
        const auto timeout =
            std::chrono::duration_cast<std::chrono::milliseconds>(next - RevisionListener::Clock::now());
        lock.unlock();
        const qint64 revision =
            m_database.waitForRevisionAbove(seen, int(std::max<qint64>(1, timeout.count())));
        const bool closing = m_database.isClosing();
        lock.lock();
        if (closing) {
            // waitForRevisionAbove() returns at once from now on: tell every stream, then only wait for stop.
            m_closed = true;
            for (RevisionListener *listener : m_listeners)
                listener->serverClosing();
            m_listeners.clear();
            continue;
        }
        seen = std::max(seen, revision);
        next = pollAll(seen);
    }
}

} // namespace otter::backend
