// Resumable upload sessions.
#include "backend/storage/upload_sessions.h"

namespace otter::backend {
namespace {

Result<QStringList> collectIds(SqliteStatement &query)
{
    QStringList ids;
    while (query.next())
        ids << query.text(0);
    if (query.failed())
        return query.error();
    return ids;
}

} // namespace

Result<std::optional<UploadSession>> findUploadSession(SqliteConnection &connection, const QString &id)
{
    auto query = connection.prepare("SELECT id, owner, header, total_size, committed_offset, release_id, "
                                    "expires_at FROM upload_sessions WHERE id = ?");
    if (!query)
        return query.error();
    query->bind(1, id);
    if (!query->next()) {
        if (query->failed())
            return query->error();
        return std::optional<UploadSession>();
    }
    return std::optional<UploadSession>(
        UploadSession{query->text(0), query->text(1), query->blob(2), query->int64(3), query->int64(4),
                      query->text(5), QDateTime::fromMSecsSinceEpoch(query->int64(6), Qt::UTC)});
}

Result<void> insertUploadSession(SqliteConnection &connection, const UploadSession &session)
{
    auto insert =
        connection.prepare("INSERT INTO upload_sessions (id, owner, header, total_size, "
                           "committed_offset, release_id, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
    if (!insert)
        return insert.error();
    insert->bind(1, session.id)
        .bind(2, session.owner)
        .bind(3, session.header)
        .bind(4, session.totalSize)
        .bind(5, session.committedOffset)
        .bind(6, session.releaseId)
        .bind(7, session.expiresAt.toMSecsSinceEpoch());
    return insert->run();
}

Result<void> updateUploadProgress(SqliteConnection &connection, const QString &id, qint64 committedOffset,
                                  const QDateTime &expiresAt)
{
    auto update = connection.prepare(
        "UPDATE upload_sessions SET committed_offset = ?, expires_at = ? WHERE id = ? AND release_id = ''");
    if (!update)
        return update.error();
    update->bind(1, committedOffset).bind(2, expiresAt.toMSecsSinceEpoch()).bind(3, id);
    return update->run();
}

Result<void> completeUploadSession(SqliteConnection &connection, const QString &id, const QString &releaseId)
{
    auto update = connection.prepare(
        "UPDATE upload_sessions SET release_id = ?, committed_offset = total_size WHERE id = ?");
    if (!update)
        return update.error();
    update->bind(1, releaseId).bind(2, id);
    return update->run();
}

Result<void> deleteUploadSession(SqliteConnection &connection, const QString &id)
{
    auto remove = connection.prepare("DELETE FROM upload_sessions WHERE id = ?");
    if (!remove)
        return remove.error();
    remove->bind(1, id);
    return remove->run();
}

Result<QStringList> expiredUploadSessions(SqliteConnection &connection, const QDateTime &now)
{
    auto query = connection.prepare("SELECT id FROM upload_sessions WHERE expires_at < ?");
    if (!query)
        return query.error();
    query->bind(1, now.toMSecsSinceEpoch());
    return collectIds(*query);
}

Result<QStringList> allUploadSessionIds(SqliteConnection &connection)
{
    auto query = connection.prepare("SELECT id FROM upload_sessions");
    if (!query)
        return query.error();
    return collectIds(*query);
}

QString uploadPartPath(const QString &scratchDirectory, const QString &uploadId)
{
    return QStringLiteral("%1/upload-%2.part").arg(scratchDirectory, uploadId);
}

} // namespace otter::backend
