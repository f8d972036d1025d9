// Runs the completions of group-committed work off the writer thread, in order.
#include "backend/storage/completion_thread.h"

namespace otter::backend {

CompletionThread::~CompletionThread()
{
    stop();
}

void CompletionThread::post(std::vector<Completion> batch)
{
    bool queued = false;
    {
        std::lock_guard lock(m_mutex);
        if (!m_stopping) {
            if (!m_thread.joinable())
                m_thread = std::thread([this] { run(); });
            m_queue.push_back(std::move(batch));
            queued = true;
        }
    }
    if (queued) {
        m_posted.notify_one();
        return;
    }
    for (Completion &completion : batch) // stopped: nobody else would answer these calls
        completion();
}

void CompletionThread::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_posted.notify_one();
    if (m_thread.joinable())
        m_thread.join();
}

void CompletionThread::run()
{
    for (;;) {
        std::vector<Completion> batch;
        {
            std::unique_lock lock(m_mutex);
            m_posted.wait(lock, [&] { return m_stopping || !m_queue.empty(); });
            if (m_queue.empty())
                return; // stopping, and every posted batch has run
            batch = std::move(m_queue.front());
            m_queue.pop_front();
        }
        for (Completion &completion : batch)
            completion();
    }
}

} // namespace otter::backend
