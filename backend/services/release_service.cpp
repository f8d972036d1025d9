// ReleaseService: getting signed firmware releases into otterd, and reading them back (releases.proto).
#include "backend/services/page_token.h"
#include "backend/services/release_catalog.h"
#include "backend/services/release_upload.h"
#include "backend/services/services.h"
#include "backend/services/unary_call.h"
#include "backend/storage/artifact_store.h"
#include "backend/storage/operator_accounts.h"
#include "backend/storage/releases.h"
#include "backend/storage/upload_sessions.h"
#include "core/manifest.h"
#include "otter/v1/releases.grpc.pb.h"

#include <google/protobuf/util/time_util.h>

namespace otter::backend {
namespace {

std::variant<QString, ApiError> parseReleaseId(const std::string &text)
{
    const QString id = QString::fromStdString(text).toLower();
    if (sha256FromHex(id).isEmpty())
        return apiError(
            grpc::StatusCode::INVALID_ARGUMENT,
            QStringLiteral("release_id must be a release's id: 64 hexadecimal digits, the SHA-256 "
                           "of its manifest"));
    return id;
}

std::variant<QString, ApiError> parseUploadId(const std::string &text)
{
    const QString id = QString::fromStdString(text);
    if (!isValidObjectId(id))
        return apiError(grpc::StatusCode::INVALID_ARGUMENT,
                        QStringLiteral("upload_id must be the id the upload's header carried (1 to 64 "
                                       "characters from a-z, 0-9, '.', '_' and '-')"));
    return id;
}

class ReleaseService final : public v1::ReleaseService::CallbackService
{
public:
    explicit ReleaseService(ServiceContext &context)
        : m_context(context)
        , m_catalog(context)
    {
        m_catalog.sweep();
    }

    grpc::ServerReadReactor<v1::UploadReleaseRequest> *
    UploadRelease(grpc::CallbackServerContext *call, v1::UploadReleaseResponse *response) override
    {
        return new UploadReactor(m_context, m_catalog, call, response);
    }

    grpc::ServerUnaryReactor *QueryUpload(grpc::CallbackServerContext *call,
                                          const v1::QueryUploadRequest *request,
                                          v1::QueryUploadResponse *response) override
    {
        return serveUnary(
            m_context, call, v1::ROLE_OPERATOR, "QueryUpload", [&](const Caller &caller) -> ApiStatus {
                auto session = ownedSession(caller, request->upload_id(), "query");
                if (auto *error = std::get_if<ApiError>(&session))
                    return *error;
                const UploadSession &found = std::get<UploadSession>(session);
                response->set_upload_id(found.id.toStdString());
                response->set_committed_offset(quint64(found.committedOffset));
                response->set_total_size(quint64(found.totalSize));
                *response->mutable_expires_at() = google::protobuf::util::TimeUtil::MillisecondsToTimestamp(
                    found.expiresAt.toMSecsSinceEpoch());
                response->set_release_id(found.releaseId.toStdString());
                return std::nullopt;
            });
    }

    grpc::ServerUnaryReactor *CancelUpload(grpc::CallbackServerContext *call,
                                           const v1::CancelUploadRequest *request,
                                           v1::CancelUploadResponse *) override
    {
        return serveUnary(
            m_context, call, v1::ROLE_OPERATOR, "CancelUpload", [&](const Caller &caller) -> ApiStatus {
                auto session = ownedSession(caller, request->upload_id(), "cancel");
                if (auto *error = std::get_if<ApiError>(&session))
                    return *error;
                const UploadSession &found = std::get<UploadSession>(session);
                if (!found.releaseId.isEmpty())
                    return apiError(
                        grpc::StatusCode::NOT_FOUND,
                        QStringLiteral("upload %1 has already completed (release %2): there is nothing "
                                       "to cancel; DeleteRelease removes the release")
                            .arg(found.id, found.releaseId));
                // A stream still writing is ended first, so that it cannot commit into the discarded session.
                m_catalog.cancelActiveUpload(found.id);
                auto written = m_context.database.write([&](WriteContext &tx) -> Result<bool> {
                    if (auto ok = deleteUploadSession(tx.sql(), found.id); !ok)
                        return ok.error();
                    if (auto ok = tx.audit(
                            {caller.name, QStringLiteral("upload.cancel"),
                             QStringLiteral("upload/%1").arg(found.id),
                             QJsonObject{{QStringLiteral("owner"), found.owner},
                                         {QStringLiteral("committed_offset"), double(found.committedOffset)},
                                         {QStringLiteral("total_size"), double(found.totalSize)}}});
                        !ok)
                        return ok.error();
                    return true;
                });
                if (!written)
                    return apiError(written.error());
                QFile::remove(uploadPartPath(m_context.artifacts.scratchDirectory(), found.id));
                return std::nullopt;
            });
    }

    grpc::ServerUnaryReactor *ListReleases(grpc::CallbackServerContext *call,
                                           const v1::ListReleasesRequest *request,
                                           v1::ListReleasesResponse *response) override
    {
        return serveUnary(m_context, call, v1::ROLE_VIEWER, "ListReleases",
                          [&](const Caller &) { return listReleases(*request, response); });
    }

