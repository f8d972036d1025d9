// BackgroundTask: a QThread per task; results cross back through a queued connection.
#include "models/background_task.h"

#include <QDateTime>

namespace otter::models {

BackgroundTask::BackgroundTask(Work work, QObject *parent)
    : QObject(parent)
    , m_work(std::move(work))
{}

BackgroundTask::~BackgroundTask()
{
    cancel();
    if (m_thread)
        m_thread->wait();
}

void BackgroundTask::start()
{
    if (m_thread)
        return;
    m_thread.reset(QThread::create([this] { m_result = m_work(*this); }));
    m_thread->setObjectName(QStringLiteral("background-task"));
    // QThread::finished is emitted on the worker thread; the context object queues it to the owner's.
    connect(m_thread.get(), &QThread::finished, this, [this] { emit finished(m_result); });
    m_thread->start(QThread::LowPriority);
}

bool BackgroundTask::isRunning() const
{
    return m_thread && !m_thread->isFinished();
}

void BackgroundTask::reportProgress(qint64 done, qint64 total)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (done != total && now - m_lastReportMs.load() < 50)
        return;
    m_lastReportMs.store(now);
    emit progressChanged(done, total);
}

} // namespace otter::models
