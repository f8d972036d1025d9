// Thin ownership wrappers for libarchive handles.
#include "core/tar_archive.h"

#include <archive.h>

namespace otter {

void ArchiveReadDeleter::operator()(archive *a) const
{
    archive_read_free(a);
}

void ArchiveWriteDeleter::operator()(archive *a) const
{
    archive_write_free(a);
}

QString archiveError(archive *a)
{
    const char *text = archive_error_string(a);
    return text ? QString::fromUtf8(text) : QStringLiteral("unknown archive error");
}

} // namespace otter
