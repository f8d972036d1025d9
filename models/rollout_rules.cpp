// Rollout rules on the console's side; the messages name the field, the limit and the stage (1-based).
#include "models/rollout_rules.h"

#include <QCoreApplication>

namespace otter::models {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("RolloutRules", text);
}

int roleRank(const QString &role)
{
    if (role == u"admin")
        return 4;
    if (role == u"approver")
        return 3;
    if (role == u"operator")
        return 2;
    if (role == u"viewer")
        return 1;
    return 0;
}

} // namespace

bool actionAllowedIn(RolloutAction action, const QString &state)
{
    switch (action) {
    case RolloutAction::Submit:
        return state == u"DRAFT";
    case RolloutAction::Approve:
    case RolloutAction::Reject:
        return state == u"PENDING_APPROVAL";
    case RolloutAction::Start:
        return state == u"APPROVED";
    case RolloutAction::Pause:
        return state == u"RUNNING";
    case RolloutAction::Resume:
        return state == u"PAUSED";
    case RolloutAction::Abort:
        return !state.isEmpty() && state != u"COMPLETED" && state != u"ABORTED";
    }
    return false;
}

QString actionVerb(RolloutAction action)
{
    switch (action) {
    case RolloutAction::Submit:
        return tr("submit");
    case RolloutAction::Approve:
        return tr("approve");
    case RolloutAction::Reject:
        return tr("reject");
    case RolloutAction::Start:
        return tr("start");
    case RolloutAction::Pause:
        return tr("pause");
    case RolloutAction::Resume:
        return tr("resume");
    case RolloutAction::Abort:
        return tr("abort");
    }
    return {};
}

QString actionPastTense(RolloutAction action)
{
    switch (action) {
    case RolloutAction::Submit:
        return tr("submitted");
    case RolloutAction::Approve:
        return tr("approved");
    case RolloutAction::Reject:
        return tr("rejected");
    case RolloutAction::Start:
        return tr("started");
    case RolloutAction::Pause:
        return tr("paused");
    case RolloutAction::Resume:
        return tr("resumed");
    case RolloutAction::Abort:
        return tr("aborted");
    }
    return {};
}

bool actionNeedsText(RolloutAction action)
{
    return action == RolloutAction::Pause || action == RolloutAction::Reject ||
           action == RolloutAction::Abort;
}

QString approvalBlocker(const RolloutRecord &rollout, const QString &operatorName, const QString &role)
{
    if (operatorName.isEmpty())
        return tr("Connect and sign in to approve or reject rollouts.");
    // Four-eyes first: it holds whatever role the operator has.
    if (rollout.createdBy == operatorName)
        return tr("You created this rollout; another approver must approve it (four-eyes).");
    if (rollout.submitted.actor == operatorName)
        return tr("You submitted this rollout; another approver must approve it (four-eyes).");
    if (roleRank(role) < roleRank(QStringLiteral("approver")))
        return tr("Your role (%1) cannot approve or reject rollouts: an approver or admin must.")
            .arg(role.isEmpty() ? tr("unknown") : role);
    return {};
}

QList<PlanProblem> checkStages(const QList<RolloutStageRecord> &stages)
{
    using Field = PlanProblem::Field;
    QList<PlanProblem> problems;
    if (stages.isEmpty())
        problems.append({Field::StageCount, -1, tr("Add at least one stage; the last one covers 100 %.")});
    if (stages.size() > kMaxRolloutStagesInPlan)
        problems.append(
            {Field::StageCount, -1,
             tr("%1 stages: at most %2 are allowed.").arg(stages.size()).arg(kMaxRolloutStagesInPlan)});
    int previous = 0;
    for (qsizetype i = 0; i < stages.size(); ++i) {
        const RolloutStageRecord &stage = stages[i];
        const int number = int(i) + 1;
        if (stage.cumulativePercent < 1 || stage.cumulativePercent > 100)
            problems.append(
                {Field::StagePercent, int(i),
                 tr("Stage %1: %2 % is outside 1 to 100 %.").arg(number).arg(stage.cumulativePercent)});
        else if (stage.cumulativePercent <= previous)
            problems.append({Field::StagePercent, int(i),
                             tr("Stage %1: %2 % must be more than stage %3's %4 % (stages are cumulative).")
                                 .arg(number)
                                 .arg(stage.cumulativePercent)
                                 .arg(number - 1)
                                 .arg(previous)});
        else if (i == stages.size() - 1 && stage.cumulativePercent != 100)
            problems.append({Field::StagePercent, int(i),
                             tr("Stage %1 is the last one: it must cover 100 %, not %2 %.")
                                 .arg(number)
                                 .arg(stage.cumulativePercent)});
        previous = std::max(previous, stage.cumulativePercent);
        if (stage.minSoakSeconds < 0 || stage.minSoakSeconds > kMaxSoakSeconds)
            problems.append({Field::StageSoak, int(i),
                             tr("Stage %1: the soak time must be between 0 and 30 days.").arg(number)});
        if (stage.minSuccessPercent < 0 || stage.minSuccessPercent > 100)
            problems.append({Field::StageSuccess, int(i),
                             tr("Stage %1: the minimum success must be between 0 and 100 %.").arg(number)});
    }
    return problems;
}

QList<PlanProblem> checkRolloutPlan(const RolloutRecord &rollout)
{
    using Field = PlanProblem::Field;
    QList<PlanProblem> problems;
    if (rollout.name.trimmed().isEmpty())
        problems.append({Field::Name, -1, tr("Give the rollout a name.")});
    if (rollout.releaseId.isEmpty())
        problems.append({Field::Release, -1, tr("Choose the release to roll out.")});
    if (rollout.targetGroupIds.isEmpty())
        problems.append({Field::Groups, -1, tr("Choose at least one target group.")});
    else if (rollout.targetGroupIds.size() > 100)
        problems.append(
            {Field::Groups, -1,
             tr("%1 target groups: at most 100 are allowed.").arg(rollout.targetGroupIds.size())});
    problems.append(checkStages(rollout.stages));
    if (rollout.maxFailurePercent < 0 || rollout.maxFailurePercent > 100)
        problems.append({Field::MaxFailure, -1, tr("The failure threshold must be between 0 and 100 %.")});
    return problems;
}

QList<RolloutStageRecord> defaultStages()
{
    QList<RolloutStageRecord> stages;
    for (const int percent : {1, 10, 25, 50, 100})
        stages.append({percent, 0, 95.0});
    return stages;
}

} // namespace otter::models
