// PreviewGroup: a saved group, an unsaved filter or an unsaved id list resolved against the fleet now.
#pragma once

#include "backend/server/api_error.h"
#include "backend/storage/sqlite_connection.h"
#include "otter/v1/groups.pb.h"

namespace otter::backend {

// Fills the response (count, first page by id, unknown static ids) from one snapshot, or returns the refusal.
ApiStatus previewGroup(SqliteConnection &connection, const v1::PreviewGroupRequest &request, int pageSize,
                       v1::PreviewGroupResponse *response);

} // namespace otter::backend
