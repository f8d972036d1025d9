// AuditFilter: the audit page's filter (time range, actor, action, object) and its SQL over the cache.
#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>
#include <QVariantList>

namespace otter::models {

// Matches like otterd's ListAuditEntries, so a filter means the same online and offline:
//  - from is inclusive, to exclusive (either may be invalid: unbounded);
//  - actor is exact ("olga", "system", "device:gw-0001");
//  - action is exact ("rollout.approve"), or a kind: "rollout." or just "rollout" selects every rollout
//  action;
//  - object is exact ("rollout/7b1e…"), or a kind: "rollout/" or just "rollout" selects every rollout.
// Empty text fields match everything; surrounding blanks are ignored.
struct AuditFilter
{
    QDateTime from;
    QDateTime to;
    QString actor;
    QString action;
    QString object;

    bool isEmpty() const;
    // A problem an operator must fix before the filter can apply (e.g. "to" before "from"), empty if none.
    QString problem() const;
    // One line for reports and the export dialog, e.g. "actor olga, action rollout.*, from 2026-11-01 …".
    QString describe() const;

    struct Sql
    {
        QString where; // a condition over the audit table's columns, "1" for no filter
        QVariantList params;
    };
    Sql toSql() const;

    bool operator==(const AuditFilter &) const = default;
};

} // namespace otter::models

Q_DECLARE_METATYPE(otter::models::AuditFilter)
