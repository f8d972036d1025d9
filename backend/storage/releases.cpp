// Release rows.
#include "backend/storage/releases.h"

#include "backend/storage/stored_message.h"
#include "core/semver.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace otter::backend {
namespace {

QByteArray classesJson(const QStringList &classes)
{
    return QJsonDocument(QJsonArray::fromStringList(classes)).toJson(QJsonDocument::Compact);
}

QString unreadableRelease()
{
    return QStringLiteral("a stored release cannot be read");
}

Result<QList<v1::Release>> collect(SqliteStatement &query)
{
    return readStoredMessages<v1::Release>(query, unreadableRelease());
}

} // namespace

Result<std::optional<v1::Release>> findRelease(SqliteConnection &connection, const QString &id)
{
    auto query = connection.prepare("SELECT body FROM releases WHERE id = ?");
    if (!query)
        return query.error();
    query->bind(1, id);
    return readStoredMessage<v1::Release>(*query, unreadableRelease());
}

Result<void> insertRelease(SqliteConnection &connection, const v1::Release &release)
{
    QStringList classes;
    for (const std::string &hardwareClass : release.hardware_classes())
        classes << QString::fromStdString(hardwareClass);
    auto insert = connection.prepare("INSERT INTO releases (id, version_key, security_version, "
                                     "hardware_classes, body, revision) VALUES (?, ?, ?, ?, ?, ?)");
    if (!insert)
        return insert.error();
    insert->bind(1, QString::fromStdString(release.id()))
        .bind(2, semverSortKey(QString::fromStdString(release.version())))
        .bind(3, qint64(release.security_version()))
        .bindText(4, classesJson(classes))
        .bind(5, QByteArray::fromStdString(release.SerializeAsString()))
        .bind(6, qint64(release.revision()));
    return insert->run();
}

Result<bool> deleteReleaseRow(SqliteConnection &connection, const QString &id)
{
    auto remove = connection.prepare("DELETE FROM releases WHERE id = ?");
    if (!remove)
        return remove.error();
    remove->bind(1, id);
    if (auto ok = remove->run(); !ok)
        return ok.error();
    return connection.changes() > 0;
}

Result<QList<v1::Release>> releasesPage(SqliteConnection &connection, const QString &hardwareClass,
                                        const std::optional<ReleaseCursor> &after, int limit)
{
    // Keyset on (revision, id) descending; ?1 = 0 means "from the newest".
    auto query = connection.prepare(
        "SELECT body FROM releases WHERE (?1 = 0 OR (revision, id) < (?2, ?3)) "
        "AND (?4 = '' OR EXISTS (SELECT 1 FROM json_each(releases.hardware_classes) WHERE value = ?4)) "
        "ORDER BY revision DESC, id DESC LIMIT ?5");
    if (!query)
        return query.error();
    query->bind(1, after ? 1 : 0)
        .bind(2, after ? after->revision : qint64(0))
        .bind(3, after ? after->id : QString())
        .bind(4, hardwareClass)
        .bind(5, limit);
    return collect(*query);
}

Result<QList<v1::Release>> releasesSharingClasses(SqliteConnection &connection,
                                                  const QStringList &hardwareClasses)
{
    auto query = connection.prepare("SELECT body FROM releases WHERE EXISTS (SELECT 1 FROM "
                                    "json_each(releases.hardware_classes) AS mine WHERE mine.value IN "
                                    "(SELECT value FROM json_each(?1))) ORDER BY revision");
    if (!query)
        return query.error();
    query->bindText(1, classesJson(hardwareClasses));
    return collect(*query);
}

Result<QSet<QString>> referencedImages(SqliteConnection &connection)
{
    auto query = connection.prepare("SELECT body FROM releases");
    if (!query)
        return query.error();
    auto releases = collect(*query);
    if (!releases)
        return releases.error();
    QSet<QString> images;
    for (const v1::Release &release : *releases)
        images.insert(QString::fromStdString(release.image_sha256()));
    return images;
}

} // namespace otter::backend
