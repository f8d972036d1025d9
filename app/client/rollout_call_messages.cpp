// Refused rollout actions in an operator's words.
#include "app/client/rollout_call_messages.h"

#include "otter/v1/rollouts.pb.h"

#include <QCoreApplication>

namespace otter::client {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("RolloutCalls", text);
}

QString withoutPrefix(const std::string &name, QLatin1StringView prefix)
{
    QString text = QString::fromStdString(name);
    if (text.startsWith(prefix))
        text.remove(0, prefix.size());
    return text;
}

// The state an action needs, as the server names it.
QString requiredState(models::RolloutAction action)
{
    using models::RolloutAction;
    switch (action) {
    case RolloutAction::Submit:
        return QStringLiteral("DRAFT");
    case RolloutAction::Approve:
    case RolloutAction::Reject:
        return QStringLiteral("PENDING_APPROVAL");
    case RolloutAction::Start:
        return QStringLiteral("APPROVED");
    case RolloutAction::Pause:
        return QStringLiteral("RUNNING");
    case RolloutAction::Resume:
        return QStringLiteral("PAUSED");
    case RolloutAction::Abort:
        return tr("not yet COMPLETED or ABORTED");
    }
    return {};
}

} // namespace

QString failureReasonName(const CallError &error)
{
    if (!error.detail || error.detail->reason() == v1::ERROR_REASON_UNSPECIFIED)
        return {};
    return withoutPrefix(v1::ErrorReason_Name(error.detail->reason()), QLatin1StringView("ERROR_REASON_"));
}

QString explainRolloutFailure(models::RolloutAction action, const QString &rolloutId, const CallError &error)
{
    const QString verb = models::actionVerb(action);
    const QString reason = failureReasonName(error);
    const v1::Rollout *current =
        error.detail && error.detail->current().has_rollout() ? &error.detail->current().rollout() : nullptr;
    const QString name =
        current && !current->name().empty() ? QString::fromStdString(current->name()) : rolloutId;
    if (reason == u"FOUR_EYES")
        return tr("You cannot %1 rollout '%2' yourself: a rollout must be approved or rejected by an "
                  "approver "
                  "who neither created nor submitted it (four-eyes rule). The server said: %3")
            .arg(verb, name, error.message);
    if (reason == u"WRONG_STATE") {
        const QString state = current ? withoutPrefix(v1::RolloutState_Name(current->state()),
                                                      QLatin1StringView("ROLLOUT_STATE_"))
                                      : tr("in another state");
        return tr("Rollout '%1' cannot be %2: it is %3 now, and only a rollout that is %4 can be. Someone "
                  "may have acted on it meanwhile; the list shows its current state.")
            .arg(name, models::actionPastTense(action), state, requiredState(action));
    }
    if (reason == u"STALE_REVISION") {
        const QString now = current ? QString::number(current->revision()) : tr("newer");
        return tr("Rollout '%1' changed on the server since you looked at it (you saw revision %2, it is at "
                  "%3 now). Look at it again before you %4 it.")
            .arg(name)
            .arg(error.detail->expected_revision())
            .arg(now, verb);
    }
    if (error.code == grpc::StatusCode::PERMISSION_DENIED)
        return tr("You may not %1 rollouts with your role. The server said: %2").arg(verb, error.message);
    if (error.code == grpc::StatusCode::INVALID_ARGUMENT)
        return tr("Rollout '%1' was not %2: %3").arg(name, models::actionPastTense(action), error.message);
    return tr("Could not %1 rollout '%2': %3").arg(verb, name, error.message);
}

} // namespace otter::client
