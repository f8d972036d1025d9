// Commits of an upload's bytes on a thread beside the transfer.
#include "backend/services/upload_committer.h"

namespace otter::backend {

UploadCommitter::UploadCommitter(std::function<void(qint64)> commit)
    : m_commit(std::move(commit))
    , m_thread([this] { run(); })
{}

UploadCommitter::~UploadCommitter()
{
    stop();
}

void UploadCommitter::request(qint64 offset)
{
    {
        const std::lock_guard lock(m_mutex);
        if (m_stopping || offset <= m_requested)
            return;
        m_requested = offset;
    }
    m_wake.notify_one();
}

void UploadCommitter::stop()
{
    {
        const std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_one();
    if (m_thread.joinable())
        m_thread.join();
}

void UploadCommitter::run()
{
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [this] { return m_stopping || m_requested >= 0; });
        if (m_stopping)
            return;
        const qint64 offset = m_requested;
        m_requested = -1;
        lock.unlock();
        m_commit(offset);
        lock.lock();
    }
}

} // namespace otter::backend
