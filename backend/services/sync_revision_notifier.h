// The thread behind WatchChanges: it waits on Database::waitForRevisionAbove() and polls the open streams,
// so that no gRPC callback thread ever blocks on the database's condition variable.
//
// One thread serves every stream of the server (not one per stream): a stream that goes away only
// unsubscribes, and nothing has to be woken or joined in its OnDone. The thread sleeps on its own
// condition variable while no stream is open, and waits on the database only while some are, with a
// timeout no longer than the earliest moment a stream asked to be polled again (a coalesced change or a
// heartbeat). When the database starts closing (server shutdown) every stream is told once and new
// subscriptions are refused.
#pragma once

#include "backend/storage/database.h"

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <set>
#include <thread>

namespace otter::backend {

class RevisionListener
{
public:
    using Clock = std::chrono::steady_clock;

    virtual ~RevisionListener() = default;
    // The server's revision as the notifier knows it. Runs on the notifier thread under its lock: must not
    // block. Returns when the listener wants to be polled again at the latest.
    virtual Clock::time_point poll(qint64 revision, Clock::time_point now) = 0;
    // The server is shutting down; called once, under the same rules as poll().
    virtual void serverClosing() = 0;
};

class RevisionNotifier
{
public:
    explicit RevisionNotifier(Database &database);
    ~RevisionNotifier();
    RevisionNotifier(const RevisionNotifier &) = delete;
    RevisionNotifier &operator=(const RevisionNotifier &) = delete;

    // False when the server is already shutting down: the caller ends its stream itself.
    bool subscribe(RevisionListener *listener);
    // After this returns, the notifier never calls `listener` again.
    void unsubscribe(RevisionListener *listener);

private:
    void run();
    RevisionListener::Clock::time_point pollAll(qint64 revision);

    Database &m_database;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::set<RevisionListener *> m_listeners;
    bool m_stop = false;
    bool m_closed = false;
    std::thread m_thread;
};

} // namespace otter::backend
