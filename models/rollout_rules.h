// The rules the server applies to rollouts, kept on the console's side so that the wizard and the rollouts
// page can say what is wrong or not allowed before a round trip: which actions a state allows, who may
// approve (four-eyes, role), and the plan limits (stages, gates, failure policy).
#pragma once

#include "models/records.h"

#include <QList>
#include <QMetaType>
#include <QString>

namespace otter::models {

enum class RolloutAction { Submit, Approve, Reject, Start, Pause, Resume, Abort };

inline constexpr int kMaxRolloutStagesInPlan = 20;
inline constexpr qint64 kMaxSoakSeconds = 30LL * 24 * 3600;

// Whether a rollout in `state` (DRAFT, PENDING_APPROVAL, …) allows the action.
bool actionAllowedIn(RolloutAction action, const QString &state);
// "submit", "approve", … : the verb operators read in messages.
QString actionVerb(RolloutAction action);
// "submitted", "approved", … : for "cannot be …" sentences.
QString actionPastTense(RolloutAction action);
// Pause, reject and abort need a comment; the server refuses them without one.
bool actionNeedsText(RolloutAction action);

// Why `operatorName` (role as otterd names it: viewer, operator, approver, admin) may not approve or reject
// the rollout, in words; empty when they may. Empty operatorName: not signed in.
QString approvalBlocker(const RolloutRecord &rollout, const QString &operatorName, const QString &role);

// One problem with a rollout plan. stage is the 0-based stage it concerns, -1 for the rollout as a whole.
struct PlanProblem
{
    enum class Field { Name, Release, Groups, StagePercent, StageSoak, StageSuccess, StageCount, MaxFailure };
    Field field = Field::Name;
    int stage = -1;
    QString message;
};

// Every problem, in the order of the wizard's pages; empty when the server would accept the plan.
QList<PlanProblem> checkRolloutPlan(const RolloutRecord &rollout);
// Only the stages (percent order, count, gate limits).
QList<PlanProblem> checkStages(const QList<RolloutStageRecord> &stages);

// The default plan of the server: 1/10/25/50/100 %, no soak, 95 % success.
QList<RolloutStageRecord> defaultStages();

} // namespace otter::models

Q_DECLARE_METATYPE(otter::models::RolloutAction)
