// The outbox table: enqueue with in-place replacement, replay order, conflict and rejection bookkeeping.
#include "models/outbox.h"

#include "models/records_json.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace otter::models {

namespace {

const QString selectColumns = u"SELECT id, kind, operation, object_id, base_revision, payload, state, error, "
                              u"server_payload, created_at FROM outbox"_s;

OutboxEntry readEntry(const QSqlQuery &q)
{
    OutboxEntry entry;
    entry.id = q.value(0).toLongLong();
    entry.kind = q.value(1).toString();
    entry.operation = q.value(2).toString();
    entry.objectId = q.value(3).toString();
    entry.baseRevision = q.value(4).toLongLong();
    entry.payloadJson = q.value(5).toString().toUtf8();
    entry.state = q.value(6).toString();
    entry.error = q.value(7).toString();
    entry.serverPayloadJson = q.value(8).toString().toUtf8();
    entry.createdAt = QDateTime::fromMSecsSinceEpoch(q.value(9).toLongLong(), QTimeZone::utc());
    return entry;
}

// Whether payload is a record of kind with the draft's id; an operator-readable reason when not.
QString checkPayload(const QString &kind, const QString &objectId, const QByteArray &payload)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(payload, &parseError);
    if (!document.isObject())
        return Outbox::tr("the draft is not a JSON object (%1)").arg(parseError.errorString());
    const QJsonObject object = document.object();
    const bool valid = kind == u"group"    ? groupFromJson(object).has_value()
                       : kind == u"window" ? windowFromJson(object).has_value()
                                           : rolloutFromJson(object).has_value();
    if (!valid)
        return Outbox::tr("the draft is not a valid %1 record").arg(kind);
    if (object.value("id"_L1).toString() != objectId)
        return Outbox::tr("the draft's id \"%1\" differs from the object id \"%2\"")
            .arg(object.value("id"_L1).toString(), objectId);
    return {};
}

} // namespace

Outbox::Outbox(const CacheDatabase &database, QObject *parent)
    : QObject(parent)
    , m_database(database)
{}

Result<qint64> Outbox::enqueue(const QString &kind, const QString &operation, const QString &objectId,
                               qint64 baseRevision, const QByteArray &payloadJson)
{
    const QString action = tr("Saving the %1 draft %2 in the outbox").arg(kind, objectId);
    if (kind != u"group" && kind != u"window" && kind != u"rollout")
        return makeError(
            ErrorKind::InvalidInput,
            tr("%1 failed: the kind must be group, window or rollout, not \"%2\".").arg(action, kind));
    if (operation != u"create" && operation != u"update" && operation != u"delete")
        return makeError(ErrorKind::InvalidInput,
                         tr("%1 failed: the operation must be create, update or delete, not \"%2\".")
                             .arg(action, operation));
    if (objectId.isEmpty())
        return makeError(ErrorKind::InvalidInput, tr("%1 failed: the object id is empty.").arg(action));
    if (baseRevision < 0)
        return makeError(ErrorKind::InvalidInput,
                         tr("%1 failed: the base revision is negative.").arg(action));
    const bool needsPayload = operation != u"delete" || !payloadJson.isEmpty();
    if (needsPayload) {
        const QString problem = checkPayload(kind, objectId, payloadJson);
        if (!problem.isEmpty())
            return makeError(ErrorKind::InvalidInput, tr("%1 failed: %2.").arg(action, problem));
    }
    const QString payload = payloadJson.isEmpty() ? u"{}"_s : QString::fromUtf8(payloadJson);

    QSqlDatabase db = m_database.connection();
    QSqlQuery q(db);
    q.prepare(u"SELECT id, operation FROM outbox WHERE kind = ? AND object_id = ?"_s);
    q.addBindValue(kind);
    q.addBindValue(objectId);
    if (!q.exec())
        return makeError(ErrorKind::Io, describeSqlError(action, q.lastError()));
    qint64 id = 0;
    if (q.next()) {
        id = q.value(0).toLongLong();
        const QString previous = q.value(1).toString();
        q.finish();
        if (previous == u"create" && operation == u"delete") {
            // The server never heard of the object: forgetting the draft is the whole deletion.
            Result<void> removed = discard(id);
            if (!removed)
                return removed.error();
            return qint64(0);
        }
        const QString kept = previous == u"create" ? previous : operation;
        q.prepare(u"UPDATE outbox SET operation = ?, base_revision = ?, payload = ?, state = 'queued', "
                  u"error = '', server_payload = NULL WHERE id = ?"_s);
        q.addBindValue(kept);
        q.addBindValue(previous == u"create" ? qint64(0) : baseRevision);
        q.addBindValue(payload);
        q.addBindValue(id);
        if (!q.exec())
            return makeError(ErrorKind::Io, describeSqlError(action, q.lastError()));
    } else {
        q.prepare(u"INSERT INTO outbox (kind, operation, object_id, base_revision, payload, created_at) "
                  u"VALUES (?, ?, ?, ?, ?, ?)"_s);
        q.addBindValue(kind);
        q.addBindValue(operation);
        q.addBindValue(objectId);
        q.addBindValue(baseRevision);
        q.addBindValue(payload);
        q.addBindValue(QDateTime::currentMSecsSinceEpoch());
        if (!q.exec())
            return makeError(ErrorKind::Io, describeSqlError(action, q.lastError()));
        id = q.lastInsertId().toLongLong();
    }
    emit changed();
    return id;
}

