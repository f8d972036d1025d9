// Release images on disk, content-addressed by SHA-256.
#include "backend/storage/artifact_store.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QUuid>

#include <cstdio>
#include <fcntl.h>
#include <unistd.h>

namespace otter::backend {

ArtifactStore::ArtifactStore(QString directory, QString scratchDirectory)
    : m_directory(std::move(directory))
    , m_scratch(std::move(scratchDirectory))
{}

Result<void> ArtifactStore::open()
{
    for (const QString &dir : {m_directory, m_scratch}) {
        if (!QDir().mkpath(dir))
            return makeError(ErrorKind::Io, QStringLiteral("cannot create %1").arg(dir));
    }
    // Scratch files of uploads without a resumable session are garbage after a crash. Resumable
    // uploads (*.part) stay: their session row says how much of them is good.
    const QFileInfoList leftovers = QDir(m_scratch).entryInfoList({QStringLiteral("*.tmp")}, QDir::Files);
    for (const QFileInfo &file : leftovers)
        QFile::remove(file.absoluteFilePath());
    return {};
}

QString ArtifactStore::pathFor(const QString &sha256Hex) const
{
    return QStringLiteral("%1/%2/%3.bin").arg(m_directory, sha256Hex.left(2), sha256Hex);
}

bool ArtifactStore::contains(const QString &sha256Hex) const
{
    return QFileInfo::exists(pathFor(sha256Hex));
}

QString ArtifactStore::newScratchPath(const QString &purpose) const
{
    return QStringLiteral("%1/%2-%3.tmp")
        .arg(m_scratch, purpose, QUuid::createUuid().toString(QUuid::WithoutBraces));
}

Result<void> ArtifactStore::adopt(const QString &scratchPath, const QString &sha256Hex)
{
    const QString target = pathFor(sha256Hex);
    if (QFileInfo::exists(target)) {
        QFile::remove(scratchPath);
        return {};
    }
    if (!QDir().mkpath(QFileInfo(target).absolutePath()))
        return makeError(ErrorKind::Io,
                         QStringLiteral("cannot create %1").arg(QFileInfo(target).absolutePath()));
    // Data reaches the disk before the name does: a crash never leaves a named but empty artifact.
    const int fd = ::open(QFile::encodeName(scratchPath).constData(), O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
    if (std::rename(QFile::encodeName(scratchPath).constData(), QFile::encodeName(target).constData()) != 0)
        return makeError(ErrorKind::Io, QStringLiteral("cannot move the verified image into %1").arg(target));
    return {};
}

Result<void> ArtifactStore::remove(const QString &sha256Hex)
{
    const QString target = pathFor(sha256Hex);
    if (QFileInfo::exists(target) && !QFile::remove(target))
        return makeError(ErrorKind::Io, QStringLiteral("cannot remove %1").arg(target));
    return {};
}

} // namespace otter::backend
