// Read-only rollout RPCs: listing rollouts, per-device outcomes, and the pre-flight preview.
#pragma once

#include "backend/server/api_error.h"
#include "backend/services/service_context.h"
#include "core/maintenance_schedule.h"
#include "otter/v1/rollouts.pb.h"

#include <optional>

namespace otter::backend {

ApiStatus listRollouts(ServiceContext &context, const v1::ListRolloutsRequest &request,
                       v1::ListRolloutsResponse *response);
ApiStatus listDeployments(ServiceContext &context, const v1::ListDeploymentsRequest &request,
                          v1::ListDeploymentsResponse *response);
ApiStatus previewRollout(ServiceContext &context, const v1::PreviewRolloutRequest &request,
                         v1::PreviewRolloutResponse *response);

// The window's schedule when the rollout has one; nullopt means installs may happen at any time.
Result<std::optional<MaintenanceSchedule>> rolloutWindow(SqliteConnection &connection,
                                                         const QString &windowId);

} // namespace otter::backend
