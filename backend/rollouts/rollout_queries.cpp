// Read-only rollout RPCs: listing rollouts, per-device outcomes, and the pre-flight preview.
#include "backend/rollouts/rollout_queries.h"

#include "backend/rollouts/rollout_definition.h"
#include "backend/rollouts/rollout_repository.h"
#include "backend/rollouts/rollout_targeting.h"
#include "backend/server/proto_time.h"
#include "backend/services/page_token.h"
#include "backend/services/unary_call.h"
#include "backend/services/window_validation.h"
#include "core/maintenance_schedule.h"
#include "core/rollout_stages.h"
#include "otter/v1/windows.pb.h"

namespace otter::backend {
namespace {

QString text(const std::string &value)
{
    return QString::fromStdString(value);
}

ApiError badToken()
{
    return apiError(grpc::StatusCode::INVALID_ARGUMENT,
                    QStringLiteral("page_token is malformed or belongs to a request with other filters"));
}

} // namespace

Result<std::optional<MaintenanceSchedule>> rolloutWindow(SqliteConnection &connection,
                                                         const QString &windowId)
{
    if (windowId.isEmpty())
        return std::optional<MaintenanceSchedule>();
    auto query = connection.prepare("SELECT body FROM maintenance_windows WHERE id = ?");
    if (!query)
        return query.error();
    query->bind(1, windowId);
    if (!query->next())
        return makeError(ErrorKind::NotFound,
                         QStringLiteral("maintenance window %1 does not exist").arg(windowId));
    v1::MaintenanceWindow window;
    window.ParseFromString(query->blob(0).toStdString());
    auto schedule = windowSchedule(window);
    if (auto *error = std::get_if<ApiError>(&schedule))
        return makeError(ErrorKind::InvalidInput, error->message);
    return std::optional<MaintenanceSchedule>(std::get<MaintenanceSchedule>(schedule));
}

ApiStatus listRollouts(ServiceContext &context, const v1::ListRolloutsRequest &request,
                       v1::ListRolloutsResponse *response)
{
    QStringList states;
    for (int state : request.states())
        states << QString::number(state);
    const QString fingerprint = states.join(u',') + u'|' + text(request.release_id());
    qint64 afterCreated = std::numeric_limits<qint64>::max();
    QString afterId = QStringLiteral("\U0010FFFF");
    if (!request.page_token().empty()) {
        auto cursor = decodePageToken(text(request.page_token()), fingerprint);
        if (!cursor || cursor->key.size() != 2)
            return badToken();
        afterCreated = cursor->key[0].toLongLong();
        afterId = cursor->key[1];
    }
    const int pageSize = effectivePageSize(context, request.page_size());
    auto listed = context.database.read([&](SqliteConnection &connection) -> Result<void> {
        // Newest first; the filters are applied in the loop (rollouts are few, pages small).
        auto query =
            connection.prepare("SELECT body, created_at, id FROM rollouts WHERE (created_at, id) < (?, ?) "
                               "ORDER BY created_at DESC, id DESC");
        if (!query)
            return query.error();
        query->bind(1, afterCreated).bind(2, afterId);
        int count = 0;
        while (query->next()) {
            v1::Rollout rollout;
            rollout.ParseFromString(query->blob(0).toStdString());
            if (!states.isEmpty() && !states.contains(QString::number(int(rollout.state()))))
                continue;
            if (!request.release_id().empty() && rollout.release_id() != request.release_id())
                continue;
            if (count == pageSize) {
                // Another row matches: the next page starts after the last one returned.
                const v1::Rollout &last = response->rollouts(response->rollouts_size() - 1);
                const qint64 lastCreated =
                    last.created_at().seconds() * 1000 + last.created_at().nanos() / 1000000;
                response->set_next_page_token(
                    encodePageToken({{QString::number(lastCreated), text(last.id())}}, fingerprint)
                        .toStdString());
                break;
            }
            *response->add_rollouts() = std::move(rollout);
            ++count;
        }
        return {};
    });
    return listed ? ApiStatus() : ApiStatus(apiError(listed.error()));
}

ApiStatus listDeployments(ServiceContext &context, const v1::ListDeploymentsRequest &request,
                          v1::ListDeploymentsResponse *response)
{
    const QString rolloutId = text(request.rollout_id());
    QList<int> states(request.states().begin(), request.states().end());
    QStringList stateText;
    for (int state : states)
        stateText << QString::number(state);
    const qint64 stage = request.has_stage() ? qint64(request.stage()) : -2;
    const QString fingerprint = rolloutId + u'|' + stateText.join(u',') + u'|' + QString::number(stage);
    QString after;
    if (!request.page_token().empty()) {
        auto cursor = decodePageToken(text(request.page_token()), fingerprint);
        if (!cursor)
            return badToken();
        after = cursor->key.first();
    }
    const int pageSize = effectivePageSize(context, request.page_size());
    auto listed = context.database.read([&](SqliteConnection &connection) -> Result<bool> {
        auto rollout = loadRollout(connection, rolloutId);
        if (!rollout)
            return rollout.error();
        if (!rollout->has_value())
            return false;
        auto query = connection.prepare("SELECT id, device_id, stage, state, skip_reason, error, detail, "
                                        "from_version, cancelled, created_at, "
                                        "updated_at, finished_at FROM deployments WHERE rollout_id = ? AND "
                                        "device_id > ? AND (? = -2 OR stage = ?) "
                                        "ORDER BY device_id");
        if (!query)
            return query.error();
        query->bind(1, rolloutId).bind(2, after).bind(3, stage).bind(4, stage);
        v1::Release release;
        auto loaded = loadRelease(connection, text((*rollout)->release_id()));
        if (loaded)
            release = *loaded;
        while (query->next()) {
            if (!states.isEmpty() && !states.contains(int(query->int64(3))))
                continue;
            if (response->deployments_size() == pageSize) {
                response->set_next_page_token(
                    encodePageToken({{text(response->deployments(pageSize - 1).device_id())}}, fingerprint)
                        .toStdString());
                break;
            }
            v1::Deployment *deployment = response->add_deployments();
            deployment->set_id(query->text(0).toStdString());
            deployment->set_rollout_id(request.rollout_id());
            deployment->set_device_id(query->text(1).toStdString());
            if (!query->isNull(2))
                deployment->set_stage(quint32(query->int64(2)));
            deployment->set_state(v1::DeploymentState(query->int64(3)));
            deployment->set_skip_reason(v1::SkipReason(query->int64(4)));
            deployment->set_error(v1::DeploymentError(query->int64(5)));
            deployment->set_detail(query->text(6).toStdString());
            deployment->set_from_version(query->text(7).toStdString());
            deployment->set_cancelled(query->int64(8) != 0);
            *deployment->mutable_created_at() = timestampFromMs(query->int64(9));
            *deployment->mutable_updated_at() = timestampFromMs(query->int64(10));
            if (!query->isNull(11))
                *deployment->mutable_finished_at() = timestampFromMs(query->int64(11));
            deployment->set_release_id(release.id());
            deployment->set_release_version(release.version());
        }
        return true;
    });
    if (!listed)
        return apiError(listed.error());
    return *listed ? ApiStatus()
                   : ApiStatus(apiError(grpc::StatusCode::NOT_FOUND,
                                        QStringLiteral("rollout %1 does not exist").arg(rolloutId)));
}

ApiStatus previewRollout(ServiceContext &context, const v1::PreviewRolloutRequest &request,
                         v1::PreviewRolloutResponse *response)
{
    auto outcome = context.database.read([&](SqliteConnection &connection) -> Result<ApiStatus> {
        v1::Rollout rollout;
        if (request.has_draft()) {
            copyEditableFields(request.draft(), rollout);
            rollout.set_id(request.draft().id().empty() ? "preview" : request.draft().id());
            if (auto refused = normaliseRolloutDefinition(rollout))
                return ApiStatus(refused);
            if (auto refused = checkRolloutReferences(connection, rollout))
                return ApiStatus(refused);
        } else {
            auto stored = loadRollout(connection, text(request.rollout_id()));
            if (!stored)
                return stored.error();
            if (!stored->has_value())
                return ApiStatus(
                    apiError(grpc::StatusCode::NOT_FOUND,
                             QStringLiteral("rollout %1 does not exist").arg(text(request.rollout_id()))));
            rollout = **stored;
            if (rollout.state() >= v1::ROLLOUT_STATE_RUNNING)
                return ApiStatus(
                    apiError(grpc::StatusCode::FAILED_PRECONDITION,
                             QStringLiteral("rollout %1 has started; its stages are in GetRollout")
                                 .arg(text(rollout.id())),
                             v1::ERROR_REASON_WRONG_STATE));
        }
        auto release = loadRelease(connection, text(rollout.release_id()));
        if (!release)
            return release.error();
        auto plan = planTargets(connection, rollout, *release);
        if (!plan)
            return plan.error();
        response->set_targeted_devices(quint64(plan->targeted));
        response->set_eligible_devices(quint64(plan->eligible.size()));
        for (int i = 0; i < rollout.stages_size(); ++i) {
            v1::StagePreview *stage = response->add_stages();
            stage->set_index(quint32(i));
            stage->set_cumulative_percent(rollout.stages(i).cumulative_percent());
            stage->set_device_count(quint64(devicesAddedInStage(plan->stageSizes, i)));
            stage->set_cumulative_device_count(quint64(plan->stageSizes.value(i)));
        }
        for (auto it = plan->skipped.begin(); it != plan->skipped.end(); ++it) {
            v1::SkippedDevices *skipped = response->add_skipped();
            skipped->set_reason(it.key());
            skipped->set_count(quint64(it.value().size()));
            for (qsizetype i = 0; i < qMin<qsizetype>(10, it.value().size()); ++i)
                skipped->add_sample_device_ids(it.value()[i].id.toStdString());
        }
        const QDateTime now = context.clock.now();
        auto window = rolloutWindow(connection, text(rollout.window_id()));
        if (!window)
            return window.error();
        qint64 waitMs = 0;
        if (window->has_value()) {
            if (auto opening = (*window)->currentOrNextOpening(now)) {
                *response->mutable_first_window_opening() = toTimestamp(qMax(opening->start, now));
                waitMs = qMax<qint64>(0, now.msecsTo(opening->start));
            }
        }
        // The estimate: waiting for the window, then per stage its soak plus a typical update time.
        constexpr qint64 TypicalUpdateMs = 10 * 60 * 1000;
        qint64 estimateMs = waitMs;
        for (const v1::RolloutStage &stage : rollout.stages())
            estimateMs += TypicalUpdateMs + fromDuration(stage.gate().min_soak()).count();
        *response->mutable_estimated_duration() = toDuration(std::chrono::milliseconds(estimateMs));
        if (plan->eligible.isEmpty())
            response->add_warnings(
                "no targeted device would be updated: starting this rollout will be refused");
        return ApiStatus();
    });
    return outcome ? *outcome : ApiStatus(apiError(outcome.error()));
}

} // namespace otter::backend
