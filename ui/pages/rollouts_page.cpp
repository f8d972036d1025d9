// RolloutsPage: describes a rollout's plan (stages, gates, failure policy) and who did what when.
#include "ui/pages/rollouts_page.h"

#include "models/records.h"

#include <QLocale>

namespace otter::ui {

RolloutsPage::RolloutsPage(QWidget *parent)
    : RecordListPage(tr("Select a rollout to see its release, targets, stages and history."), parent)
{}

QString RolloutsPage::recordId(const QVariant &record) const
{
    return record.value<models::RolloutRecord>().id;
}

QString RolloutsPage::describeRecord(const QVariant &record) const
{
    if (!record.canConvert<models::RolloutRecord>())
        return {};
    const auto rollout = record.value<models::RolloutRecord>();
    const QLocale locale;
    QStringList stages;
    for (qsizetype i = 0; i < rollout.stages.size(); ++i) {
        const models::RolloutStageRecord &stage = rollout.stages[i];
        QString line = tr("%1. %2 % of devices, soak %3 min, success ≥ %4 %")
                           .arg(i + 1)
                           .arg(stage.cumulativePercent)
                           .arg(stage.minSoakSeconds / 60)
                           .arg(locale.toString(stage.minSuccessPercent, 'g', 4));
        if (i == rollout.currentStage && (rollout.state == u"RUNNING" || rollout.state == u"PAUSED"))
            line += tr("  ← current");
        stages.append(line);
    }
    auto stamp = [](const models::ActorStampRecord &s) {
        if (s.actor.isEmpty())
            return QString();
        QString text = tr("%1 by %2").arg(formatTime(s.time), s.actor);
        if (!s.comment.isEmpty())
            text += tr(": %1").arg(s.comment);
        return text;
    };
    QList<QPair<QString, QString>> rows = {
        {tr("State"),
         rollout.autoPaused ? tr("%1 (paused by the failure threshold)").arg(rollout.state) : rollout.state},
        {tr("Release"), rollout.releaseId},
        {tr("Target groups"), rollout.targetGroupIds.join(u'\n')},
        {tr("Maintenance window"), rollout.windowId.isEmpty() ? tr("none (any time)") : rollout.windowId},
        {tr("Stages"), stages.join(u'\n')},
        {tr("Failure policy"), tr("pause above %1 % failed after at least %2 finished devices")
                                   .arg(locale.toString(rollout.maxFailurePercent, 'g', 4))
                                   .arg(rollout.minFinished)},
        {tr("Created"), tr("%1 by %2").arg(formatTime(rollout.createdAt), rollout.createdBy)},
    };
    const QList<QPair<QString, const models::ActorStampRecord *>> stamps = {
        {tr("Submitted"), &rollout.submitted}, {tr("Approved"), &rollout.approved},
        {tr("Rejected"), &rollout.rejected},   {tr("Started"), &rollout.started},
        {tr("Paused"), &rollout.paused},       {tr("Finished"), &rollout.finished},
    };
    for (const auto &[label, value] : stamps) {
        if (const QString text = stamp(*value); !text.isEmpty())
            rows.append({label, text});
    }
    if (!rollout.description.isEmpty())
        rows.append({tr("Description"), rollout.description});
    rows.append({tr("Rollout id"), rollout.id});
    return detailHtml(rollout.name.isEmpty() ? rollout.id : rollout.name, rows);
}

} // namespace otter::ui
