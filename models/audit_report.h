// AuditReport: the compliance report's content gathered from the cache — period, decisions (who approved and
// started what), rollout outcomes, failures and rollbacks, and the chain head — and its PDF rendering.
#pragma once

#include "core/result.h"
#include "models/audit_filter.h"
#include "models/cache_database.h"
#include "models/records.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <functional>

class QIODevice;

namespace otter::models {

struct AuditReportLine
{
    qint64 seq = 0;
    QDateTime time;
    QString actor;
    QString action;
    QString object;  // "rollout/<id>"; the rollout's name when the cache knows it
    QString comment; // details' "comment" or "reason", if any
};

struct AuditReportRollout
{
    QString name;
    QString id;
    QString state;
    QString outcome; // e.g. "completed", "aborted by olga: …", "paused automatically: …"
};

struct AuditReport
{
    static constexpr int MaxLines = 500; // per section: a report is read, the CSV holds everything

    AuditFilter filter;
    QDateTime periodStart; // of the entries found (the filter's bounds when set)
    QDateTime periodEnd;
    qint64 entries = 0;
    QList<AuditReportLine> decisions; // create, submit, approve, reject, start, pause, resume, abort
    qint64 decisionsOmitted = 0;
    QList<AuditReportLine> failures; // auto-pauses, aborts, denials, failures, rollbacks
    qint64 failuresOmitted = 0;
    QList<AuditReportRollout> rollouts;
    qint64 chainHeadSeq = 0;
    QString chainHead;   // hex hash of the newest cached entry (the whole log, not only the period)
    QString chainStatus; // the banner's headline when the report was made
    QDateTime syncedAt;
    QDateTime generatedAt;

    // Scans the entries matching `filter` once; progress(done, total) and cancelled() as for exports.
    static Result<AuditReport> collect(const CacheDatabase &database, const AuditFilter &filter,
                                       const std::function<void(qint64, qint64)> &progress = {},
                                       const std::function<bool()> &cancelled = {});

    QString html() const;
    Result<void> writePdf(QIODevice *device) const;
};

} // namespace otter::models
