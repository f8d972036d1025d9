// Stored device groups.
#include "backend/storage/groups.h"

#include "backend/storage/stored_message.h"
#include "otter/v1/rollouts.pb.h"

namespace otter::backend {
namespace {

QString unreadableGroup()
{
    return QStringLiteral("the stored group is unreadable");
}

} // namespace

Result<std::optional<v1::Group>> findGroup(SqliteConnection &connection, const QString &id)
{
    auto statement = connection.prepare("SELECT body FROM groups WHERE id = ?");
    if (!statement)
        return statement.error();
    statement->bind(1, id);
    return readStoredMessage<v1::Group>(*statement, unreadableGroup());
}

Result<std::optional<v1::Group>> findGroupByName(SqliteConnection &connection, const QString &name)
{
    auto statement = connection.prepare("SELECT body FROM groups WHERE name = ? ORDER BY id LIMIT 1");
    if (!statement)
        return statement.error();
    statement->bind(1, name);
    return readStoredMessage<v1::Group>(*statement, unreadableGroup());
}

Result<void> saveGroup(SqliteConnection &connection, const v1::Group &group)
{
    const QString id = QString::fromStdString(group.id());
    {
        auto upsert = connection.prepare("INSERT INTO groups (id, name, body, revision) VALUES (?, ?, ?, ?) "
                                         "ON CONFLICT (id) DO UPDATE SET name = excluded.name, "
                                         "body = excluded.body, revision = excluded.revision");
        if (!upsert)
            return upsert.error();
        const std::string body = group.SerializeAsString();
        upsert->bind(1, id)
            .bind(2, QString::fromStdString(group.name()))
            .bind(3, QByteArray::fromRawData(body.data(), qsizetype(body.size())))
            .bind(4, qint64(group.revision()));
        if (auto ok = upsert->run(); !ok)
            return ok;
    }
    {
        auto clear = connection.prepare("DELETE FROM group_members WHERE group_id = ?");
        if (!clear)
            return clear.error();
        clear->bind(1, id);
        if (auto ok = clear->run(); !ok)
            return ok;
    }
    if (!group.has_members())
        return {};
    for (const std::string &deviceId : group.members().device_ids()) {
        // A statement handle runs once (it resets when released); the cache makes preparing it again cheap.
        auto insert =
            connection.prepare("INSERT OR IGNORE INTO group_members (group_id, device_id) VALUES (?, ?)");
        if (!insert)
            return insert.error();
        insert->bind(1, id).bindText(2, QByteArray::fromRawData(deviceId.data(), qsizetype(deviceId.size())));
        if (auto ok = insert->run(); !ok)
            return ok;
    }
    return {};
}

Result<void> deleteGroup(SqliteConnection &connection, const QString &id)
{
    // group_members rows go with it (ON DELETE CASCADE).
    auto statement = connection.prepare("DELETE FROM groups WHERE id = ?");
    if (!statement)
        return statement.error();
    statement->bind(1, id);
    return statement->run();
}

Result<QList<v1::Group>> groupsAfter(SqliteConnection &connection,
                                     const std::optional<GroupListCursor> &after, int limit)
{
    auto statement = after ? connection.prepare("SELECT body FROM groups WHERE (name, id) > (?, ?) "
                                                "ORDER BY name, id LIMIT ?")
                           : connection.prepare("SELECT body FROM groups ORDER BY name, id LIMIT ?");
    if (!statement)
        return statement.error();
    int index = 1;
    if (after)
        statement->bind(index++, after->name).bind(index++, after->id);
    statement->bind(index, limit);
    return readStoredMessages<v1::Group>(*statement, unreadableGroup());
}

Result<QStringList> rolloutsBlockingGroupDeletion(SqliteConnection &connection, const QString &groupId)
{
    // Running rollouts resolved their groups when they started; only those yet to start still need them.
    auto statement = connection.prepare("SELECT id, body FROM rollouts WHERE state IN (?, ?, ?) ORDER BY id");
    if (!statement)
        return statement.error();
    statement->bind(1, int(v1::ROLLOUT_STATE_DRAFT))
        .bind(2, int(v1::ROLLOUT_STATE_PENDING_APPROVAL))
        .bind(3, int(v1::ROLLOUT_STATE_APPROVED));
    QStringList ids;
    const std::string wanted = groupId.toStdString();
    while (statement->next()) {
        v1::Rollout rollout;
        const QByteArray body = statement->blob(1);
        if (!rollout.ParseFromArray(body.constData(), int(body.size())))
            continue;
        for (const std::string &target : rollout.target_group_ids()) {
            if (target == wanted) {
                ids.append(statement->text(0));
                break;
            }
        }
    }
    if (statement->failed())
        return statement->error();
    return ids;
}

} // namespace otter::backend
