// Walks the members of a bundle tar one by one, with size caps, for the verifying and inspecting readers.
#pragma once

#include "core/result.h"
#include "core/tar_archive.h"

#include <QByteArray>
#include <QString>

#include <functional>

namespace otter {

struct BundleMember
{
    QString name; // leading "./" removed
    qint64 size = 0;
    bool regularFile = true;
};

class BundleScanner
{
public:
    static Result<BundleScanner> open(const QString &path);

    // The next member, or an empty name at the end of the archive.
    Result<BundleMember> next();
    // The current member's whole contents; refuses members larger than maxBytes before reading them.
    Result<QByteArray> readAll(const BundleMember &member, qint64 maxBytes);
    // Streams the current member's contents in blocks; the sink returns false to stop (cancel).
    Result<void> stream(const BundleMember &member, const std::function<bool(QByteArrayView)> &sink);

private:
    explicit BundleScanner(ArchiveReader archive)
        : m_archive(std::move(archive))
    {}
    Error damaged(const QString &what) const;

    ArchiveReader m_archive;
};

} // namespace otter
