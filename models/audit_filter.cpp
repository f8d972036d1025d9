// AuditFilter: exact and kind (prefix) matches compiled to SQL ranges over the audit table.
#include "models/audit_filter.h"

#include <QCoreApplication>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace otter::models {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("otter::models::AuditFilter", text);
}

struct TextMatch
{
    QString value;
    bool prefix = false;
};

// "rollout" and "rollout." (with separator '.') both mean the kind; "rollout.start" is exact.
TextMatch textMatch(const QString &text, QChar separator)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return {};
    if (trimmed.endsWith(separator))
        return {trimmed, true};
    if (!trimmed.contains(separator))
        return {trimmed + separator, true};
    return {trimmed, false};
}

// A prefix as a range on the column ("rollout." ≤ x < "rollout/"): binary comparison, no LIKE escaping, and
// the same rows whatever the collation of the connection.
void addMatch(const QString &column, const TextMatch &match, QStringList &where, QVariantList &params)
{
    if (match.value.isEmpty())
        return;
    if (!match.prefix) {
        where.append(column + u" = ?"_s);
        params.append(match.value);
        return;
    }
    QString upper = match.value;
    upper.back() = QChar(upper.back().unicode() + 1);
    where.append(u"(%1 >= ? AND %1 < ?)"_s.arg(column));
    params.append(match.value);
    params.append(upper);
}

QString shownTime(const QDateTime &time)
{
    return time.toUTC().toString(u"yyyy-MM-dd HH:mm:ss 'UTC'"_s);
}

} // namespace

bool AuditFilter::isEmpty() const
{
    return !from.isValid() && !to.isValid() && actor.trimmed().isEmpty() && action.trimmed().isEmpty() &&
           object.trimmed().isEmpty();
}

QString AuditFilter::problem() const
{
    if (from.isValid() && to.isValid() && to <= from)
        return tr("The end of the time range (%1) must be after its start (%2).")
            .arg(shownTime(to), shownTime(from));
    return {};
}

QString AuditFilter::describe() const
{
    if (isEmpty())
        return tr("all entries");
    QStringList parts;
    if (from.isValid())
        parts.append(tr("from %1").arg(shownTime(from)));
    if (to.isValid())
        parts.append(tr("before %1").arg(shownTime(to)));
    if (!actor.trimmed().isEmpty())
        parts.append(tr("actor %1").arg(actor.trimmed()));
    const TextMatch actionMatch = textMatch(action, u'.');
    if (!actionMatch.value.isEmpty())
        parts.append(tr("action %1").arg(actionMatch.prefix ? actionMatch.value + u'*' : actionMatch.value));
    const TextMatch objectMatch = textMatch(object, u'/');
    if (!objectMatch.value.isEmpty())
        parts.append(tr("object %1").arg(objectMatch.prefix ? objectMatch.value + u'*' : objectMatch.value));
    return parts.join(u", "_s);
}

AuditFilter::Sql AuditFilter::toSql() const
{
    QStringList where;
    QVariantList params;
    if (from.isValid()) {
        where.append(u"time >= ?"_s);
        params.append(from.toMSecsSinceEpoch());
    }
    if (to.isValid()) {
        where.append(u"time < ?"_s);
        params.append(to.toMSecsSinceEpoch());
    }
    if (const QString a = actor.trimmed(); !a.isEmpty()) {
        where.append(u"actor = ?"_s);
        params.append(a);
    }
    addMatch(u"action"_s, textMatch(action, u'.'), where, params);
    addMatch(u"object"_s, textMatch(object, u'/'), where, params);
    if (where.isEmpty())
        return {u"1"_s, {}};
    return {where.join(u" AND "_s), params};
}

} // namespace otter::models
