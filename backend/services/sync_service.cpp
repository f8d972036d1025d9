// SyncService: incremental sync for offline caches (GetChanges) and the stream that says when to sync
// (WatchChanges).
#include "backend/services/page_token.h"
#include "backend/services/services.h"
#include "backend/services/sync_revision_notifier.h"
#include "backend/services/sync_watch_stream.h"
#include "backend/services/unary_call.h"
#include "backend/storage/sync_queries.h"
#include "otter/v1/sync.grpc.pb.h"

namespace otter::backend {
namespace {

// Every page of one sync is read up to the revision captured on its first page (`upto`), in
// (revision, source, key) order, and the token carries both: objects changed while the client pages move
// above `upto` and come with the next sync from the cursor, so nothing is skipped or sent twice within a
// sync, and the cursor a client stores (the last page's current_revision == upto) never runs ahead of
// what it received.
struct SyncToken
{
    qint64 upto = 0;
    ChangeCursor after;
};

QString tokenFingerprint(qint64 since)
{
    return QStringLiteral("sync|%1").arg(since);
}

QString encodeSyncToken(qint64 since, const SyncToken &token)
{
    return encodePageToken(
        {{QString::number(token.upto), QString::number(token.after.revision),
          QString::number(int(token.after.source)), QString::number(token.after.number), token.after.text}},
        tokenFingerprint(since));
}

std::optional<SyncToken> decodeSyncToken(qint64 since, const QString &text)
{
    const auto cursor = decodePageToken(text, tokenFingerprint(since));
    if (!cursor || cursor->key.size() != 5)
        return std::nullopt;
    bool ok[4] = {};
    SyncToken token;
    token.upto = cursor->key[0].toLongLong(&ok[0]);
    token.after.revision = cursor->key[1].toLongLong(&ok[1]);
    const int source = cursor->key[2].toInt(&ok[2]);
    token.after.number = cursor->key[3].toLongLong(&ok[3]);
    token.after.text = cursor->key[4];
    if (!ok[0] || !ok[1] || !ok[2] || !ok[3] || source < int(ChangeSource::Device) ||
        source > int(ChangeSource::Deletion) || token.after.revision <= since ||
        token.after.revision > token.upto)
        return std::nullopt;
    token.after.source = ChangeSource(source);
    return token;
}

ApiError resyncRequired(const QString &why)
{
    return apiError(grpc::StatusCode::OUT_OF_RANGE,
                    QStringLiteral("%1: drop the cache and sync again from revision 0").arg(why),
                    v1::ERROR_REASON_RESYNC_REQUIRED);
}

class SyncService final : public v1::SyncService::CallbackService
{
public:
    explicit SyncService(ServiceContext &context)
        : m_context(context)
        , m_notifier(context.database)
    {}

    grpc::ServerUnaryReactor *GetChanges(grpc::CallbackServerContext *call,
                                         const v1::GetChangesRequest *request,
                                         v1::GetChangesResponse *response) override
    {
        return serveUnary(m_context, call, v1::ROLE_VIEWER, "GetChanges",
                          [&](const Caller &) { return changes(*request, response); });
    }

    grpc::ServerWriteReactor<v1::WatchChangesResponse> *WatchChanges(grpc::CallbackServerContext *call,
                                                                     const v1::WatchChangesRequest *) override
    {
        return new WatchChangesStream(m_context, m_notifier, call);
    }

private:
    ApiStatus changes(const v1::GetChangesRequest &request, v1::GetChangesResponse *response)
    {
        const qint64 since = request.since_revision();
        if (since < 0)
            return apiError(grpc::StatusCode::INVALID_ARGUMENT,
                            QStringLiteral("since_revision must be 0 (a full sync) or a revision the server "
                                           "sent, not %1")
                                .arg(since));
        std::optional<SyncToken> token;
        if (!request.page_token().empty()) {
            token = decodeSyncToken(since, QString::fromStdString(request.page_token()));
            if (!token)
                return apiError(grpc::StatusCode::INVALID_ARGUMENT,
                                QStringLiteral("page_token is malformed or belongs to a sync from another "
                                               "since_revision (keep since_revision the same while paging)"));
        }
        const int limit = effectivePageSize(m_context, request.page_size());

        std::optional<ApiError> refused;
        auto page = m_context.database.read([&](SqliteConnection &connection) -> Result<ChangePage> {
            // Read first: everything below is then from the snapshot this revision describes.
            auto stored = readStoredRevision(connection);
            if (!stored)
                return stored.error();
            auto oldest = readOldestSyncableRevision(connection);
            if (!oldest)
                return oldest.error();
            const qint64 upto = token ? token->upto : *stored;
            if (since > *stored || upto > *stored) {
                refused =
                    resyncRequired(QStringLiteral("the cache is at revision %1, newer than the server's "
                                                  "revision %2 (was the server restored from a backup?)")
                                       .arg(qMax(since, upto))
                                       .arg(*stored));
                return ChangePage{};
            }
            if (since < *oldest) {
                refused = resyncRequired(QStringLiteral("revision %1 is older than the change history the "
                                                        "server keeps (from revision %2)")
                                             .arg(since)
                                             .arg(*oldest));
                return ChangePage{};
            }
            response->set_current_revision(upto);
            return readChanges(connection, ChangeWindow{since, upto},
                               token ? std::optional(token->after) : std::nullopt, limit,
                               m_context.config.maxMessageBytes / 2, response);
        });
        if (!page)
            return apiError(page.error());
        if (refused) {
            response->Clear();
            return refused;
        }
        if (page->next)
            response->set_next_page_token(
                encodeSyncToken(since, SyncToken{response->current_revision(), *page->next}).toStdString());
        return std::nullopt;
    }

    ServiceContext &m_context;
    RevisionNotifier m_notifier;
};

} // namespace

std::unique_ptr<grpc::Service> makeSyncService(ServiceContext &context)
{
    return std::make_unique<SyncService>(context);
}

} // namespace otter::backend
