// Conversions between the API's protobuf messages and the console's plain records (models/records.h).
// This is the only place where proto types become records; nothing beyond the client layer sees a proto.
#pragma once

#include "models/records.h"

#include "otter/v1/audit.pb.h"
#include "otter/v1/deployments.pb.h"
#include "otter/v1/devices.pb.h"
#include "otter/v1/groups.pb.h"
#include "otter/v1/keys.pb.h"
#include "otter/v1/releases.pb.h"
#include "otter/v1/rollouts.pb.h"
#include "otter/v1/sync.pb.h"
#include "otter/v1/windows.pb.h"

#include <google/protobuf/timestamp.pb.h>

#include <optional>

namespace otter::client {

// An unset timestamp (0 s, 0 ns) becomes an invalid QDateTime and back.
QDateTime toDateTime(const google::protobuf::Timestamp &timestamp);
void setTimestamp(google::protobuf::Timestamp *timestamp, const QDateTime &time);

// "OPERATOR" for ROLE_OPERATOR, "" for ROLE_UNSPECIFIED; the number for a value this client does not know.
QString roleName(v1::Role role);

models::DeviceRecord toRecord(const v1::Device &device);
models::GroupRecord toRecord(const v1::Group &group);
models::WindowRecord toRecord(const v1::MaintenanceWindow &window);
models::ReleaseRecord toRecord(const v1::Release &release);
models::TrustedKeyRecord toRecord(const v1::TrustedKey &key);
models::RolloutRecord toRecord(const v1::Rollout &rollout);
models::AuditRecord toRecord(const v1::AuditEntry &entry);
models::DeploymentRecord toRecord(const v1::Deployment &deployment);
// nullopt for a kind this client does not know (a newer server): such a deletion cannot concern the cache.
std::optional<models::DeletionRecord> toRecord(const v1::Deletion &deletion);

// One GetChanges page; complete when the server sent no next page token.
models::ChangeBatch toChangeBatch(const v1::GetChangesResponse &response);

// The editable fields only: output-only fields (authors, times, state) are the server's to fill in.
v1::Group toProto(const models::GroupRecord &group);
v1::MaintenanceWindow toProto(const models::WindowRecord &window);
v1::Rollout toProto(const models::RolloutRecord &rollout);

} // namespace otter::client
