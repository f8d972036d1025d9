// VerifyAuditChain's work: the stored chain read in batches through one AuditChainVerifier, so memory stays
// constant whatever the length of the log.
#pragma once

#include "backend/server/api_error.h"
#include "backend/storage/database.h"
#include "otter/v1/audit.pb.h"

#include <functional>

namespace otter::backend {

struct StoredChainRange
{
    qint64 fromSeq = 1; // first entry to check
    qint64 toSeq = 0;   // last entry to check; 0 means the head
};

// Fills `response` (ok, checked entries, the first bad entry and why, the head). `checkpoint` runs between
// batches and may stop the work with a status (deadline passed, call cancelled).
ApiStatus verifyStoredChain(Database &database, const StoredChainRange &range,
                            const std::function<ApiStatus()> &checkpoint,
                            v1::VerifyAuditChainResponse *response);

} // namespace otter::backend
