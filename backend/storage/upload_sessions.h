// Resumable upload sessions: the row remembers who uploads what and how many bytes of the session's part
// file (uploads/upload-<id>.part) are durable. Bytes past committed_offset may exist after a crash; they
// are cut off when the upload resumes.
#pragma once

#include "backend/storage/sqlite_connection.h"

#include <QDateTime>
#include <QStringList>

#include <optional>

namespace otter::backend {

struct UploadSession
{
    QString id;
    QString owner;
    QByteArray header; // the serialised UploadHeader with offset 0: what a resume must repeat
    qint64 totalSize = 0;
    qint64 committedOffset = 0;
    QString releaseId; // set once the upload completed
    QDateTime expiresAt;
};

Result<std::optional<UploadSession>> findUploadSession(SqliteConnection &connection, const QString &id);
Result<void> insertUploadSession(SqliteConnection &connection, const UploadSession &session);
Result<void> updateUploadProgress(SqliteConnection &connection, const QString &id, qint64 committedOffset,
                                  const QDateTime &expiresAt);
// Every byte arrived and the release is stored: the session now only answers QueryUpload until it expires.
Result<void> completeUploadSession(SqliteConnection &connection, const QString &id, const QString &releaseId);
Result<void> deleteUploadSession(SqliteConnection &connection, const QString &id);
// Sessions whose time ran out before `now`.
Result<QStringList> expiredUploadSessions(SqliteConnection &connection, const QDateTime &now);
Result<QStringList> allUploadSessionIds(SqliteConnection &connection);

// Where a session's bytes live. Named *.part so that the artifact store's crash cleanup (*.tmp) keeps them.
QString uploadPartPath(const QString &scratchDirectory, const QString &uploadId);

} // namespace otter::backend
