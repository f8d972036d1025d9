// Writing release bundles: a deterministic pax tar, streamed from disk in constant memory.
#include "core/bundle.h"

#include "core/tar_archive.h"

#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <archive.h>
#include <archive_entry.h>

namespace otter {
namespace {

struct EntryDeleter
{
    void operator()(archive_entry *entry) const { archive_entry_free(entry); }
};

class TarWriter
{
public:
    TarWriter(archive *a, qint64 mtime)
        : m_archive(a)
        , m_mtime(mtime)
    {}

    Result<void> header(const QString &name, qint64 size)
    {
        std::unique_ptr<archive_entry, EntryDeleter> entry(archive_entry_new());
        archive_entry_set_pathname(entry.get(), name.toUtf8().constData());
        archive_entry_set_size(entry.get(), size);
        archive_entry_set_filetype(entry.get(), AE_IFREG);
        archive_entry_set_perm(entry.get(), 0644);
        // Fixed owner and time: the same inputs always give the same bundle bytes.
        archive_entry_set_mtime(entry.get(), m_mtime, 0);
        archive_entry_set_uid(entry.get(), 0);
        archive_entry_set_gid(entry.get(), 0);
        if (archive_write_header(m_archive, entry.get()) != ARCHIVE_OK)
            return failure(name);
        return {};
    }

    Result<void> data(const QString &name, QByteArrayView bytes)
    {
        if (archive_write_data(m_archive, bytes.data(), size_t(bytes.size())) != bytes.size())
            return failure(name);
        return {};
    }

    Result<void> member(const QString &name, const QByteArray &bytes)
    {
        if (auto ok = header(name, bytes.size()); !ok)
            return ok;
        return data(name, bytes);
    }

    Result<void> fileMember(const QString &name, const QString &path, const ProgressCallback &progress)
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return makeError(ErrorKind::Io,
                             QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
        const qint64 size = file.size();
        if (auto ok = header(name, size); !ok)
            return ok;
        QByteArray buffer(HashBlockSize, Qt::Uninitialized);
        qint64 done = 0;
        while (done < size) {
            const qint64 n = file.read(buffer.data(), qMin<qint64>(buffer.size(), size - done));
            if (n <= 0)
                return makeError(ErrorKind::Io,
                                 QStringLiteral("%1 changed or could not be read while it was being "
                                                "bundled: %2")
                                     .arg(path, file.errorString()));
            if (auto ok = data(name, QByteArrayView(buffer.constData(), n)); !ok)
                return ok;
            done += n;
            if (progress && !progress(done))
                return makeError(ErrorKind::Io, QStringLiteral("writing the bundle was cancelled"));
        }
        return {};
    }

private:
    Error failure(const QString &name) const
    {
        return makeError(
            ErrorKind::Io,
            QStringLiteral("cannot write %1 into the bundle: %2").arg(name, archiveError(m_archive)));
    }

    archive *m_archive;
    qint64 m_mtime;
};

} // namespace

Result<void> writeBundle(const QString &outPath, const BundleWriteSpec &spec,
                         const ProgressCallback &progress)
{
    if (spec.signatures.isEmpty())
        return makeError(ErrorKind::InvalidInput, QStringLiteral("a bundle needs at least one signature"));
    if (spec.signatures.size() > MaxSignatures)
        return makeError(ErrorKind::InvalidInput,
                         QStringLiteral("a bundle holds at most %1 signatures").arg(MaxSignatures));
    const bool single = spec.signatures.size() == 1 && spec.signatures.first().keyId.isEmpty();
    if (!single) {
        for (const BundleSignature &signature : spec.signatures) {
            if (sha256FromHex(signature.keyId).isEmpty())
                return makeError(ErrorKind::InvalidInput,
                                 QStringLiteral("each of several signatures needs the signer's key id"));
        }
    }
    const auto manifest = Manifest::parse(spec.manifestBytes);
    const qint64 mtime = manifest ? manifest->created.toSecsSinceEpoch() : 0;

    QSaveFile out(outPath);
    if (!out.open(QIODevice::WriteOnly | QIODevice::Unbuffered))
        return makeError(ErrorKind::Io,
                         QStringLiteral("cannot write %1: %2").arg(outPath, out.errorString()));
    ArchiveWriter archive(archive_write_new());
    archive_write_set_format_pax_restricted(archive.get());
    // Tar pads to 10 KiB records by default; one 512-byte block is enough and keeps small bundles small.
    archive_write_set_bytes_per_block(archive.get(), 512);
    if (archive_write_open_fd(archive.get(), out.handle()) != ARCHIVE_OK)
        return makeError(ErrorKind::Io,
                         QStringLiteral("cannot write %1: %2").arg(outPath, archiveError(archive.get())));

    TarWriter tar(archive.get(), mtime);
    if (auto ok = tar.member(QStringLiteral("manifest.json"), spec.manifestBytes); !ok)
        return ok;
    for (const BundleSignature &signature : spec.signatures) {
        const QString name = single ? QStringLiteral("manifest.sig")
                                    : QStringLiteral("signatures/%1.sig").arg(signature.keyId);
        if (auto ok = tar.member(name, signature.der); !ok)
            return ok;
    }
    if (auto ok = tar.fileMember(QStringLiteral("image.bin"), spec.imagePath, progress); !ok)
        return ok;
    if (!spec.sbomPath.isEmpty()) {
        if (auto ok = tar.fileMember(QStringLiteral("sbom.cdx.json"), spec.sbomPath, {}); !ok)
            return ok;
    }
    if (archive_write_close(archive.get()) != ARCHIVE_OK)
        return makeError(ErrorKind::Io,
                         QStringLiteral("cannot finish %1: %2").arg(outPath, archiveError(archive.get())));
    if (!out.commit())
        return makeError(ErrorKind::Io,
                         QStringLiteral("cannot write %1: %2").arg(outPath, out.errorString()));
    return {};
}

} // namespace otter
