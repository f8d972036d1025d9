// BackgroundTask: runs one function on its own thread with progress and cancel, reporting back on the
// thread that owns the task (the GUI thread for exports, chain checks and counts).
#pragma once

#include <QObject>
#include <QThread>
#include <QVariant>

#include <atomic>
#include <functional>
#include <memory>

namespace otter::models {

class BackgroundTask final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BackgroundTask)

public:
    // The work runs on the task's thread; it polls isCancelled() and may call reportProgress().
    using Work = std::function<QVariant(BackgroundTask &task)>;

    explicit BackgroundTask(Work work, QObject *parent = nullptr);
    // Cancels and waits for the work to return: a task never outlives its owner's data.
    ~BackgroundTask() override;

    void start();
    bool isRunning() const;

    // Thread-safe.
    void cancel() { m_cancelled.store(true); }
    bool isCancelled() const { return m_cancelled.load(); }
    // Thread-safe; signals at most every ~50 ms (and always for done == total) so that a fast loop never
    // floods the owner's event queue.
    void reportProgress(qint64 done, qint64 total);

signals:
    void progressChanged(qint64 done, qint64 total);
    // The work's return value, delivered on the owner's thread.
    void finished(const QVariant &result);

private:
    Work m_work;
    std::unique_ptr<QThread> m_thread;
    QVariant m_result;
    std::atomic<bool> m_cancelled{false};
    std::atomic<qint64> m_lastReportMs{0};
};

} // namespace otter::models
