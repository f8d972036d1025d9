// Thin ownership wrappers for libarchive handles, shared by the bundle reader and writer.
#pragma once

#include <QString>

#include <memory>

struct archive;

namespace otter {

struct ArchiveReadDeleter
{
    void operator()(archive *a) const;
};
struct ArchiveWriteDeleter
{
    void operator()(archive *a) const;
};
using ArchiveReader = std::unique_ptr<archive, ArchiveReadDeleter>;
using ArchiveWriter = std::unique_ptr<archive, ArchiveWriteDeleter>;

QString archiveError(archive *a);

} // namespace otter
