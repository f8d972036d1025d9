// Release rows: the Release message serialised in `body`, plus the columns queries use — version_key
// (semverSortKey of the version), security_version, and hardware_classes as a JSON array of strings so
// that SQL can match one class with json_each(). Releases never change after upload, so `revision` is the
// revision of the upload and orders the list newest first.
#pragma once

#include "backend/storage/sqlite_connection.h"
#include "otter/v1/releases.pb.h"

#include <QList>
#include <QSet>
#include <QStringList>

#include <optional>

namespace otter::backend {

struct ReleaseCursor
{
    qint64 revision = 0;
    QString id;
};

Result<std::optional<v1::Release>> findRelease(SqliteConnection &connection, const QString &id);
Result<void> insertRelease(SqliteConnection &connection, const v1::Release &release);
// True when a row was deleted.
Result<bool> deleteReleaseRow(SqliteConnection &connection, const QString &id);

// Newest first; only releases for `hardwareClass` unless it is empty; strictly after `after` if given.
Result<QList<v1::Release>> releasesPage(SqliteConnection &connection, const QString &hardwareClass,
                                        const std::optional<ReleaseCursor> &after, int limit);
// Stored releases that share at least one of `hardwareClasses`: the candidates for version conflicts.
Result<QList<v1::Release>> releasesSharingClasses(SqliteConnection &connection,
                                                  const QStringList &hardwareClasses);
// Hex SHA-256 of every image some release refers to. The v1 schema has no image column, so this reads the
// bodies; releases number in the hundreds, not millions.
Result<QSet<QString>> referencedImages(SqliteConnection &connection);

} // namespace otter::backend
