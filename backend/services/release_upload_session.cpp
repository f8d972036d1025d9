// The resumable side of an upload.
#include "backend/services/release_upload_session.h"

#include "backend/storage/artifact_store.h"
#include "backend/storage/upload_sessions.h"

#include <QLoggingCategory>

#include <unistd.h>

Q_LOGGING_CATEGORY(lcResumable, "otter.backend.upload")

namespace otter::backend {
namespace {

// A resume must repeat the header that started the upload, except for its offset.
QByteArray headerFingerprint(v1::UploadHeader header)
{
    header.set_offset(0);
    return QByteArray::fromStdString(header.SerializeAsString());
}

} // namespace

ApiError uploadWriteFailure(const QFile &file)
{
    if (file.error() == QFileDevice::ResourceError)
        return apiError(grpc::StatusCode::RESOURCE_EXHAUSTED,
                        QStringLiteral("the server's storage is full: %1").arg(file.errorString()));
    return apiError(grpc::StatusCode::UNAVAILABLE,
                    QStringLiteral("cannot store the upload: %1").arg(file.errorString()));
}

ResumableUpload::ResumableUpload(ServiceContext &context, ReleaseCatalog &catalog, QString uploadId,
                                 QString actor, v1::Role role)
    : m_context(context)
    , m_catalog(catalog)
    , m_id(std::move(uploadId))
    , m_actor(std::move(actor))
    , m_role(role)
{}

QString ResumableUpload::partPath() const
{
    return uploadPartPath(m_context.artifacts.scratchDirectory(), m_id);
}

ApiStatus ResumableUpload::join(const v1::UploadHeader &header)
{
    m_catalog.expireSessions();
    auto found = m_context.database.read(
        [&](SqliteConnection &connection) { return findUploadSession(connection, m_id); });
    if (!found)
        return apiError(grpc::StatusCode::UNAVAILABLE,
                        QStringLiteral("cannot read upload %1: %2").arg(m_id, found.errorMessage()));
    const QByteArray fingerprint = headerFingerprint(header);
    const qint64 offset = qint64(header.offset());

    if (!found->has_value()) {
        if (offset > 0)
            return apiError(grpc::StatusCode::NOT_FOUND,
                            QStringLiteral("no upload %1 is in progress (it expired, was cancelled or never "
                                           "started); start again at offset 0")
                                .arg(m_id));
        const UploadSession session{m_id,
                                    m_actor,
                                    fingerprint,
                                    qint64(header.total_size()),
                                    0,
                                    QString(),
                                    m_context.clock.now().addMSecs(UploadSessionLifetimeMs)};
        auto created = m_context.database.write([&](WriteContext &tx) -> Result<bool> {
            if (auto ok = insertUploadSession(tx.sql(), session); !ok)
                return ok.error();
            return true;
        });
        if (!created)
            return apiError(grpc::StatusCode::UNAVAILABLE,
                            QStringLiteral("cannot start upload %1: %2").arg(m_id, created.errorMessage()));
        m_committed = 0;
        return std::nullopt;
    }

    const UploadSession &session = **found;
    if (!session.releaseId.isEmpty()) {
        ApiError error = apiError(grpc::StatusCode::ALREADY_EXISTS,
                                  QStringLiteral("upload %1 has already completed: it stored release %2")
                                      .arg(m_id, session.releaseId),
                                  v1::ERROR_REASON_ALREADY_EXISTS);
        error.detail->mutable_current()->set_kind(v1::OBJECT_KIND_RELEASE);
        error.detail->mutable_current()->set_id(session.releaseId.toStdString());
        return error;
    }
    if (session.owner != m_actor && m_role < v1::ROLE_ADMIN)
        return apiError(grpc::StatusCode::PERMISSION_DENIED,
                        QStringLiteral("upload %1 belongs to %2; only %2 or an admin may resume it")
                            .arg(m_id, session.owner));
    if (session.header != fingerprint)
        return apiError(grpc::StatusCode::FAILED_PRECONDITION,
                        QStringLiteral("the header differs from the one that started upload %1: resume with "
                                       "the same header, changing only its offset")
                            .arg(m_id),
                        v1::ERROR_REASON_UPLOAD_HEADER_MISMATCH);
    if (offset != session.committedOffset) {
        ApiError error =
            apiError(grpc::StatusCode::FAILED_PRECONDITION,
                     QStringLiteral("upload %1 has %2 bytes committed: resume at offset %2, not %3")
                         .arg(m_id)
                         .arg(session.committedOffset)
                         .arg(offset),
                     v1::ERROR_REASON_UPLOAD_OFFSET_MISMATCH);
        error.detail->set_committed_offset(quint64(session.committedOffset));
        return error;
    }
    m_committed = session.committedOffset;
    return std::nullopt;
}

ApiStatus ResumableUpload::open(QFile &file, Sha256 *rehash, bool *gone)
{
    file.setFileName(partPath());
    if (m_committed == 0) {
        if (!file.open(QIODevice::ReadWrite | QIODevice::Truncate | QIODevice::Unbuffered))
            return uploadWriteFailure(file);
        return std::nullopt;
    }
    if (!file.open(QIODevice::ReadWrite | QIODevice::Unbuffered) || file.size() < m_committed) {
        *gone = true;
        return apiError(
            grpc::StatusCode::NOT_FOUND,
            QStringLiteral("the stored bytes of upload %1 are gone; start again at offset 0").arg(m_id));
    }
    // Bytes past the committed offset were never confirmed durable (a crash): they are sent again.
    if (!file.resize(m_committed) || !file.seek(m_committed))
        return uploadWriteFailure(file);
    if (rehash) {
        // The hash state did not survive the break: hash the committed bytes again, block by block.
        QFile reader(partPath());
        if (!reader.open(QIODevice::ReadOnly))
            return uploadWriteFailure(reader);
        QByteArray block(HashBlockSize, Qt::Uninitialized);
        for (qint64 done = 0; done < m_committed;) {
            const qint64 n = reader.read(block.data(), qMin<qint64>(block.size(), m_committed - done));
            if (n <= 0)
                return uploadWriteFailure(reader);
            rehash->update(QByteArrayView(block.constData(), n));
            done += n;
        }
    }
    return std::nullopt;
}

void ResumableUpload::commit(int descriptor, qint64 received)
{
    if (descriptor < 0 || received <= m_committed)
        return;
    if (::fdatasync(descriptor) != 0) {
        qCWarning(lcResumable) << "cannot sync upload" << m_id << "; its committed offset stays at"
                               << m_committed;
        return;
    }
    const QDateTime expires = m_context.clock.now().addMSecs(UploadSessionLifetimeMs);
    // Session progress is bookkeeping of one stream, not an API object: no revision, no audit entry.
    auto written = m_context.database.write([&](WriteContext &tx) -> Result<bool> {
        if (auto ok = updateUploadProgress(tx.sql(), m_id, received, expires); !ok)
            return ok.error();
        return true;
    });
    if (written)
        m_committed = received;
    else
        qCWarning(lcResumable) << "cannot record the progress of upload" << m_id << ":"
                               << written.errorMessage();
}

} // namespace otter::backend
