// WatchRollout messages → plain progress values.
#include "app/client/rollout_progress_conversion.h"

#include "app/client/record_conversion.h"

namespace otter::client {

QString shortEnumName(const std::string &fullName, std::string_view prefix)
{
    std::string_view name = fullName;
    if (name.starts_with(prefix))
        name.remove_prefix(prefix.size());
    if (name == "UNSPECIFIED")
        return {};
    return QString::fromLatin1(name.data(), qsizetype(name.size()));
}

models::DeploymentCountsRecord toRecord(const v1::DeploymentCounts &counts)
{
    models::DeploymentCountsRecord record;
    record.pending = counts.pending();
    record.downloading = counts.downloading();
    record.downloaded = counts.downloaded();
    record.installing = counts.installing();
    record.rebooting = counts.rebooting();
    record.succeeded = counts.succeeded();
    record.failed = counts.failed();
    record.rolledBack = counts.rolled_back();
    record.skipped = counts.skipped();
    return record;
}

models::RolloutProgressRecord toRecord(const v1::RolloutProgress &progress)
{
    models::RolloutProgressRecord record;
    record.rolloutId = QString::fromStdString(progress.rollout_id());
    record.stages.reserve(progress.stages_size());
    for (const v1::StageProgress &stage : progress.stages()) {
        models::StageProgressRecord s;
        s.index = int(stage.index());
        s.cumulativePercent = int(stage.cumulative_percent());
        s.deviceCount = stage.device_count();
        s.counts = toRecord(stage.counts());
        s.status = shortEnumName(v1::StageStatus_Name(stage.status()), "STAGE_STATUS_");
        s.startedAt = toDateTime(stage.started_at());
        s.gatePassedAt = toDateTime(stage.gate_passed_at());
        s.gateDetail = QString::fromStdString(stage.gate_detail());
        record.stages.append(s);
    }
    record.total = toRecord(progress.total());
    record.failurePercent = progress.failure_percent();
    record.failureSample = progress.failure_sample();
    record.asOf = toDateTime(progress.as_of());
    return record;
}

models::RolloutEventRecord toRecord(const v1::RolloutEvent &event)
{
    models::RolloutEventRecord record;
    record.seq = event.seq();
    record.time = toDateTime(event.time());
    record.kind = shortEnumName(v1::RolloutEventKind_Name(event.kind()), "ROLLOUT_EVENT_KIND_");
    record.fromState = shortEnumName(v1::RolloutState_Name(event.from_state()), "ROLLOUT_STATE_");
    record.toState = shortEnumName(v1::RolloutState_Name(event.to_state()), "ROLLOUT_STATE_");
    record.stage = int(event.stage());
    record.actor = QString::fromStdString(event.actor());
    record.message = QString::fromStdString(event.message());
    return record;
}

models::RolloutWatchUpdate toWatchUpdate(const v1::WatchRolloutResponse &response)
{
    models::RolloutWatchUpdate update;
    update.snapshot = response.snapshot();
    if (response.has_rollout())
        update.rollout = toRecord(response.rollout());
    update.progress = toRecord(response.progress());
    update.rolloutId = update.progress.rolloutId;
    update.events.reserve(response.events_size());
    for (const v1::RolloutEvent &event : response.events())
        update.events.append(toRecord(event));
    return update;
}

} // namespace otter::client
