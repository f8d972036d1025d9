// Stored maintenance windows.
#include "backend/storage/windows.h"

#include "backend/storage/stored_message.h"
#include "otter/v1/rollouts.pb.h"

namespace otter::backend {
namespace {

QString unreadableWindow()
{
    return QStringLiteral("the stored maintenance window is unreadable");
}

} // namespace

Result<std::optional<v1::MaintenanceWindow>> findWindow(SqliteConnection &connection, const QString &id)
{
    auto statement = connection.prepare("SELECT body FROM maintenance_windows WHERE id = ?");
    if (!statement)
        return statement.error();
    statement->bind(1, id);
    return readStoredMessage<v1::MaintenanceWindow>(*statement, unreadableWindow());
}

Result<std::optional<v1::MaintenanceWindow>> findWindowByName(SqliteConnection &connection,
                                                              const QString &name)
{
    auto statement =
        connection.prepare("SELECT body FROM maintenance_windows WHERE name = ? ORDER BY id LIMIT 1");
    if (!statement)
        return statement.error();
    statement->bind(1, name);
    return readStoredMessage<v1::MaintenanceWindow>(*statement, unreadableWindow());
}

Result<void> saveWindow(SqliteConnection &connection, const v1::MaintenanceWindow &window)
{
    auto upsert =
        connection.prepare("INSERT INTO maintenance_windows (id, name, body, revision) "
                           "VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name, "
                           "body = excluded.body, revision = excluded.revision");
    if (!upsert)
        return upsert.error();
    const std::string body = window.SerializeAsString();
    upsert->bind(1, QString::fromStdString(window.id()))
        .bind(2, QString::fromStdString(window.name()))
        .bind(3, QByteArray::fromRawData(body.data(), qsizetype(body.size())))
        .bind(4, qint64(window.revision()));
    return upsert->run();
}

Result<void> deleteWindow(SqliteConnection &connection, const QString &id)
{
    auto statement = connection.prepare("DELETE FROM maintenance_windows WHERE id = ?");
    if (!statement)
        return statement.error();
    statement->bind(1, id);
    return statement->run();
}

Result<QList<v1::MaintenanceWindow>> windowsAfter(SqliteConnection &connection,
                                                  const std::optional<WindowListCursor> &after, int limit)
{
    auto statement =
        after ? connection.prepare("SELECT body FROM maintenance_windows WHERE (name, id) > (?, ?) "
                                   "ORDER BY name, id LIMIT ?")
              : connection.prepare("SELECT body FROM maintenance_windows ORDER BY name, id LIMIT ?");
    if (!statement)
        return statement.error();
    int index = 1;
    if (after)
        statement->bind(index++, after->name).bind(index++, after->id);
    statement->bind(index, limit);
    return readStoredMessages<v1::MaintenanceWindow>(*statement, unreadableWindow());
}

Result<QStringList> rolloutsBlockingWindowDeletion(SqliteConnection &connection, const QString &windowId)
{
    // Running and paused rollouts consult their window at every install decision; finished ones never again.
    auto statement =
        connection.prepare("SELECT id, body FROM rollouts WHERE state NOT IN (?, ?) ORDER BY id");
    if (!statement)
        return statement.error();
    statement->bind(1, int(v1::ROLLOUT_STATE_COMPLETED)).bind(2, int(v1::ROLLOUT_STATE_ABORTED));
    QStringList ids;
    const std::string wanted = windowId.toStdString();
    while (statement->next()) {
        v1::Rollout rollout;
        const QByteArray body = statement->blob(1);
        if (rollout.ParseFromArray(body.constData(), int(body.size())) && rollout.window_id() == wanted)
            ids.append(statement->text(0));
    }
    if (statement->failed())
        return statement->error();
    return ids;
}

} // namespace otter::backend
