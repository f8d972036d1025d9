// The server's notion of now. Services ask the clock, never the system directly, so tests can move time
// (maintenance windows across a DST change, soak times) without waiting for it.
#pragma once

#include <QDateTime>

#include <atomic>

namespace otter::backend {

class Clock
{
public:
    // Follows the system clock, shifted by an offset that tests may set (otterd --clock-offset-file).
    QDateTime now() const { return QDateTime::currentDateTimeUtc().addMSecs(m_offsetMs.load()); }
    void setOffsetMs(qint64 offset) { m_offsetMs.store(offset); }
    qint64 offsetMs() const { return m_offsetMs.load(); }

private:
    std::atomic<qint64> m_offsetMs{0};
};

} // namespace otter::backend
