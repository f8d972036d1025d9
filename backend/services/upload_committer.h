// Makes an upload's bytes durable beside the transfer instead of in its way. The receiving side asks for
// "everything up to offset N" and goes on at once; a thread of the committer's own syncs the file and
// records the offset. While a sync is under way, newer requests replace older ones, so the disk's pace
// sets how often offsets are committed, never how fast the stream is received.
#pragma once

#include <QtGlobal>

#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace otter::backend {

class UploadCommitter
{
public:
    // `commit` runs on the committer's thread, one call at a time, with increasing offsets.
    explicit UploadCommitter(std::function<void(qint64 offset)> commit);
    ~UploadCommitter();

    UploadCommitter(const UploadCommitter &) = delete;
    UploadCommitter &operator=(const UploadCommitter &) = delete;

    // Asks for the bytes up to `offset` (all of them written to the file already) to be committed.
    void request(qint64 offset);
    // Lets the commit under way finish, drops requests not yet started and ends the thread. After it, the
    // caller owns the file again.
    void stop();

private:
    void run();

    std::function<void(qint64)> m_commit;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    qint64 m_requested = -1; // newest offset asked for and not yet taken by the thread
    bool m_stopping = false;
    std::thread m_thread;
};

} // namespace otter::backend
