// Storing rollouts, their runtime state and their event history.
#include "backend/rollouts/rollout_repository.h"

#include "backend/storage/stored_message.h"
#include "otter/v1/common.pb.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace otter::backend {
namespace {

QByteArray listToJson(const QList<qint64> &values)
{
    QJsonArray array;
    for (qint64 value : values)
        array.append(double(value));
    return QJsonDocument(array).toJson(QJsonDocument::Compact);
}

QList<qint64> listFromJson(const QByteArray &json)
{
    QList<qint64> values;
    for (const QJsonValue &value : QJsonDocument::fromJson(json).array())
        values << qint64(value.toDouble());
    return values;
}

} // namespace

QString rolloutStateName(v1::RolloutState state)
{
    QString name = QString::fromStdString(v1::RolloutState_Name(state));
    return name.remove(QStringLiteral("ROLLOUT_STATE_"));
}

Result<std::optional<v1::Rollout>> loadRollout(SqliteConnection &connection, const QString &id)
{
    auto query = connection.prepare("SELECT body FROM rollouts WHERE id = ?");
    if (!query)
        return query.error();
    query->bind(1, id);
    return readStoredMessage<v1::Rollout>(*query, QStringLiteral("rollout %1 is stored damaged").arg(id));
}

Result<void> storeRollout(WriteContext &tx, v1::Rollout &rollout)
{
    auto revision = tx.revision();
    if (!revision)
        return revision.error();
    rollout.set_revision(*revision);
    auto upsert = tx.sql().prepare(
        "INSERT INTO rollouts (id, state, release_id, current_stage, created_at, body, revision) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET state = excluded.state, "
        "release_id = excluded.release_id, current_stage = excluded.current_stage, body = excluded.body, "
        "revision = excluded.revision");
    if (!upsert)
        return upsert.error();
    upsert->bind(1, QString::fromStdString(rollout.id()))
        .bind(2, int(rollout.state()))
        .bind(3, QString::fromStdString(rollout.release_id()))
        .bind(4, qint64(rollout.current_stage()))
        .bind(5, qint64(rollout.created_at().seconds() * 1000 + rollout.created_at().nanos() / 1000000))
        .bind(6, QByteArray::fromStdString(rollout.SerializeAsString()))
        .bind(7, *revision);
    return upsert->run();
}

Result<void> deleteRollout(WriteContext &tx, const QString &id)
{
    auto remove = tx.sql().prepare("DELETE FROM rollouts WHERE id = ?");
    if (!remove)
        return remove.error();
    remove->bind(1, id);
    if (auto ok = remove->run(); !ok)
        return ok;
    return tx.tombstone(int(v1::OBJECT_KIND_ROLLOUT), id);
}

Result<RolloutRuntime> loadRuntime(SqliteConnection &connection, const QString &rolloutId)
{
    auto query =
        connection.prepare("SELECT sample_since, sample_succeeded, sample_failed, stage_started_at, "
                           "gate_passed_at, stage_last_finish, stage_sizes, event_seq FROM rollout_runtime "
                           "WHERE rollout_id = ?");
    if (!query)
        return query.error();
    query->bind(1, rolloutId);
    RolloutRuntime runtime;
    if (query->next()) {
        runtime.sampleSinceMs = query->int64(0);
        runtime.sampleSucceeded = query->int64(1);
        runtime.sampleFailed = query->int64(2);
        runtime.stageStartedAtMs = listFromJson(query->blob(3));
        runtime.gatePassedAtMs = listFromJson(query->blob(4));
        runtime.stageLastFinishMs = listFromJson(query->blob(5));
        runtime.stageSizes = listFromJson(query->blob(6));
        runtime.eventSeq = query->int64(7);
    } else if (query->failed()) {
        return query->error();
    }
    return runtime;
}

Result<void> storeRuntime(WriteContext &tx, const QString &rolloutId, const RolloutRuntime &runtime)
{
    auto upsert = tx.sql().prepare(
        "INSERT INTO rollout_runtime (rollout_id, sample_since, sample_succeeded, sample_failed, "
        "stage_started_at, "
        "gate_passed_at, stage_last_finish, stage_sizes, event_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (rollout_id) DO UPDATE SET sample_since = excluded.sample_since, "
        "sample_succeeded = excluded.sample_succeeded, sample_failed = excluded.sample_failed, "
        "stage_started_at = excluded.stage_started_at, gate_passed_at = excluded.gate_passed_at, "
        "stage_last_finish = excluded.stage_last_finish, stage_sizes = excluded.stage_sizes, "
        "event_seq = excluded.event_seq");
    if (!upsert)
        return upsert.error();
    upsert->bind(1, rolloutId)
        .bind(2, runtime.sampleSinceMs)
        .bind(3, runtime.sampleSucceeded)
        .bind(4, runtime.sampleFailed)
        .bindText(5, listToJson(runtime.stageStartedAtMs))
        .bindText(6, listToJson(runtime.gatePassedAtMs))
        .bindText(7, listToJson(runtime.stageLastFinishMs))
        .bindText(8, listToJson(runtime.stageSizes))
        .bind(9, runtime.eventSeq);
    return upsert->run();
}

Result<v1::RolloutEvent> appendEvent(WriteContext &tx, const QString &rolloutId, v1::RolloutEvent event)
{
    auto runtime = loadRuntime(tx.sql(), rolloutId);
    if (!runtime)
        return runtime.error();
    runtime->eventSeq += 1;
    event.set_seq(runtime->eventSeq);
    if (auto ok = storeRuntime(tx, rolloutId, *runtime); !ok)
        return ok.error();
    auto insert = tx.sql().prepare("INSERT INTO rollout_events (rollout_id, seq, body) VALUES (?, ?, ?)");
    if (!insert)
        return insert.error();
    insert->bind(1, rolloutId)
        .bind(2, qint64(event.seq()))
        .bind(3, QByteArray::fromStdString(event.SerializeAsString()));
    if (auto ok = insert->run(); !ok)
        return ok.error();
    return event;
}

Result<QList<v1::RolloutEvent>> loadEvents(SqliteConnection &connection, const QString &rolloutId,
                                           qint64 afterSeq, int limit)
{
    // The latest `limit` events after `afterSeq`, returned oldest first.
    auto query =
        connection.prepare("SELECT body FROM (SELECT seq, body FROM rollout_events WHERE rollout_id = ? "
                           "AND seq > ? ORDER BY seq DESC LIMIT ?) ORDER BY seq");
    if (!query)
        return query.error();
    query->bind(1, rolloutId).bind(2, afterSeq).bind(3, limit);
    QList<v1::RolloutEvent> events;
    while (query->next()) {
        v1::RolloutEvent event;
        event.ParseFromString(query->blob(0).toStdString());
        events.append(std::move(event));
    }
    if (query->failed())
        return query->error();
    return events;
}

} // namespace otter::backend
