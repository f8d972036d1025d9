// Streaming SHA-256 over OpenSSL's EVP digest: constant memory for images of any size.
#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <functional>
#include <memory>

struct evp_md_ctx_st;

namespace otter {

class Sha256
{
public:
    static constexpr qsizetype DigestSize = 32;

    Sha256();
    ~Sha256();
    Sha256(const Sha256 &) = delete;
    Sha256 &operator=(const Sha256 &) = delete;

    void update(QByteArrayView data);
    // The raw 32-byte digest; the object is reset and can hash again afterwards.
    QByteArray finish();

    static QByteArray hash(QByteArrayView data);

private:
    struct CtxDeleter
    {
        void operator()(evp_md_ctx_st *ctx) const;
    };
    std::unique_ptr<evp_md_ctx_st, CtxDeleter> m_ctx;
};

// Called with the bytes processed so far; returning false cancels the operation.
using ProgressCallback = std::function<bool(qint64 done)>;

struct FileDigest
{
    qint64 size = 0;
    QByteArray sha256; // raw 32 bytes
};

// Large reads keep hashing the only cost: 1 MiB blocks, one reused buffer.
inline constexpr qsizetype HashBlockSize = 1 << 20;

Result<FileDigest> hashFile(const QString &path, const ProgressCallback &progress = {});

QString toHex(QByteArrayView bytes);
// Accepts exactly 64 lower- or upper-case hex digits; anything else yields an empty array.
QByteArray sha256FromHex(QStringView hex);

} // namespace otter
