// AuditService: the hash-chained audit log — filtered keyset pages, a streamed export, server-side
// verification of the stored chain.
#include "backend/services/audit_chain_check.h"
#include "backend/services/audit_export_stream.h"
#include "backend/services/audit_time_range.h"
#include "backend/services/page_token.h"
#include "backend/services/services.h"
#include "backend/services/unary_call.h"
#include "backend/storage/audit_queries.h"
#include "otter/v1/audit.grpc.pb.h"

#include <chrono>

namespace otter::backend {
namespace {

// Everything but the page fields: a page token only continues the listing it was made for.
QString listFingerprint(const v1::ListAuditEntriesRequest &request)
{
    return QStringLiteral("audit-list|%1|%2|%3|%4|%5|%6")
        .arg(QString::fromStdString(request.has_start_time() ? request.start_time().ShortDebugString()
                                                             : std::string()),
             QString::fromStdString(request.has_end_time() ? request.end_time().ShortDebugString()
                                                           : std::string()),
             QString::fromStdString(request.actor()), QString::fromStdString(request.action()),
             QString::fromStdString(request.object()))
        .arg(request.newest_first() ? 1 : 0);
}

class AuditService final : public v1::AuditService::CallbackService
{
public:
    explicit AuditService(ServiceContext &context)
        : m_context(context)
    {}

    grpc::ServerUnaryReactor *ListAuditEntries(grpc::CallbackServerContext *call,
                                               const v1::ListAuditEntriesRequest *request,
                                               v1::ListAuditEntriesResponse *response) override
    {
        return serveUnary(m_context, call, v1::ROLE_VIEWER, "ListAuditEntries",
                          [&](const Caller &) { return list(*request, response); });
    }

    grpc::ServerWriteReactor<v1::ExportAuditResponse> *
    ExportAudit(grpc::CallbackServerContext *call, const v1::ExportAuditRequest *request) override
    {
        return new AuditExportStream(m_context, call, *request);
    }

    grpc::ServerUnaryReactor *VerifyAuditChain(grpc::CallbackServerContext *call,
                                               const v1::VerifyAuditChainRequest *request,
                                               v1::VerifyAuditChainResponse *response) override
    {
        return serveUnary(m_context, call, v1::ROLE_VIEWER, "VerifyAuditChain",
                          [&](const Caller &) { return verify(call, *request, response); });
    }

private:
    ApiStatus list(const v1::ListAuditEntriesRequest &request, v1::ListAuditEntriesResponse *response)
    {
        AuditTimeRange times;
        if (auto refused =
                parseAuditTimeRange(request.has_start_time() ? &request.start_time() : nullptr,
                                    request.has_end_time() ? &request.end_time() : nullptr, &times))
            return refused;
        AuditListQuery query;
        query.startMs = times.startMs;
        query.endMs = times.endMs;
        query.actor = QString::fromStdString(request.actor());
        query.action = QString::fromStdString(request.action());
        query.object = QString::fromStdString(request.object());
        query.newestFirst = request.newest_first();

        const QString fingerprint = listFingerprint(request);
        std::optional<qint64> afterSeq;
        if (!request.page_token().empty()) {
            const auto cursor = decodePageToken(QString::fromStdString(request.page_token()), fingerprint);
            bool ok = false;
            const qint64 seq = cursor ? cursor->key.value(0).toLongLong(&ok) : 0;
            if (!cursor || cursor->key.size() != 1 || !ok)
                return apiError(grpc::StatusCode::INVALID_ARGUMENT,
                                QStringLiteral("page_token is malformed or belongs to a listing with other "
                                               "filters (keep every other field the same while paging)"));
            afterSeq = seq;
        }
        const int limit = effectivePageSize(m_context, request.page_size());
        auto page = m_context.database.read([&](SqliteConnection &connection) {
            return listAuditEntries(connection, query, afterSeq, limit, m_context.config.maxMessageBytes / 2,
                                    response->mutable_entries());
        });
        if (!page)
            return apiError(page.error());
        if (page->more)
            response->set_next_page_token(
                encodePageToken({{QString::number(page->lastSeq)}}, fingerprint).toStdString());
        return std::nullopt;
    }

    ApiStatus verify(grpc::CallbackServerContext *call, const v1::VerifyAuditChainRequest &request,
                     v1::VerifyAuditChainResponse *response)
    {
        if (request.from_seq() < 0 || request.to_seq() < 0)
            return apiError(grpc::StatusCode::INVALID_ARGUMENT,
                            QStringLiteral("from_seq and to_seq must not be negative (0 means the start and "
                                           "the head of the log)"));
        StoredChainRange range{qMax<qint64>(1, request.from_seq()), request.to_seq()};
        if (range.toSeq != 0 && range.toSeq < range.fromSeq)
            return apiError(
                grpc::StatusCode::INVALID_ARGUMENT,
                QStringLiteral("to_seq %1 is below from_seq %2").arg(range.toSeq).arg(range.fromSeq));
        // Long logs are read in batches; between them the call's deadline and cancellation are honoured.
        const auto checkpoint = [call]() -> ApiStatus {
            if (call->IsCancelled())
                return apiError(grpc::StatusCode::CANCELLED,
                                QStringLiteral("the verification was cancelled"));
            if (std::chrono::system_clock::now() >= call->deadline())
                return apiError(grpc::StatusCode::DEADLINE_EXCEEDED,
                                QStringLiteral("the verification did not finish before the call's deadline: "
                                               "verify a shorter range or give a longer deadline"));
            return std::nullopt;
        };
        return verifyStoredChain(m_context.database, range, checkpoint, response);
    }

    ServiceContext &m_context;
};

} // namespace

std::unique_ptr<grpc::Service> makeAuditService(ServiceContext &context)
{
    return std::make_unique<AuditService>(context);
}

} // namespace otter::backend