QList<OutboxEntry> Outbox::select(const QString &where, const QVariantList &params) const
{
    QSqlQuery q(m_database.connection());
    q.setForwardOnly(true);
    q.prepare(selectColumns + where + u" ORDER BY id"_s);
    for (const QVariant &param : params)
        q.addBindValue(param);
    QList<OutboxEntry> entries;
    if (!q.exec())
        return entries;
    while (q.next())
        entries.append(readEntry(q));
    return entries;
}

QList<OutboxEntry> Outbox::queued() const
{
    return select(u" WHERE state = 'queued'"_s, {});
}

QList<OutboxEntry> Outbox::entries() const
{
    return select(QString(), {});
}

std::optional<OutboxEntry> Outbox::entry(qint64 id) const
{
    const QList<OutboxEntry> found = select(u" WHERE id = ?"_s, {id});
    if (found.isEmpty())
        return std::nullopt;
    return found.constFirst();
}

int Outbox::count() const
{
    QSqlQuery q(m_database.connection());
    if (!q.exec(u"SELECT COUNT(*) FROM outbox"_s) || !q.next())
        return 0;
    return q.value(0).toInt();
}

Result<void> Outbox::update(qint64 id, const QString &set, const QVariantList &params, const QString &action)
{
    QSqlQuery q(m_database.connection());
    q.prepare(set.isEmpty() ? u"DELETE FROM outbox WHERE id = ?"_s
                            : u"UPDATE outbox SET "_s + set + u" WHERE id = ?"_s);
    for (const QVariant &param : params)
        q.addBindValue(param);
    q.addBindValue(id);
    if (!q.exec())
        return makeError(ErrorKind::Io, describeSqlError(action, q.lastError()));
    if (q.numRowsAffected() == 0)
        return makeError(ErrorKind::NotFound,
                         tr("%1 failed: draft %2 is no longer in the outbox.").arg(action).arg(id));
    emit changed();
    return {};
}

Result<void> Outbox::markSent(qint64 id)
{
    return update(id, QString(), {}, tr("Removing a sent draft"));
}

Result<void> Outbox::markConflict(qint64 id, const QByteArray &serverPayloadJson, const QString &message)
{
    return update(id, u"state = 'conflict', server_payload = ?, error = ?"_s,
                  {QString::fromUtf8(serverPayloadJson), message}, tr("Recording a conflict"));
}

Result<void> Outbox::markRejected(qint64 id, const QString &message)
{
    return update(id, u"state = 'rejected', error = ?"_s, {message}, tr("Recording a refusal"));
}

Result<void> Outbox::keepMine(qint64 id, qint64 newBaseRevision)
{
    return update(id, u"state = 'queued', base_revision = ?, error = '', server_payload = NULL"_s,
                  {newBaseRevision}, tr("Queuing the draft again"));
}

Result<void> Outbox::discard(qint64 id)
{
    return update(id, QString(), {}, tr("Discarding a draft"));
}

} // namespace otter::models
