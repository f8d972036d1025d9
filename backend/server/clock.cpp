// The server's notion of now.
#include "backend/server/clock.h"

#include <QFile>

#include <chrono>

namespace otter::backend {
namespace {

std::optional<qint64> readOffset(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    bool ok = false;
    const qint64 offset = file.read(64).trimmed().toLongLong(&ok);
    return ok ? std::optional<qint64>(offset) : std::nullopt;
}

} // namespace

Clock::~Clock()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_stop.notify_all();
    if (m_follower.joinable())
        m_follower.join();
}

void Clock::followOffsetFile(const QString &path)
{
    if (auto offset = readOffset(path))
        m_offsetMs.store(*offset);
    m_follower = std::thread([this, path] {
        std::unique_lock lock(m_mutex);
        while (!m_stop.wait_for(lock, std::chrono::milliseconds(100), [&] { return m_stopping; })) {
            if (auto offset = readOffset(path))
                m_offsetMs.store(*offset);
        }
    });
}

} // namespace otter::backend
