// Release images on disk, content-addressed by SHA-256: artifacts/ab/abcdef….bin. An image enters the store
// only by rename after its hash matched, so the store never holds a partial or unverified file.
#pragma once

#include "core/result.h"

#include <QString>

namespace otter::backend {

class ArtifactStore
{
public:
    explicit ArtifactStore(QString directory, QString scratchDirectory);

    // Creates the directories and removes scratch files a crash left behind.
    Result<void> open();

    QString pathFor(const QString &sha256Hex) const;
    bool contains(const QString &sha256Hex) const;
    // A fresh scratch path on the same file system, so adopting it is an atomic rename.
    QString newScratchPath(const QString &purpose) const;
    // Moves a verified scratch file into the store under its hash (a no-op if it is already there).
    Result<void> adopt(const QString &scratchPath, const QString &sha256Hex);
    Result<void> remove(const QString &sha256Hex);

    QString scratchDirectory() const { return m_scratch; }

private:
    QString m_directory;
    QString m_scratch;
};

} // namespace otter::backend
