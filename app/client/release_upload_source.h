// What ReleaseCalls uploads: a .otb bundle streamed as it is, or an image whose manifest and signatures
// travel in the upload header (a release signed on the spot, no bundle written).
#pragma once

#include "core/bundle.h"

#include <QMetaType>
#include <QString>

namespace otter::client {

struct ReleaseUploadSource
{
    QString path;                      // the bundle, or the image in parts mode
    QByteArray manifest;               // parts mode only: the manifest exactly as signed
    QList<BundleSignature> signatures; // parts mode only

    bool isBundle() const { return manifest.isEmpty(); }

    static ReleaseUploadSource bundle(const QString &path) { return {path, {}, {}}; }
    static ReleaseUploadSource parts(const QString &imagePath, const QByteArray &manifest,
                                     const QList<BundleSignature> &signatures)
    {
        return {imagePath, manifest, signatures};
    }
};

} // namespace otter::client

Q_DECLARE_METATYPE(otter::client::ReleaseUploadSource)
