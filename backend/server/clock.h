// The server's notion of now. Services ask the clock, never the system directly, so tests can move time
// (maintenance windows across a DST change, soak times) without waiting for it.
#pragma once

#include <QDateTime>
#include <QString>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace otter::backend {

class Clock
{
public:
    Clock() = default;
    ~Clock();
    Clock(const Clock &) = delete;
    Clock &operator=(const Clock &) = delete;

    // The system clock shifted by an offset, which is 0 unless an offset file is followed.
    QDateTime now() const { return QDateTime::currentDateTimeUtc().addMSecs(m_offsetMs.load()); }
    void setOffsetMs(qint64 offset) { m_offsetMs.store(offset); }
    qint64 offsetMs() const { return m_offsetMs.load(); }

    // For tests (otterd --clock-offset-file): the file holds an offset in milliseconds; the clock follows
    // changes to it within a tenth of a second.
    void followOffsetFile(const QString &path);

private:
    std::atomic<qint64> m_offsetMs{0};
    std::thread m_follower;
    std::mutex m_mutex;
    std::condition_variable m_stop;
    bool m_stopping = false;
};

} // namespace otter::backend
