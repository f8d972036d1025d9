// Release versions from the cached release bodies.
#include "models/release_versions.h"

#include "models/records_json.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace otter::models {

Result<QMap<QString, QString>> loadReleaseVersions(const CacheDatabase &database)
{
    QSqlQuery q(database.connection());
    q.setForwardOnly(true);
    if (!q.exec(u"SELECT body FROM releases"_s))
        return makeError(ErrorKind::Io,
                         describeSqlError(QCoreApplication::translate("otter::models", "Reading releases"),
                                          q.lastError()));
    QMap<QString, QString> versions;
    while (q.next()) {
        if (const auto release =
                releaseFromJson(QJsonDocument::fromJson(q.value(0).toString().toUtf8()).object()))
            versions.insert(release->id, release->version);
    }
    return versions;
}

} // namespace otter::models
