// The time range of ListAuditEntries and ExportAudit: validated, and converted to the stored milliseconds.
#pragma once

#include "backend/server/api_error.h"

#include <google/protobuf/timestamp.pb.h>

#include <optional>

namespace otter::backend {

struct AuditTimeRange
{
    std::optional<qint64> startMs; // entries at or after
    std::optional<qint64> endMs;   // entries before
};

// Refuses malformed timestamps and an end before the start, naming the field.
ApiStatus parseAuditTimeRange(const google::protobuf::Timestamp *start,
                              const google::protobuf::Timestamp *end, AuditTimeRange *out);

} // namespace otter::backend
