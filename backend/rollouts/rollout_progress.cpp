// A rollout's exact counters and their RolloutProgress view.
#include "backend/rollouts/rollout_progress.h"

#include "backend/rollouts/rollout_definition.h"
#include "backend/server/proto_time.h"
#include "core/rollout_stages.h"

namespace otter::backend {

bool isFinishedState(int state)
{
    return state == v1::DEPLOYMENT_STATE_SUCCEEDED || state == v1::DEPLOYMENT_STATE_FAILED ||
           state == v1::DEPLOYMENT_STATE_ROLLED_BACK;
}

bool isUnderWayState(int state)
{
    return state >= v1::DEPLOYMENT_STATE_DOWNLOADING && state <= v1::DEPLOYMENT_STATE_REBOOTING;
}

Result<void> countTransition(WriteContext &tx, const QString &rolloutId, int stage, int fromState,
                             int toState)
{
    if (fromState != 0) {
        auto down =
            tx.sql().prepare("UPDATE rollout_counts SET count = count - 1 WHERE rollout_id = ? AND stage = ? "
                             "AND state = ?");
        if (!down)
            return down.error();
        down->bind(1, rolloutId).bind(2, stage).bind(3, fromState);
        if (auto ok = down->run(); !ok)
            return ok;
    }
    auto up =
        tx.sql().prepare("INSERT INTO rollout_counts (rollout_id, stage, state, count) VALUES (?, ?, ?, 1) "
                         "ON CONFLICT (rollout_id, stage, state) DO UPDATE SET count = count + 1");
    if (!up)
        return up.error();
    up->bind(1, rolloutId).bind(2, stage).bind(3, toState);
    return up->run();
}

void addToCounts(v1::DeploymentCounts &counts, int state, quint64 n)
{
    switch (state) {
    case v1::DEPLOYMENT_STATE_PENDING:
        counts.set_pending(counts.pending() + n);
        break;
    case v1::DEPLOYMENT_STATE_DOWNLOADING:
        counts.set_downloading(counts.downloading() + n);
        break;
    case v1::DEPLOYMENT_STATE_DOWNLOADED:
        counts.set_downloaded(counts.downloaded() + n);
        break;
    case v1::DEPLOYMENT_STATE_INSTALLING:
        counts.set_installing(counts.installing() + n);
        break;
    case v1::DEPLOYMENT_STATE_REBOOTING:
        counts.set_rebooting(counts.rebooting() + n);
        break;
    case v1::DEPLOYMENT_STATE_SUCCEEDED:
        counts.set_succeeded(counts.succeeded() + n);
        break;
    case v1::DEPLOYMENT_STATE_FAILED:
        counts.set_failed(counts.failed() + n);
        break;
    case v1::DEPLOYMENT_STATE_ROLLED_BACK:
        counts.set_rolled_back(counts.rolled_back() + n);
        break;
    case v1::DEPLOYMENT_STATE_SKIPPED:
        counts.set_skipped(counts.skipped() + n);
        break;
    default:
        break;
    }
}

StageCounts stageCounts(const v1::DeploymentCounts &counts)
{
    StageCounts result;
    result.pending = qint64(counts.pending());
    result.inProgress =
        qint64(counts.downloading() + counts.downloaded() + counts.installing() + counts.rebooting());
    result.succeeded = qint64(counts.succeeded());
    result.failed = qint64(counts.failed());
    result.rolledBack = qint64(counts.rolled_back());
    return result;
}

Result<QList<v1::DeploymentCounts>> loadStageCounts(SqliteConnection &connection, const QString &rolloutId,
                                                    int stageCount, v1::DeploymentCounts *skipped)
{
    QList<v1::DeploymentCounts> stages(stageCount);
    auto query = connection.prepare("SELECT stage, state, count FROM rollout_counts WHERE rollout_id = ?");
    if (!query)
        return query.error();
    query->bind(1, rolloutId);
    while (query->next()) {
        const int stage = int(query->int64(0));
        const quint64 count = quint64(qMax<qint64>(0, query->int64(2)));
        if (stage == SkippedStage) {
            if (skipped)
                addToCounts(*skipped, int(query->int64(1)), count);
        } else if (stage >= 0 && stage < stageCount) {
            addToCounts(stages[stage], int(query->int64(1)), count);
        }
    }
    if (query->failed())
        return query->error();
    return stages;
}

Result<v1::RolloutProgress> loadProgress(SqliteConnection &connection, const v1::Rollout &rollout,
                                         qint64 nowMs)
{
    v1::RolloutProgress progress;
    const QString id = QString::fromStdString(rollout.id());
    progress.set_rollout_id(rollout.id());
    *progress.mutable_as_of() = timestampFromMs(nowMs);
    const bool started = rollout.state() >= v1::ROLLOUT_STATE_RUNNING && rollout.has_started();
    if (!started)
        return progress;
    auto runtime = loadRuntime(connection, id);
    if (!runtime)
        return runtime.error();
    v1::DeploymentCounts skipped;
    auto stages = loadStageCounts(connection, id, rollout.stages_size(), &skipped);
    if (!stages)
        return stages.error();
    v1::DeploymentCounts total = skipped;
    for (int i = 0; i < rollout.stages_size(); ++i) {
        v1::StageProgress *stage = progress.add_stages();
        const v1::DeploymentCounts &counts = (*stages)[i];
        stage->set_index(quint32(i));
        stage->set_cumulative_percent(rollout.stages(i).cumulative_percent());
        stage->set_device_count(quint64(devicesAddedInStage(runtime->stageSizes, i)));
        *stage->mutable_counts() = counts;
        const qint64 startedAt = runtime->stageStartedAtMs.value(i);
        const qint64 passedAt = runtime->gatePassedAtMs.value(i);
        if (startedAt > 0)
            *stage->mutable_started_at() = timestampFromMs(startedAt);
        if (passedAt > 0)
            *stage->mutable_gate_passed_at() = timestampFromMs(passedAt);
        if (passedAt > 0) {
            stage->set_status(v1::STAGE_STATUS_PASSED);
            stage->set_gate_detail(QStringLiteral("stage %1: gate passed").arg(i + 1).toStdString());
        } else if (startedAt == 0) {
            stage->set_status(v1::STAGE_STATUS_WAITING);
            stage->set_gate_detail(QStringLiteral("stage %1: not started").arg(i + 1).toStdString());
        } else {
            const qint64 lastFinish = runtime->stageLastFinishMs.value(i);
            const auto soak = std::chrono::milliseconds(lastFinish > 0 ? nowMs - lastFinish : 0);
            const GateDecision decision =
                evaluateGate(stageCounts(counts), stageGate(rollout.stages(i)), soak, i);
            stage->set_status(decision.state == GateState::Blocked ? v1::STAGE_STATUS_BLOCKED
                                                                   : v1::STAGE_STATUS_ACTIVE);
            stage->set_gate_detail(decision.reason.toStdString());
        }
        total.set_pending(total.pending() + counts.pending());
        total.set_downloading(total.downloading() + counts.downloading());
        total.set_downloaded(total.downloaded() + counts.downloaded());
        total.set_installing(total.installing() + counts.installing());
        total.set_rebooting(total.rebooting() + counts.rebooting());
        total.set_succeeded(total.succeeded() + counts.succeeded());
        total.set_failed(total.failed() + counts.failed());
        total.set_rolled_back(total.rolled_back() + counts.rolled_back());
    }
    *progress.mutable_total() = total;
    const qint64 sample = runtime->sampleSucceeded + runtime->sampleFailed;
    progress.set_failure_sample(quint64(sample));
    progress.set_failure_percent(sample > 0 ? 100.0 * double(runtime->sampleFailed) / double(sample) : 0.0);
    return progress;
}

} // namespace otter::backend
