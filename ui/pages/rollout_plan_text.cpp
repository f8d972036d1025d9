// Rollout plan and pre-flight as HTML tables.
#include "ui/pages/rollout_plan_text.h"

#include <QCoreApplication>
#include <QLocale>

namespace otter::ui {
namespace {

QString tr(const char *text, const char *disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("RolloutPlanText", text, disambiguation, n);
}

QString named(const QMap<QString, QString> &names, const QString &id)
{
    const QString name = names.value(id);
    return name.isEmpty() ? id : name;
}

QString row(const QString &label, const QString &valueHtml)
{
    return QStringLiteral("<tr><td valign='top'><b>%1</b></td><td>%2</td></tr>")
        .arg(label.toHtmlEscaped(), valueHtml);
}

QString number(qint64 value)
{
    return QLocale().toString(value);
}

} // namespace

QString formatDuration(qint64 seconds)
{
    if (seconds < 60)
        return tr("under a minute");
    const qint64 days = seconds / 86400;
    const qint64 hours = (seconds % 86400) / 3600;
    const qint64 minutes = (seconds % 3600) / 60;
    if (days > 0)
        return hours > 0 ? tr("%1 d %2 h").arg(days).arg(hours) : tr("%1 d").arg(days);
    if (hours > 0)
        return minutes > 0 ? tr("%1 h %2 min").arg(hours).arg(minutes) : tr("%1 h").arg(hours);
    return tr("%1 min").arg(minutes);
}

QString skipReasonText(const QString &reason)
{
    if (reason == u"INCOMPATIBLE_HARDWARE")
        return tr("hardware class not supported by the release");
    if (reason == u"DOWNGRADE")
        return tr("device runs a higher security version (anti-rollback)");
    if (reason == u"ALREADY_CURRENT")
        return tr("already runs this version");
    return reason;
}

QString rolloutPlanHtml(const models::RolloutRecord &rollout, const RolloutNames &names)
{
    const QLocale locale;
    QStringList groups;
    for (const QString &id : rollout.targetGroupIds)
        groups.append(named(names.groups, id).toHtmlEscaped());
    QStringList stages;
    for (qsizetype i = 0; i < rollout.stages.size(); ++i) {
        const models::RolloutStageRecord &stage = rollout.stages[i];
        const QString soak = stage.minSoakSeconds > 0
                                 ? tr("soak %1").arg(formatDuration(stage.minSoakSeconds))
                                 : tr("no soak");
        stages.append(tr("%1. up to %2 % — %3, at least %4 % succeeded")
                          .arg(i + 1)
                          .arg(stage.cumulativePercent)
                          .arg(soak, locale.toString(stage.minSuccessPercent, 'g', 4)));
    }
    QString html = QStringLiteral("<table cellspacing='0' cellpadding='3'>");
    html += row(tr("Release"), named(names.releases, rollout.releaseId).toHtmlEscaped());
    html += row(tr("Target groups"), groups.isEmpty() ? tr("none") : groups.join(QStringLiteral(", ")));
    html += row(tr("Maintenance window"), rollout.windowId.isEmpty()
                                              ? tr("none: devices install at any time")
                                              : named(names.windows, rollout.windowId).toHtmlEscaped());
    html += row(tr("Stages"), stages.join(QStringLiteral("<br>")));
    html += row(tr("Failure policy"),
                tr("pause automatically when more than %1 % of the finished devices failed, once at least %2 "
                   "have finished")
                    .arg(locale.toString(rollout.maxFailurePercent, 'g', 4))
                    .arg(rollout.minFinished));
    return html + QStringLiteral("</table>");
}

QString rolloutPreviewHtml(const models::RolloutPreviewRecord &preview)
{
    QString html = QStringLiteral("<table cellspacing='0' cellpadding='3'>");
    html += row(tr("Devices"), tr("%1 targeted, %2 will be updated")
                                   .arg(number(preview.targetedDevices), number(preview.eligibleDevices)));
    QString stages = QStringLiteral("<table cellspacing='0' cellpadding='2'><tr><th align='left'>%1</th>"
                                    "<th align='right'>%2</th><th align='right'>%3</th><th align='right'>%4"
                                    "</th></tr>")
                         .arg(tr("Stage"), tr("Up to"), tr("Adds"), tr("Total"));
    for (const models::StagePreviewRecord &stage : preview.stages)
        stages += QStringLiteral("<tr><td>%1</td><td align='right'>%2 %</td><td align='right'>%3</td>"
                                 "<td align='right'>%4</td></tr>")
                      .arg(stage.index + 1)
                      .arg(stage.cumulativePercent)
                      .arg(number(stage.deviceCount), number(stage.cumulativeDeviceCount));
    html += row(tr("Devices per stage"), stages + QStringLiteral("</table>"));
    QStringList skipped;
    for (const models::SkippedDevicesRecord &skip : preview.skipped) {
        QString line = tr("%1 — %2").arg(number(skip.count), skipReasonText(skip.reason).toHtmlEscaped());
        if (!skip.sampleDeviceIds.isEmpty())
            line += QStringLiteral(" <i>(%1%2)</i>")
                        .arg(skip.sampleDeviceIds.mid(0, 3).join(QStringLiteral(", ")).toHtmlEscaped(),
                             skip.sampleDeviceIds.size() > 3 || skip.count > 3 ? QStringLiteral(", …")
                                                                               : QString());
        skipped.append(line);
    }
    html += row(tr("Skipped"), skipped.isEmpty() ? tr("none") : skipped.join(QStringLiteral("<br>")));
    html += row(tr("First window opening"),
                preview.firstWindowOpening.isValid()
                    ? QLocale()
                          .toString(preview.firstWindowOpening.toLocalTime(), QLocale::ShortFormat)
                          .toHtmlEscaped()
                    : tr("no window: installs may start at once"));
    html += row(tr("Estimated time to 100 %"), tr("about %1 (an estimate for planning, not a promise)")
                                                   .arg(formatDuration(preview.estimatedSeconds)));
    if (!preview.warnings.isEmpty()) {
        QStringList warnings;
        for (const QString &warning : preview.warnings)
            warnings.append(warning.toHtmlEscaped());
        html += row(tr("Warnings"), warnings.join(QStringLiteral("<br>")));
    }
    return html + QStringLiteral("</table>");
}

} // namespace otter::ui
