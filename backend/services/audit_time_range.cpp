// The time range of ListAuditEntries and ExportAudit.
#include "backend/services/audit_time_range.h"

#include <QDateTime>

namespace otter::backend {
namespace {

// google.protobuf.Timestamp's documented range: 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999999Z.
constexpr qint64 MinSeconds = -62135596800;
constexpr qint64 MaxSeconds = 253402300799;

ApiStatus toMilliseconds(const char *field, const google::protobuf::Timestamp &time, qint64 *ms)
{
    if (time.seconds() < MinSeconds || time.seconds() > MaxSeconds || time.nanos() < 0 ||
        time.nanos() > 999999999)
        return apiError(grpc::StatusCode::INVALID_ARGUMENT,
                        QStringLiteral("%1 is not a valid timestamp (seconds %2, nanos %3)")
                            .arg(QLatin1StringView(field))
                            .arg(time.seconds())
                            .arg(time.nanos()));
    // Stored times have millisecond precision; rounding up keeps "at or after" and "before" exact for
    // bounds that carry finer fractions.
    *ms = time.seconds() * 1000 + (time.nanos() + 999999) / 1000000;
    return std::nullopt;
}

QString timeText(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

} // namespace

ApiStatus parseAuditTimeRange(const google::protobuf::Timestamp *start,
                              const google::protobuf::Timestamp *end, AuditTimeRange *out)
{
    if (start) {
        qint64 ms = 0;
        if (auto refused = toMilliseconds("start_time", *start, &ms))
            return refused;
        out->startMs = ms;
    }
    if (end) {
        qint64 ms = 0;
        if (auto refused = toMilliseconds("end_time", *end, &ms))
            return refused;
        out->endMs = ms;
    }
    if (start && end &&
        (end->seconds() < start->seconds() ||
         (end->seconds() == start->seconds() && end->nanos() < start->nanos())))
        return apiError(grpc::StatusCode::INVALID_ARGUMENT,
                        QStringLiteral("end_time %1 is before start_time %2")
                            .arg(timeText(*out->endMs), timeText(*out->startMs)));
    return std::nullopt;
}

} // namespace otter::backend
