// The rollout state machine of rollouts.proto.
#include "backend/rollouts/rollout_lifecycle.h"

#include "backend/rollouts/rollout_definition.h"
#include "backend/rollouts/rollout_progress.h"
#include "backend/rollouts/rollout_start.h"
#include "backend/server/proto_time.h"

#include <QJsonObject>

namespace otter::backend {
namespace {

const QString System = QStringLiteral("system");

QString quoted(const std::string &id)
{
    return QString::fromStdString(id);
}

v1::ActorStamp stamp(const QString &actor, qint64 nowMs, const QString &comment)
{
    v1::ActorStamp result;
    result.set_actor(actor.toStdString());
    *result.mutable_time() = timestampFromMs(nowMs);
    result.set_comment(comment.toStdString());
    return result;
}

// State, event and audit entry for one transition.
Result<void> record(WriteContext &tx, v1::Rollout &rollout, v1::RolloutState to, v1::RolloutEventKind kind,
                    const QString &actor, const QString &message, qint64 nowMs, const QString &auditAction)
{
    const v1::RolloutState from = rollout.state();
    rollout.set_state(to);
    rollout.set_updated_by(actor.toStdString());
    *rollout.mutable_updated_at() = timestampFromMs(nowMs);
    if (auto ok = storeRollout(tx, rollout); !ok)
        return ok;
    v1::RolloutEvent event;
    *event.mutable_time() = timestampFromMs(nowMs);
    event.set_kind(kind);
    event.set_from_state(from);
    event.set_to_state(to);
    event.set_stage(rollout.current_stage());
    event.set_actor(actor.toStdString());
    event.set_message(message.toStdString());
    if (auto ok = appendEvent(tx, quoted(rollout.id()), event); !ok)
        return ok.error();
    return tx.audit({actor, auditAction, QStringLiteral("rollout/%1").arg(quoted(rollout.id())),
                     QJsonObject{{QStringLiteral("from"), rolloutStateName(from)},
                                 {QStringLiteral("to"), rolloutStateName(to)},
                                 {QStringLiteral("comment"), message},
                                 {QStringLiteral("release"), quoted(rollout.release_id())}}});
}

struct ActionRule
{
    QList<v1::RolloutState> from;
    const char *verb; // for "only a RUNNING rollout can be paused"
    const char *auditAction;
    bool commentRequired;
};

ActionRule ruleFor(RolloutAction action)
{
    switch (action) {
    case RolloutAction::Submit:
        return {{v1::ROLLOUT_STATE_DRAFT}, "submitted for approval", "rollout.submit", false};
    case RolloutAction::Approve:
        return {{v1::ROLLOUT_STATE_PENDING_APPROVAL}, "approved", "rollout.approve", false};
    case RolloutAction::Reject:
        return {{v1::ROLLOUT_STATE_PENDING_APPROVAL}, "rejected", "rollout.reject", true};
    case RolloutAction::Start:
        return {{v1::ROLLOUT_STATE_APPROVED}, "started", "rollout.start", false};
    case RolloutAction::Pause:
        return {{v1::ROLLOUT_STATE_RUNNING}, "paused", "rollout.pause", true};
    case RolloutAction::Resume:
        return {{v1::ROLLOUT_STATE_PAUSED}, "resumed", "rollout.resume", false};
    case RolloutAction::Abort:
        return {{v1::ROLLOUT_STATE_DRAFT, v1::ROLLOUT_STATE_PENDING_APPROVAL, v1::ROLLOUT_STATE_APPROVED,
                 v1::ROLLOUT_STATE_RUNNING, v1::ROLLOUT_STATE_PAUSED},
                "aborted",
                "rollout.abort",
                true};
    }
    return {{}, "changed", "rollout.change", false};
}

QString allowedStates(const QList<v1::RolloutState> &states)
{
    QStringList names;
    for (v1::RolloutState state : states)
        names << rolloutStateName(state);
    return names.join(QStringLiteral(" or "));
}

// Four-eyes: neither the creator nor the submitter may approve or reject.
std::optional<ApiError> fourEyes(const v1::Rollout &rollout, const Caller &caller)
{
    const std::string name = caller.name.toStdString();
    QString role;
    if (rollout.created_by() == name)
        role = QStringLiteral("created");
    else if (rollout.submitted().actor() == name)
        role = QStringLiteral("submitted");
    if (role.isEmpty())
        return std::nullopt;
    return apiError(grpc::StatusCode::PERMISSION_DENIED,
                    QStringLiteral("four-eyes rule: %1 %2 rollout %3, so another approver must decide on it")
                        .arg(caller.name, role, quoted(rollout.id())),
                    v1::ERROR_REASON_FOUR_EYES);
}

// Deployments that have not begun installing stop; the rest finish and report.
Result<void> cancelPendingDeployments(WriteContext &tx, const QString &rolloutId)
{
    auto cancel =
        tx.sql().prepare("UPDATE deployments SET cancelled = 1 WHERE rollout_id = ? AND state IN (?, ?, ?)");
    if (!cancel)
        return cancel.error();
    cancel->bind(1, rolloutId)
        .bind(2, int(v1::DEPLOYMENT_STATE_PENDING))
        .bind(3, int(v1::DEPLOYMENT_STATE_DOWNLOADING))
        .bind(4, int(v1::DEPLOYMENT_STATE_DOWNLOADED));
    return cancel->run();
}

} // namespace

ApiError wrongState(const v1::Rollout &rollout, const QString &what)
{
    ApiError error = apiError(grpc::StatusCode::FAILED_PRECONDITION,
                              QStringLiteral("rollout %1 is %2; %3")
                                  .arg(quoted(rollout.id()), rolloutStateName(rollout.state()), what),
                              v1::ERROR_REASON_WRONG_STATE);
    error.detail->mutable_current()->set_kind(v1::OBJECT_KIND_ROLLOUT);
    error.detail->mutable_current()->set_id(rollout.id());
    error.detail->mutable_current()->set_revision(rollout.revision());
    *error.detail->mutable_current()->mutable_rollout() = rollout;
    return error;
}

ApiError staleRevision(const v1::Rollout &rollout, qint64 expected)
{
    ApiError error =
        apiError(grpc::StatusCode::ABORTED,
                 QStringLiteral("rollout %1 changed: you saw revision %2, the server has revision %3")
                     .arg(quoted(rollout.id()))
                     .arg(expected)
                     .arg(rollout.revision()),
                 v1::ERROR_REASON_STALE_REVISION);
    error.detail->set_expected_revision(expected);
    error.detail->mutable_current()->set_kind(v1::OBJECT_KIND_ROLLOUT);
    error.detail->mutable_current()->set_id(rollout.id());
    error.detail->mutable_current()->set_revision(rollout.revision());
    *error.detail->mutable_current()->mutable_rollout() = rollout;
    return error;
}

Result<ActionOutcome> applyRolloutAction(WriteContext &tx, const ActionRequest &request)
{
    auto loaded = loadRollout(tx.sql(), request.rolloutId);
    if (!loaded)
        return loaded.error();
    if (!loaded->has_value())
        return ActionOutcome(apiError(grpc::StatusCode::NOT_FOUND,
                                      QStringLiteral("rollout %1 does not exist").arg(request.rolloutId)));
    v1::Rollout rollout = **loaded;
    const ActionRule rule = ruleFor(request.action);
    if (request.expectedRevision != rollout.revision())
        return ActionOutcome(staleRevision(rollout, request.expectedRevision));
    if (!rule.from.contains(rollout.state()))
        return ActionOutcome(
            wrongState(rollout, QStringLiteral("only a %1 rollout can be %2")
                                    .arg(allowedStates(rule.from), QString::fromLatin1(rule.verb))));
    if (rule.commentRequired && request.comment.trimmed().isEmpty())
        return ActionOutcome(apiError(
            grpc::StatusCode::INVALID_ARGUMENT,
            QStringLiteral("a reason is required when a rollout is %1").arg(QString::fromLatin1(rule.verb))));
    if (request.action == RolloutAction::Approve || request.action == RolloutAction::Reject) {
        if (auto refused = fourEyes(rollout, request.caller))
            return ActionOutcome(*refused);
    }
    if (request.action == RolloutAction::Submit || request.action == RolloutAction::Start) {
        if (auto refused = checkRolloutReferences(tx.sql(), rollout))
            return ActionOutcome(*refused);
    }

    const QString actor = request.caller.name;
    const v1::ActorStamp now = stamp(actor, request.nowMs, request.comment);
    const QString id = request.rolloutId;
    Result<void> written;
    switch (request.action) {
    case RolloutAction::Submit:
        *rollout.mutable_submitted() = now;
        written =
            record(tx, rollout, v1::ROLLOUT_STATE_PENDING_APPROVAL, v1::ROLLOUT_EVENT_KIND_STATE_CHANGED,
                   actor, request.comment, request.nowMs, QString::fromLatin1(rule.auditAction));
        break;
    case RolloutAction::Approve:
        *rollout.mutable_approved() = now;
        written = record(tx, rollout, v1::ROLLOUT_STATE_APPROVED, v1::ROLLOUT_EVENT_KIND_STATE_CHANGED, actor,
                         request.comment, request.nowMs, QString::fromLatin1(rule.auditAction));
        break;
    case RolloutAction::Reject:
        *rollout.mutable_rejected() = now;
        rollout.clear_submitted();
        written = record(tx, rollout, v1::ROLLOUT_STATE_DRAFT, v1::ROLLOUT_EVENT_KIND_STATE_CHANGED, actor,
                         request.comment, request.nowMs, QString::fromLatin1(rule.auditAction));
        break;
    case RolloutAction::Start: {
        auto started = startRollout(tx, rollout, request.nowMs);
        if (!started)
            return started.error();
        if (started->has_value())
            return ActionOutcome(**started);
        *rollout.mutable_started() = now;
        rollout.set_current_stage(0);
        written = record(tx, rollout, v1::ROLLOUT_STATE_RUNNING, v1::ROLLOUT_EVENT_KIND_STATE_CHANGED, actor,
                         request.comment, request.nowMs, QString::fromLatin1(rule.auditAction));
        if (written)
            written = announceStage(tx, rollout, 0, request.nowMs);
        break;
    }
    case RolloutAction::Pause:
        *rollout.mutable_paused() = now;
        rollout.set_auto_paused(false);
        written = record(tx, rollout, v1::ROLLOUT_STATE_PAUSED, v1::ROLLOUT_EVENT_KIND_STATE_CHANGED, actor,
                         request.comment, request.nowMs, QString::fromLatin1(rule.auditAction));
        break;
    case RolloutAction::Resume: {
        // Resuming acknowledges the failures so far: the failure policy starts a new sample.
        auto runtime = loadRuntime(tx.sql(), id);
        if (!runtime)
            return runtime.error();
        runtime->sampleSinceMs = request.nowMs;
        runtime->sampleSucceeded = 0;
        runtime->sampleFailed = 0;
        if (auto ok = storeRuntime(tx, id, *runtime); !ok)
            return ok.error();
        rollout.clear_paused();
        rollout.set_auto_paused(false);
        written = record(tx, rollout, v1::ROLLOUT_STATE_RUNNING, v1::ROLLOUT_EVENT_KIND_STATE_CHANGED, actor,
                         request.comment, request.nowMs, QString::fromLatin1(rule.auditAction));
        break;
    }
    case RolloutAction::Abort:
        if (auto ok = cancelPendingDeployments(tx, id); !ok)
            return ok.error();
        *rollout.mutable_finished() = now;
        written = record(tx, rollout, v1::ROLLOUT_STATE_ABORTED, v1::ROLLOUT_EVENT_KIND_STATE_CHANGED, actor,
                         request.comment, request.nowMs, QString::fromLatin1(rule.auditAction));
        break;
    }
    if (!written)
        return written.error();
    return ActionOutcome(rollout);
}

Result<void> autoPauseRollout(WriteContext &tx, v1::Rollout &rollout, const QString &reason, qint64 nowMs)
{
    *rollout.mutable_paused() = stamp(System, nowMs, reason);
    rollout.set_auto_paused(true);
    return record(tx, rollout, v1::ROLLOUT_STATE_PAUSED, v1::ROLLOUT_EVENT_KIND_AUTO_PAUSED, System, reason,
                  nowMs, QStringLiteral("rollout.auto_pause"));
}

Result<void> startNextStage(WriteContext &tx, v1::Rollout &rollout, RolloutRuntime &runtime, qint64 nowMs)
{
    const int next = int(rollout.current_stage()) + 1;
    runtime.gatePassedAtMs[next - 1] = nowMs;
    runtime.stageStartedAtMs[next] = nowMs;
    if (auto ok = storeRuntime(tx, QString::fromStdString(rollout.id()), runtime); !ok)
        return ok;
    rollout.set_current_stage(quint32(next));
    *rollout.mutable_updated_at() = timestampFromMs(nowMs);
    rollout.set_updated_by(System.toStdString());
    if (auto ok = storeRollout(tx, rollout); !ok)
        return ok;
    return announceStage(tx, rollout, next, nowMs);
}

Result<void> completeRollout(WriteContext &tx, v1::Rollout &rollout, qint64 nowMs)
{
    *rollout.mutable_finished() = stamp(System, nowMs, QStringLiteral("every stage's gate passed"));
    return record(tx, rollout, v1::ROLLOUT_STATE_COMPLETED, v1::ROLLOUT_EVENT_KIND_STATE_CHANGED, System,
                  QStringLiteral("completed: every stage's gate passed"), nowMs,
                  QStringLiteral("rollout.complete"));
}

} // namespace otter::backend
