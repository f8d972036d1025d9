// AuditReport: one pass over the filtered entries; rollout names and outcomes from the cached rollouts.
#include "models/audit_report.h"

#include "models/audit_cache_reader.h"
#include "models/records_json.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace otter::models {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("otter::models::AuditReport", text);
}

bool isDecision(const QString &action)
{
    static const QSet<QString> decisions{
        u"rollout.create"_s, u"rollout.submit"_s, u"rollout.approve"_s, u"rollout.reject"_s,
        u"rollout.start"_s,  u"rollout.pause"_s,  u"rollout.resume"_s,  u"rollout.abort"_s,
        u"release.upload"_s, u"release.delete"_s, u"trusted_key.add"_s, u"trusted_key.revoke"_s,
    };
    return decisions.contains(action);
}

bool isFailure(const QString &action)
{
    return action == u"rollout.auto_pause" || action == u"rollout.abort" || action.contains(u"fail") ||
           action.contains(u"rollback") || action.contains(u"rolled_back") || action.contains(u"denied") ||
           action.contains(u"refuse");
}

QString commentOf(const QString &detailsJson)
{
    const QJsonObject details = QJsonDocument::fromJson(detailsJson.toUtf8()).object();
    for (const QLatin1StringView key : {"comment"_L1, "reason"_L1, "message"_L1}) {
        const QString text = details.value(key).toString();
        if (!text.isEmpty())
            return text;
    }
    return {};
}

QString outcomeOf(const RolloutRecord &rollout)
{
    const QString state = rollout.state.toUpper();
    if (state == u"COMPLETED")
        return tr("completed");
    if (state == u"ABORTED")
        return rollout.finished.comment.isEmpty()
                   ? tr("aborted by %1").arg(rollout.finished.actor)
                   : tr("aborted by %1: %2").arg(rollout.finished.actor, rollout.finished.comment);
    if (state == u"PAUSED" && rollout.autoPaused)
        return tr("paused automatically: %1").arg(rollout.paused.comment);
    if (state == u"PAUSED")
        return tr("paused by %1").arg(rollout.paused.actor);
    if (state == u"RUNNING")
        return tr("running, stage %1").arg(rollout.currentStage + 1);
    return tr("not started (%1)").arg(rollout.state.toLower().replace(u'_', u' '));
}

} // namespace

Result<AuditReport> AuditReport::collect(const CacheDatabase &database, const AuditFilter &filter,
                                         const std::function<void(qint64, qint64)> &progress,
                                         const std::function<bool()> &cancelled)
{
    AuditReport report;
    report.filter = filter;
    report.generatedAt = QDateTime::currentDateTimeUtc();
    AuditCacheReader reader(database);
    const auto total = reader.count(filter);
    if (!total)
        return total.error();
    if (auto opened = reader.open(filter); !opened)
        return opened.error();
    QSet<QString> rolloutIds;
    while (auto entry = reader.next()) {
        ++report.entries;
        if ((report.entries & 1023) == 0) {
            if (cancelled && cancelled())
                return makeError(ErrorKind::Io, tr("cancelled"));
            if (progress)
                progress(report.entries, *total);
        }
        if (!report.periodStart.isValid() || entry->time < report.periodStart)
            report.periodStart = entry->time;
        if (!report.periodEnd.isValid() || entry->time > report.periodEnd)
            report.periodEnd = entry->time;
        if (entry->object.startsWith(u"rollout/"))
            rolloutIds.insert(entry->object.mid(8));
        const bool decision = isDecision(entry->action);
        const bool failure = isFailure(entry->action);
        if (!decision && !failure)
            continue;
        const AuditReportLine line{entry->seq,    entry->time,   entry->actor,
                                   entry->action, entry->object, commentOf(entry->detailsJson)};
        if (decision) {
            if (report.decisions.size() < MaxLines)
                report.decisions.append(line);
            else
                ++report.decisionsOmitted;
        }
        if (failure) {
            if (report.failures.size() < MaxLines)
                report.failures.append(line);
            else
                ++report.failuresOmitted;
        }
    }
    if (!reader.error().isEmpty())
        return makeError(ErrorKind::Io, reader.error());
    if (filter.from.isValid())
        report.periodStart = filter.from;
    if (filter.to.isValid())
        report.periodEnd = filter.to;

    QSqlQuery q(database.connection());
    q.setForwardOnly(true);
    QHash<QString, QString> names;
    if (q.exec(u"SELECT id, name, body FROM rollouts ORDER BY name, id"_s)) {
        while (q.next()) {
            const QString id = q.value(0).toString();
            names.insert(id, q.value(1).toString());
            if (!rolloutIds.contains(id))
                continue;
            const auto rollout = rolloutFromJson(QJsonDocument::fromJson(q.value(2).toByteArray()).object());
            if (rollout)
                report.rollouts.append({rollout->name, id, rollout->state, outcomeOf(*rollout)});
        }
    }
    for (QList<AuditReportLine> *lines : {&report.decisions, &report.failures}) {
        for (AuditReportLine &line : *lines) {
            if (line.object.startsWith(u"rollout/")) {
                const QString name = names.value(line.object.mid(8));
                if (!name.isEmpty())
                    line.object = tr("%1 (%2)").arg(name, line.object);
            }
        }
    }
    const auto newest = reader.newest();
    if (!newest)
        return newest.error();
    if (*newest) {
        report.chainHeadSeq = (*newest)->seq;
        report.chainHead = (*newest)->hash;
    }
    if (progress)
        progress(*total, *total);
    return report;
}

} // namespace otter::models
