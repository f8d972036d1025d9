// Applying one device status report to its deployment.
#include "backend/rollouts/deployment_report.h"

#include "backend/rollouts/device_work.h"
#include "backend/rollouts/rollout_progress.h"
#include "backend/rollouts/rollout_queries.h"
#include "backend/rollouts/rollout_repository.h"
#include "core/maintenance_schedule.h"

namespace otter::backend {
namespace {

constexpr qsizetype MaxDetail = 1024;

bool arrowExists(int from, int to)
{
    if (to == v1::DEPLOYMENT_STATE_FAILED)
        return from >= v1::DEPLOYMENT_STATE_PENDING && from <= v1::DEPLOYMENT_STATE_REBOOTING;
    if (from == v1::DEPLOYMENT_STATE_REBOOTING)
        return to == v1::DEPLOYMENT_STATE_SUCCEEDED || to == v1::DEPLOYMENT_STATE_ROLLED_BACK;
    return from >= v1::DEPLOYMENT_STATE_PENDING && from < v1::DEPLOYMENT_STATE_REBOOTING && to == from + 1;
}

ApiError refused(const QString &message)
{
    return apiError(grpc::StatusCode::FAILED_PRECONDITION, message, v1::ERROR_REASON_WRONG_STATE);
}

} // namespace

QString deploymentStateName(v1::DeploymentState state)
{
    return QString::fromStdString(v1::DeploymentState_Name(state))
        .remove(QStringLiteral("DEPLOYMENT_STATE_"));
}

Result<ReportOutcome> applyStatusReport(WriteContext &tx, const QString &deviceId,
                                        const v1::ReportStatusRequest &report, qint64 nowMs)
{
    ReportOutcome outcome;
    const int to = report.state();
    if (to == v1::DEPLOYMENT_STATE_PENDING || to == v1::DEPLOYMENT_STATE_SKIPPED ||
        to == v1::DEPLOYMENT_STATE_UNSPECIFIED || !v1::DeploymentState_IsValid(to)) {
        outcome.refusal =
            apiError(grpc::StatusCode::INVALID_ARGUMENT,
                     QStringLiteral("a device cannot report %1").arg(deploymentStateName(report.state())));
        return outcome;
    }
    if (report.error() != v1::DEPLOYMENT_ERROR_UNSPECIFIED && to != v1::DEPLOYMENT_STATE_FAILED &&
        to != v1::DEPLOYMENT_STATE_ROLLED_BACK) {
        outcome.refusal = apiError(grpc::StatusCode::INVALID_ARGUMENT,
                                   QStringLiteral("an error code goes only with FAILED or ROLLED_BACK"));
        return outcome;
    }
    const QString deploymentId = QString::fromStdString(report.deployment_id());
    auto found = findDeployment(tx.sql(), deviceId, deploymentId);
    if (!found)
        return found.error();
    if (!found->has_value()) {
        outcome.refusal =
            apiError(grpc::StatusCode::NOT_FOUND,
                     QStringLiteral("device %1 has no deployment %2").arg(deviceId, deploymentId));
        return outcome;
    }
    const DeviceWork &work = **found;
    const int from = work.state;
    outcome.response.set_state(work.state);
    if (from == to) {
        outcome.response.set_applied(false); // a retry of a report already applied
        return outcome;
    }
    const QString arrow = QStringLiteral("%1 → %2").arg(deploymentStateName(report.from_state()),
                                                        deploymentStateName(report.state()));
    if (report.from_state() != from || !arrowExists(from, to)) {
        outcome.refusal = refused(QStringLiteral("deployment %1 is %2; %3 refused")
                                      .arg(deploymentId, deploymentStateName(work.state), arrow));
        return outcome;
    }
    if (work.cancelled && from < v1::DEPLOYMENT_STATE_INSTALLING && to != v1::DEPLOYMENT_STATE_FAILED) {
        outcome.refusal = refused(
            QStringLiteral("deployment %1 was cancelled: %2").arg(deploymentId, work.finishedComment));
        return outcome;
    }
    if (to == v1::DEPLOYMENT_STATE_DOWNLOADING && work.rolloutState != v1::ROLLOUT_STATE_RUNNING) {
        outcome.refusal = refused(QStringLiteral("rollout %1 is %2: no new downloads start")
                                      .arg(work.rolloutId, rolloutStateName(work.rolloutState)));
        return outcome;
    }
    if (to == v1::DEPLOYMENT_STATE_INSTALLING) {
        bool windowOpen = true;
        auto window = rolloutWindow(tx.sql(), work.windowId);
        if (!window)
            return window.error();
        if (window->has_value())
            windowOpen = (*window)->isOpen(QDateTime::fromMSecsSinceEpoch(nowMs, Qt::UTC));
        if (work.rolloutState != v1::ROLLOUT_STATE_RUNNING || !windowOpen) {
            outcome.refusal = refused(
                QStringLiteral("deployment %1 has no install directive (%2)")
                    .arg(deploymentId,
                         windowOpen ? QStringLiteral("rollout is %1").arg(rolloutStateName(work.rolloutState))
                                    : QStringLiteral("maintenance window closed")));
            return outcome;
        }
    }

    const bool finished = isFinishedState(to);
    auto update = tx.sql().prepare("UPDATE deployments SET state = ?, error = ?, detail = ?, updated_at = ?, "
                                   "finished_at = ? WHERE id = ?");
    if (!update)
        return update.error();
    update->bind(1, to)
        .bind(2, int(report.error()))
        .bind(3, QString::fromStdString(report.detail()).left(MaxDetail))
        .bind(4, nowMs);
    if (finished)
        update->bind(5, nowMs);
    else
        update->bindNull(5);
    update->bind(6, deploymentId);
    if (auto ok = update->run(); !ok)
        return ok.error();
    if (auto ok = countTransition(tx, work.rolloutId, work.stage, from, to); !ok)
        return ok.error();
    if (finished) {
        auto runtime = loadRuntime(tx.sql(), work.rolloutId);
        if (!runtime)
            return runtime.error();
        if (to == v1::DEPLOYMENT_STATE_SUCCEEDED)
            runtime->sampleSucceeded += 1;
        else
            runtime->sampleFailed += 1;
        if (work.stage >= 0 && work.stage < runtime->stageLastFinishMs.size())
            runtime->stageLastFinishMs[work.stage] = nowMs;
        if (auto ok = storeRuntime(tx, work.rolloutId, *runtime); !ok)
            return ok.error();
    }
    outcome.response.set_state(v1::DeploymentState(to));
    outcome.response.set_applied(true);
    outcome.rolloutId = work.rolloutId;
    return outcome;
}

} // namespace otter::backend
