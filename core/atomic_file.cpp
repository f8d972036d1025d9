// Whole-file writes that either land completely or leave the old file untouched.
#include "core/atomic_file.h"

#include <QFile>
#include <QSaveFile>

namespace otter {

Result<void> writeFileAtomically(const QString &path, const QByteArray &contents,
                                 QFileDevice::Permissions permissions)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return makeError(ErrorKind::Io, QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    // Set on the temporary file before any byte is written: a private key is never readable by others.
    file.setPermissions(permissions);
    if (file.write(contents) != contents.size() || !file.commit())
        return makeError(ErrorKind::Io, QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    return {};
}

Result<QByteArray> readSmallFile(const QString &path, qint64 maxBytes)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(file.exists() ? ErrorKind::Io : ErrorKind::NotFound,
                         QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    if (file.size() > maxBytes)
        return makeError(ErrorKind::TooLarge, QStringLiteral("%1 is %2 bytes, more than the %3 bytes allowed")
                                                  .arg(path)
                                                  .arg(file.size())
                                                  .arg(maxBytes));
    // Read one byte past the cap: files whose size the OS misreports (pipes, /proc) are still bounded.
    QByteArray data = file.read(maxBytes + 1);
    if (data.size() > maxBytes)
        return makeError(ErrorKind::TooLarge,
                         QStringLiteral("%1 is larger than the %2 bytes allowed").arg(path).arg(maxBytes));
    return data;
}

} // namespace otter
