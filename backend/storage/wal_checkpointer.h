// Checkpoints the database's write-ahead log on a thread of its own, so the writer never waits for one.
#pragma once

#include <QString>

#include <condition_variable>
#include <mutex>
#include <thread>

struct sqlite3;

namespace otter::backend {

// SQLite's automatic checkpoint runs inside the commit that crosses the threshold: the group-commit
// writer would copy the log into the database file and fsync both while every queued report waits. This
// takes the same PASSIVE checkpoint (it never blocks writers or readers) on its own connection instead.
class WalCheckpointer
{
public:
    explicit WalCheckpointer(QString path)
        : m_path(std::move(path))
    {}
    ~WalCheckpointer();
    WalCheckpointer(const WalCheckpointer &) = delete;
    WalCheckpointer &operator=(const WalCheckpointer &) = delete;

    // Takes over checkpointing from `writer` (turns its automatic checkpoint off).
    void attach(sqlite3 *writer);
    // Ends the thread; the caller checkpoints one last time on close.
    void stop();

private:
    static int walCommitted(void *self, sqlite3 *db, const char *schema, int pages);
    void run();

    // The log size (in pages) that asks for a checkpoint: SQLite's own default.
    static constexpr int Threshold = 1000;

    QString m_path;
    std::mutex m_mutex;
    std::condition_variable m_requested;
    bool m_pending = false;
    bool m_stopping = false;
    std::thread m_thread;
};

} // namespace otter::backend
