// The resumable side of an upload (releases.proto, "Resuming"): joining or starting the session row,
// reopening its part file at the committed offset, and committing progress durably — data first, then
// the offset, so that committed_offset never counts a byte a crash could lose.
#pragma once

#include "backend/services/release_catalog.h"
#include "core/sha256.h"
#include "otter/v1/releases.pb.h"

#include <QFile>

namespace otter::backend {

class ResumableUpload
{
public:
    ResumableUpload(ServiceContext &context, ReleaseCatalog &catalog, QString uploadId, QString actor,
                    v1::Role role);

    // Starts the session (offset 0, unknown id) or resumes it: same owner (or an admin), same header, and
    // the offset where the committed bytes end. Refusals say where to continue.
    ApiStatus join(const v1::UploadHeader &header);
    // Opens the part file at the committed offset. Parts mode passes `rehash` to have the committed bytes
    // hashed again. `gone` is set when the session's bytes are missing and the session is worthless.
    ApiStatus open(QFile &file, Sha256 *rehash, bool *gone);
    // Makes the first `received` bytes of the part file (open as `descriptor`) durable and records them as
    // committed. Safe beside writes to the same file from another thread: they only add later bytes.
    void commit(int descriptor, qint64 received);

    const QString &id() const { return m_id; }
    qint64 committed() const { return m_committed; }
    QString partPath() const;

private:
    ServiceContext &m_context;
    ReleaseCatalog &m_catalog;
    QString m_id;
    QString m_actor;
    v1::Role m_role;
    qint64 m_committed = 0;
};

// A failed write to an upload file, as the caller should hear it: a full disk is RESOURCE_EXHAUSTED.
ApiError uploadWriteFailure(const QFile &file);

} // namespace otter::backend
