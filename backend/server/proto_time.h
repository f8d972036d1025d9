// Conversions between Qt times and protobuf's Timestamp/Duration, in one place.
#pragma once

#include <QDateTime>

#include <google/protobuf/duration.pb.h>
#include <google/protobuf/timestamp.pb.h>

#include <chrono>

namespace otter::backend {

inline google::protobuf::Timestamp toTimestamp(const QDateTime &time)
{
    google::protobuf::Timestamp stamp;
    const qint64 ms = time.toMSecsSinceEpoch();
    stamp.set_seconds(ms / 1000);
    stamp.set_nanos(int(ms % 1000) * 1000000);
    return stamp;
}

inline google::protobuf::Timestamp timestampFromMs(qint64 ms)
{
    google::protobuf::Timestamp stamp;
    stamp.set_seconds(ms / 1000);
    stamp.set_nanos(int(ms % 1000) * 1000000);
    return stamp;
}

inline QDateTime fromTimestamp(const google::protobuf::Timestamp &stamp)
{
    return QDateTime::fromMSecsSinceEpoch(stamp.seconds() * 1000 + stamp.nanos() / 1000000, Qt::UTC);
}

inline std::chrono::milliseconds fromDuration(const google::protobuf::Duration &duration)
{
    return std::chrono::milliseconds(duration.seconds() * 1000 + duration.nanos() / 1000000);
}

inline google::protobuf::Duration toDuration(std::chrono::milliseconds ms)
{
    google::protobuf::Duration duration;
    duration.set_seconds(ms.count() / 1000);
    duration.set_nanos(int(ms.count() % 1000) * 1000000);
    return duration;
}

} // namespace otter::backend
