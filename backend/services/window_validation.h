// Checking a maintenance window sent by a client (create, update, draft openings) and turning a window
// message into its MaintenanceSchedule; refusals name the field ("window.cron.expression: …").
#pragma once

#include "backend/server/api_error.h"
#include "core/maintenance_schedule.h"
#include "otter/v1/windows.pb.h"

#include <variant>

namespace otter::backend {

// The schedule of a window's time zone, recurrence and duration. `field` prefixes messages ("window",
// "draft"). Also what the rollout engine uses to ask whether a stored window is open.
std::variant<MaintenanceSchedule, ApiError> windowSchedule(const v1::MaintenanceWindow &window,
                                                           const QString &field = QStringLiteral("window"));

// The editable part of `input` (id, name, description, time zone, recurrence with duplicate weekdays
// dropped, duration), or the refusal. An empty id is allowed here; creates assign one.
std::variant<v1::MaintenanceWindow, ApiError> validatedWindow(const v1::MaintenanceWindow &input);

// ALREADY_EXISTS / ABORTED refusals carrying the stored window in ErrorDetail.current.
ApiError windowConflict(grpc::StatusCode code, const QString &message, v1::ErrorReason reason,
                        const v1::MaintenanceWindow &stored);
ApiError staleWindow(const v1::MaintenanceWindow &stored, qint64 expectedRevision);

} // namespace otter::backend
