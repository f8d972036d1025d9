// One cache file per server address, named so that a person can tell which is which.
#include "app/console/cache_location.h"

#include <QCryptographicHash>
#include <QDir>
#include <QStandardPaths>

namespace otter::console {

QString cacheDirectory(const QString &configured)
{
    if (!configured.isEmpty())
        return configured;
    return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + QStringLiteral("/caches");
}

QString cachePathFor(const QString &directory, const QString &serverAddress)
{
    QString readable;
    for (const QChar c : serverAddress) {
        readable += (c.isLetterOrNumber() || c == u'.' || c == u'-') ? c : QChar(u'_');
    }
    // Addresses that differ only in characters replaced above must not share a file.
    const QByteArray digest =
        QCryptographicHash::hash(serverAddress.toUtf8(), QCryptographicHash::Sha256).toHex().left(8);
    if (readable.isEmpty())
        readable = QStringLiteral("server");
    return QDir(directory).filePath(readable + u'-' + QString::fromLatin1(digest) +
                                    QStringLiteral(".sqlite"));
}

} // namespace otter::console