    grpc::ServerUnaryReactor *GetRelease(grpc::CallbackServerContext *call,
                                         const v1::GetReleaseRequest *request,
                                         v1::GetReleaseResponse *response) override
    {
        return serveUnary(m_context, call, v1::ROLE_VIEWER, "GetRelease", [&](const Caller &) -> ApiStatus {
            auto id = parseReleaseId(request->release_id());
            if (auto *error = std::get_if<ApiError>(&id))
                return *error;
            auto found = m_context.database.read(
                [&](SqliteConnection &connection) { return findRelease(connection, std::get<QString>(id)); });
            if (!found)
                return apiError(found.error());
            if (!found->has_value())
                return apiError(grpc::StatusCode::NOT_FOUND,
                                QStringLiteral("no release has the id %1").arg(std::get<QString>(id)));
            *response->mutable_release() = **found;
            return std::nullopt;
        });
    }

    grpc::ServerUnaryReactor *DeleteRelease(grpc::CallbackServerContext *call,
                                            const v1::DeleteReleaseRequest *request,
                                            v1::DeleteReleaseResponse *response) override
    {
        return serveUnary(m_context, call, v1::ROLE_OPERATOR, "DeleteRelease",
                          [&](const Caller &caller) -> ApiStatus {
                              auto id = parseReleaseId(request->release_id());
                              if (auto *error = std::get_if<ApiError>(&id))
                                  return *error;
                              auto removed = m_catalog.remove(std::get<QString>(id), caller.name);
                              if (auto *error = std::get_if<ApiError>(&removed))
                                  return *error;
                              response->set_revision(std::get<qint64>(removed));
                              return std::nullopt;
                          });
    }

private:
    // The session of `text`, if it exists, has not expired, and the caller may see it.
    std::variant<UploadSession, ApiError> ownedSession(const Caller &caller, const std::string &text,
                                                       const char *verb)
    {
        auto id = parseUploadId(text);
        if (auto *error = std::get_if<ApiError>(&id))
            return *error;
        const QString uploadId = std::get<QString>(id);
        m_catalog.expireSessions();
        auto found = m_context.database.read(
            [&](SqliteConnection &connection) { return findUploadSession(connection, uploadId); });
        if (!found)
            return apiError(found.error());
        if (!found->has_value() || (*found)->expiresAt < m_context.clock.now())
            return apiError(
                grpc::StatusCode::NOT_FOUND,
                QStringLiteral("no upload %1 is known: it never started, was cancelled, or expired")
                    .arg(uploadId));
        const UploadSession &session = **found;
        if (session.owner != caller.name && caller.role < v1::ROLE_ADMIN)
            return apiError(grpc::StatusCode::PERMISSION_DENIED,
                            QStringLiteral("upload %1 belongs to %2; only %2 or an admin may %3 it")
                                .arg(uploadId, session.owner, QString::fromLatin1(verb)));
        return session;
    }

    ApiStatus listReleases(const v1::ListReleasesRequest &request, v1::ListReleasesResponse *response)
    {
        const QString hardwareClass = QString::fromStdString(request.hardware_class());
        if (!hardwareClass.isEmpty() && !isValidIdentifier(hardwareClass))
            return apiError(
                grpc::StatusCode::INVALID_ARGUMENT,
                QStringLiteral("hardware_class \"%1\" must be 1-64 letters, digits, '.', '_' or '-'")
                    .arg(hardwareClass));
        const QString fingerprint = QStringLiteral("ListReleases\n%1").arg(hardwareClass);
        std::optional<ReleaseCursor> after;
        if (!request.page_token().empty()) {
            const auto cursor = decodePageToken(QString::fromStdString(request.page_token()), fingerprint);
            bool numeric = false;
            const qint64 revision =
                cursor && cursor->key.size() == 2 ? cursor->key[0].toLongLong(&numeric) : 0;
            if (!numeric)
                return apiError(
                    grpc::StatusCode::INVALID_ARGUMENT,
                    QStringLiteral("page_token does not belong to this listing (was hardware_class "
                                   "changed?); start again with an empty page_token"));
            after = ReleaseCursor{revision, cursor->key[1]};
        }
        const int pageSize = effectivePageSize(m_context, request.page_size());
        auto releases = m_context.database.read([&](SqliteConnection &connection) {
            return releasesPage(connection, hardwareClass, after, pageSize + 1);
        });
        if (!releases)
            return apiError(releases.error());
        const int shown = qMin(pageSize, int(releases->size()));
        for (int i = 0; i < shown; ++i)
            *response->add_releases() = releases->at(i);
        if (releases->size() > pageSize) {
            const v1::Release &last = releases->at(shown - 1);
            response->set_next_page_token(
                encodePageToken({{QString::number(last.revision()), QString::fromStdString(last.id())}},
                                fingerprint)
                    .toStdString());
        }
        return std::nullopt;
    }

    ServiceContext &m_context;
    ReleaseCatalog m_catalog;
};

} // namespace

std::unique_ptr<grpc::Service> makeReleaseService(ServiceContext &context)
{
    return std::make_unique<ReleaseService>(context);
}

} // namespace otter::backend
