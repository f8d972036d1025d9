// Whole-file writes that either land completely or leave the old file untouched.
#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QFileDevice>
#include <QString>

namespace otter {

// Writes through a temporary file in the same directory and renames it into place, so a crash, a full
// disk or a cancelled write never leaves a half-written file under `path`.
Result<void> writeFileAtomically(const QString &path, const QByteArray &contents,
                                 QFileDevice::Permissions permissions = QFileDevice::ReadOwner |
                                                                        QFileDevice::WriteOwner |
                                                                        QFileDevice::ReadGroup |
                                                                        QFileDevice::ReadOther);

// Reads a whole file, refusing files larger than maxBytes before reading them.
Result<QByteArray> readSmallFile(const QString &path, qint64 maxBytes);

} // namespace otter
