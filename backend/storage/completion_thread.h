// Runs the completions of group-committed work (answering the gRPC calls) off the writer thread, in order.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace otter::backend {

// Answering a call (serialising the response, handing it to gRPC's transport) costs about as much as
// writing it. The single writer thread hands each committed batch's answers to this thread and goes on
// to the next batch, so writing and answering overlap instead of taking turns.
class CompletionThread
{
public:
    using Completion = std::function<void()>;

    CompletionThread() = default;
    ~CompletionThread();
    CompletionThread(const CompletionThread &) = delete;
    CompletionThread &operator=(const CompletionThread &) = delete;

    // Queues one batch; the thread starts on first use. After stop() the batch runs on the caller.
    void post(std::vector<Completion> batch);
    // Runs everything queued, then ends the thread.
    void stop();

private:
    void run();

    std::mutex m_mutex;
    std::condition_variable m_posted;
    std::deque<std::vector<Completion>> m_queue;
    bool m_stopping = false;
    std::thread m_thread;
};

} // namespace otter::backend
