// JSON form of the console's records: the outbox stores drafts in it and the cache stores small objects in
// it. Keys are the record's field names; times are ISO 8601 UTC with milliseconds; empty optional parts are
// left out.
#pragma once

#include "models/records.h"

#include <QJsonObject>

#include <optional>

namespace otter::models {

// The readers accept what the writers produce and refuse (nullopt) an object without a string "id" or with a
// field of the wrong JSON type; fields that are absent keep the record's defaults.
QJsonObject toJson(const GroupRecord &group);
std::optional<GroupRecord> groupFromJson(const QJsonObject &json);

QJsonObject toJson(const WindowRecord &window);
std::optional<WindowRecord> windowFromJson(const QJsonObject &json);

QJsonObject toJson(const RolloutRecord &rollout);
std::optional<RolloutRecord> rolloutFromJson(const QJsonObject &json);

QJsonObject toJson(const ReleaseRecord &release);
std::optional<ReleaseRecord> releaseFromJson(const QJsonObject &json);

QJsonObject toJson(const TrustedKeyRecord &key);
std::optional<TrustedKeyRecord> trustedKeyFromJson(const QJsonObject &json);

} // namespace otter::models
