// Walks the members of a bundle tar one by one, with size caps.
#include "core/bundle_scanner.h"

#include "core/sha256.h"

#include <QFileInfo>

#include <archive.h>
#include <archive_entry.h>

namespace otter {

Result<BundleScanner> BundleScanner::open(const QString &path)
{
    if (!QFileInfo::exists(path))
        return makeError(ErrorKind::NotFound, QStringLiteral("%1 does not exist").arg(path));
    ArchiveReader archive(archive_read_new());
    // Bundles are plain tar: no compression filters, no other formats.
    archive_read_support_format_tar(archive.get());
    if (archive_read_open_filename(archive.get(), QFile::encodeName(path).constData(),
                                   size_t(HashBlockSize)) != ARCHIVE_OK) {
        // libarchive reads the first block on open: a readable file that fails here is not a tar at all.
        QFile probe(path);
        if (!probe.open(QIODevice::ReadOnly))
            return makeError(ErrorKind::Io,
                             QStringLiteral("cannot read %1: %2").arg(path, probe.errorString()));
        return makeError(ErrorKind::InvalidInput,
                         QStringLiteral("%1 is not a release bundle (expected a tar archive: %2)")
                             .arg(path, archiveError(archive.get())));
    }
    return BundleScanner(std::move(archive));
}

Error BundleScanner::damaged(const QString &what) const
{
    return makeError(ErrorKind::InvalidInput,
                     QStringLiteral("the bundle is truncated or is not a release bundle (%1: %2)")
                         .arg(what, archiveError(m_archive.get())));
}

Result<BundleMember> BundleScanner::next()
{
    for (;;) {
        archive_entry *entry = nullptr;
        const int status = archive_read_next_header(m_archive.get(), &entry);
        if (status == ARCHIVE_EOF)
            return BundleMember{};
        if (status != ARCHIVE_OK)
            return damaged(QStringLiteral("reading the next member"));
        BundleMember member;
        const char *name = archive_entry_pathname_utf8(entry);
        if (!name)
            name = archive_entry_pathname(entry);
        member.name = QString::fromUtf8(name ? name : "");
        while (member.name.startsWith(QLatin1StringView("./")))
            member.name.remove(0, 2);
        member.size = archive_entry_size(entry);
        const auto type = archive_entry_filetype(entry);
        // Directory entries ("./", "signatures/") are what `tar cf` adds on its own; they carry nothing.
        if (type == AE_IFDIR && (member.name.isEmpty() || member.name == QLatin1StringView(".") ||
                                 member.name == QLatin1StringView("signatures/") ||
                                 member.name == QLatin1StringView("signatures")))
            continue;
        member.regularFile = type == AE_IFREG;
        if (member.name.isEmpty())
            member.name = QStringLiteral("(unnamed)");
        return member;
    }
}

Result<QByteArray> BundleScanner::readAll(const BundleMember &member, qint64 maxBytes)
{
    if (member.size > maxBytes)
        return makeError(ErrorKind::TooLarge, QStringLiteral("%1 is %2 bytes, more than the %3 bytes allowed")
                                                  .arg(member.name)
                                                  .arg(member.size)
                                                  .arg(maxBytes));
    QByteArray data(member.size, Qt::Uninitialized);
    qint64 done = 0;
    while (done < member.size) {
        const la_ssize_t n =
            archive_read_data(m_archive.get(), data.data() + done, size_t(member.size - done));
        if (n <= 0)
            return damaged(member.name);
        done += n;
    }
    return data;
}

Result<void> BundleScanner::stream(const BundleMember &member,
                                   const std::function<bool(QByteArrayView)> &sink)
{
    qint64 expectedOffset = 0;
    for (;;) {
        const void *block = nullptr;
        size_t size = 0;
        la_int64_t offset = 0;
        // Zero-copy blocks straight from libarchive's read buffer: hashing stays the only real cost.
        const int status = archive_read_data_block(m_archive.get(), &block, &size, &offset);
        if (status == ARCHIVE_EOF)
            break;
        if (status != ARCHIVE_OK)
            return damaged(member.name);
        if (offset != expectedOffset)
            return makeError(ErrorKind::InvalidInput,
                             QStringLiteral("%1 is stored as a sparse file, which bundles do "
                                            "not allow")
                                 .arg(member.name));
        expectedOffset += qint64(size);
        if (!sink(QByteArrayView(static_cast<const char *>(block), qsizetype(size))))
            return makeError(ErrorKind::Io, QStringLiteral("reading %1 was cancelled").arg(member.name));
    }
    if (expectedOffset != member.size)
        return makeError(ErrorKind::InvalidInput,
                         QStringLiteral("the bundle is truncated: %1 holds %2 of its %3 bytes")
                             .arg(member.name)
                             .arg(expectedOffset)
                             .arg(member.size));
    return {};
}

} // namespace otter
