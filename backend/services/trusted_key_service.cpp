// TrustedKeyService: the public keys whose signatures make a release acceptable (keys.proto).
#include "backend/services/page_token.h"
#include "backend/services/services.h"
#include "backend/services/stored_object_refusals.h"
#include "backend/services/unary_call.h"
#include "backend/storage/trusted_keys.h"
#include "core/sha256.h"
#include "core/signing.h"
#include "otter/v1/keys.grpc.pb.h"

#include <google/protobuf/util/time_util.h>

namespace otter::backend {
namespace {

using google::protobuf::util::TimeUtil;

constexpr int MaxNameLength = 100;
constexpr int MaxCommentLength = 2000;
constexpr int MaxReasonLength = 1000;

QString keyLabel(const v1::TrustedKey &key)
{
    return QStringLiteral("%1 (\"%2\")")
        .arg(QString::fromStdString(key.id()), QString::fromStdString(key.name()));
}

QString timeText(const google::protobuf::Timestamp &time)
{
    return QDateTime::fromMSecsSinceEpoch(TimeUtil::TimestampToMilliseconds(time), Qt::UTC)
        .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"));
}

ApiError keyError(grpc::StatusCode code, const QString &message, v1::ErrorReason reason,
                  const v1::TrustedKey &current)
{
    return conflictError(code, message, reason, v1::OBJECT_KIND_TRUSTED_KEY, current);
}

// Why the same key cannot be added again; the revoked case says so, because it can never come back.
ApiError alreadyStored(const v1::TrustedKey &stored)
{
    if (stored.state() == v1::TRUSTED_KEY_STATE_REVOKED)
        return keyError(grpc::StatusCode::ALREADY_EXISTS,
                        QStringLiteral("key %1 was revoked on %2 by %3 (reason: %4) and cannot be trusted "
                                       "again; sign releases with a new key")
                            .arg(keyLabel(stored), timeText(stored.revoked_at()),
                                 QString::fromStdString(stored.revoked_by()),
                                 QString::fromStdString(stored.revocation_reason())),
                        v1::ERROR_REASON_ALREADY_EXISTS, stored);
    return keyError(
        grpc::StatusCode::ALREADY_EXISTS,
        QStringLiteral("key %1 is already trusted (added by %2 on %3)")
            .arg(keyLabel(stored), QString::fromStdString(stored.added_by()), timeText(stored.added_at())),
        v1::ERROR_REASON_ALREADY_EXISTS, stored);
}

// The PEM must be exactly a P-256 public key: a private key pasted by mistake is refused, not trimmed.
std::variant<PublicKey, ApiError> parsePublicKey(const std::string &pem)
{
    if (pem.empty())
        return apiError(grpc::StatusCode::INVALID_ARGUMENT,
                        QStringLiteral("public_key_pem is required: paste the key's \"-----BEGIN PUBLIC "
                                       "KEY-----\" block"));
    if (qint64(pem.size()) > MaxKeyFileBytes)
        return apiError(grpc::StatusCode::INVALID_ARGUMENT,
                        QStringLiteral("public_key_pem is %1 bytes; a P-256 public key PEM is a few hundred")
                            .arg(pem.size()));
    if (QByteArrayView(pem).contains("PRIVATE KEY"))
        return apiError(grpc::StatusCode::INVALID_ARGUMENT,
                        QStringLiteral("public_key_pem holds a private key; send only the public key "
                                       "(openssl pkey -in key.pem -pubout) and keep the private key secret"));
    auto key = PublicKey::fromPem(QByteArrayView(pem));
    if (!key)
        return apiError(
            grpc::StatusCode::INVALID_ARGUMENT,
            QStringLiteral("public_key_pem is not an ECDSA P-256 public key: %1").arg(key.errorMessage()));
    return std::move(key).value();
}

// Ids are lowercase hex everywhere; a pasted uppercase id is accepted and normalised.
std::variant<QString, ApiError> parseKeyId(const std::string &text)
{
    const QString id = QString::fromStdString(text).toLower();
    if (sha256FromHex(id).isEmpty())
        return apiError(grpc::StatusCode::INVALID_ARGUMENT,
                        QStringLiteral("key_id must be the key's id: 64 hexadecimal digits, as "
                                       "ListTrustedKeys shows it"));
    return id;
}

class TrustedKeyService final : public v1::TrustedKeyService::CallbackService
{
public:
    explicit TrustedKeyService(ServiceContext &context)
        : m_context(context)
    {}

    grpc::ServerUnaryReactor *AddTrustedKey(grpc::CallbackServerContext *call,
                                            const v1::AddTrustedKeyRequest *request,
                                            v1::AddTrustedKeyResponse *response) override
    {
        return serveUnary(m_context, call, v1::ROLE_ADMIN, "AddTrustedKey",
                          [&](const Caller &caller) { return addKey(caller, *request, response); });
    }

    grpc::ServerUnaryReactor *ListTrustedKeys(grpc::CallbackServerContext *call,
                                              const v1::ListTrustedKeysRequest *request,
                                              v1::ListTrustedKeysResponse *response) override
    {
        return serveUnary(m_context, call, v1::ROLE_VIEWER, "ListTrustedKeys",
                          [&](const Caller &) { return listKeys(*request, response); });
    }

    grpc::ServerUnaryReactor *RevokeTrustedKey(grpc::CallbackServerContext *call,
                                               const v1::RevokeTrustedKeyRequest *request,
                                               v1::RevokeTrustedKeyResponse *response) override
    {
        return serveUnary(m_context, call, v1::ROLE_ADMIN, "RevokeTrustedKey",
                          [&](const Caller &caller) { return revokeKey(caller, *request, response); });
    }

private:
    ApiStatus addKey(const Caller &caller, const v1::AddTrustedKeyRequest &request,
                     v1::AddTrustedKeyResponse *response)
    {
        const QString name = QString::fromStdString(request.name()).trimmed();
        if (name.isEmpty() || name.size() > MaxNameLength)
            return apiError(grpc::StatusCode::INVALID_ARGUMENT,
                            QStringLiteral("name is required: 1 to %1 characters, e.g. \"ci-release-2025\"")
                                .arg(MaxNameLength));
        const QString comment = QString::fromStdString(request.comment());
        if (comment.size() > MaxCommentLength)
            return apiError(grpc::StatusCode::INVALID_ARGUMENT,
                            QStringLiteral("comment is %1 characters; at most %2 are allowed")
                                .arg(comment.size())
                                .arg(MaxCommentLength));
        auto parsed = parsePublicKey(request.public_key_pem());
        if (auto *error = std::get_if<ApiError>(&parsed))
            return *error;
        const PublicKey &publicKey = std::get<PublicKey>(parsed);

        v1::TrustedKey key;
        key.set_id(publicKey.keyId().toStdString());
        key.set_name(name.toStdString());
        key.set_comment(comment.toStdString());
        key.set_public_key_pem(publicKey.toPem().toStdString());
        key.set_state(v1::TRUSTED_KEY_STATE_ACTIVE);
        key.set_added_by(caller.name.toStdString());
        *key.mutable_added_at() =
            TimeUtil::MillisecondsToTimestamp(m_context.clock.now().toMSecsSinceEpoch());

        ApiStatus refusal;
        auto written = m_context.database.write([&](WriteContext &tx) -> Result<bool> {
            auto stored = findTrustedKey(tx.sql(), QString::fromStdString(key.id()));
            if (!stored)
                return stored.error();
            if (stored->has_value()) {
                refusal = alreadyStored(**stored);
                return makeError(ErrorKind::InvalidInput, refusal->message);
            }
            auto revision = tx.revision();
            if (!revision)
                return revision.error();
            key.set_revision(*revision);
            if (auto ok = saveTrustedKey(tx.sql(), key); !ok)
                return ok.error();
            if (auto ok = tx.audit(
                    {caller.name, QStringLiteral("trusted_key.add"),
                     QStringLiteral("trusted_key/%1").arg(QString::fromStdString(key.id())),
                     QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("comment"), comment}}});
                !ok)
                return ok.error();
            return true;
        });
        if (refusal)
            return refusal;
        if (!written)
            return apiError(written.error());
        *response->mutable_key() = key;
        return std::nullopt;
    }

    ApiStatus listKeys(const v1::ListTrustedKeysRequest &request, v1::ListTrustedKeysResponse *response)
    {
        // No filters: every token of this RPC is valid for every request.
        static const QString fingerprint = QStringLiteral("ListTrustedKeys");
        QString after;
        if (!request.page_token().empty()) {
            const auto cursor = decodePageToken(QString::fromStdString(request.page_token()), fingerprint);
            if (!cursor)
                return apiError(grpc::StatusCode::INVALID_ARGUMENT,
                                QStringLiteral("page_token is not a token this call returned; start again "
                                               "with an empty page_token"));
            after = cursor->key.first();
        }
        const int pageSize = effectivePageSize(m_context, request.page_size());
        // One row more than the page tells whether another page follows without a second query.
        auto keys = m_context.database.read(
            [&](SqliteConnection &connection) { return trustedKeysAfter(connection, after, pageSize + 1); });
        if (!keys)
            return apiError(keys.error());
        const bool more = keys->size() > pageSize;
        for (int i = 0; i < qMin(pageSize, int(keys->size())); ++i)
            *response->add_keys() = keys->at(i);
        if (more)
            response->set_next_page_token(
                encodePageToken({{QString::fromStdString(keys->at(pageSize - 1).id())}}, fingerprint)
                    .toStdString());
        return std::nullopt;
    }

    ApiStatus revokeKey(const Caller &caller, const v1::RevokeTrustedKeyRequest &request,
                        v1::RevokeTrustedKeyResponse *response)
    {
        auto parsedId = parseKeyId(request.key_id());
        if (auto *error = std::get_if<ApiError>(&parsedId))
            return *error;
        const QString id = std::get<QString>(parsedId);
        const QString reason = QString::fromStdString(request.reason()).trimmed();
        if (reason.isEmpty() || reason.size() > MaxReasonLength)
            return apiError(grpc::StatusCode::INVALID_ARGUMENT,
                            QStringLiteral("reason is required (1 to %1 characters): say why the key is "
                                           "revoked, e.g. \"private key leaked\"")
                                .arg(MaxReasonLength));

        ApiStatus refusal;
        v1::TrustedKey key;
        auto written = m_context.database.write([&](WriteContext &tx) -> Result<bool> {
            auto stored = findTrustedKey(tx.sql(), id);
            if (!stored)
                return stored.error();
            if (!stored->has_value()) {
                refusal = apiError(grpc::StatusCode::NOT_FOUND,
                                   QStringLiteral("no trusted key has the id %1").arg(id));
                return makeError(ErrorKind::NotFound, refusal->message);
            }
            key = **stored;
            if (key.state() == v1::TRUSTED_KEY_STATE_REVOKED) {
                refusal =
                    keyError(grpc::StatusCode::FAILED_PRECONDITION,
                             QStringLiteral("key %1 is already revoked: revoked on %2 by %3 (reason: %4)")
                                 .arg(keyLabel(key), timeText(key.revoked_at()),
                                      QString::fromStdString(key.revoked_by()),
                                      QString::fromStdString(key.revocation_reason())),
                             v1::ERROR_REASON_WRONG_STATE, key);
                return makeError(ErrorKind::InvalidInput, refusal->message);
            }
            auto revision = tx.revision();
            if (!revision)
                return revision.error();
            key.set_state(v1::TRUSTED_KEY_STATE_REVOKED);
            key.set_revoked_by(caller.name.toStdString());
            *key.mutable_revoked_at() =
                TimeUtil::MillisecondsToTimestamp(m_context.clock.now().toMSecsSinceEpoch());
            key.set_revocation_reason(reason.toStdString());
            key.set_revision(*revision);
            if (auto ok = saveTrustedKey(tx.sql(), key); !ok)
                return ok.error();
            if (auto ok = tx.audit({caller.name, QStringLiteral("trusted_key.revoke"),
                                    QStringLiteral("trusted_key/%1").arg(id),
                                    QJsonObject{{QStringLiteral("name"), QString::fromStdString(key.name())},
                                                {QStringLiteral("reason"), reason}}});
                !ok)
                return ok.error();
            return true;
        });
        if (refusal)
            return refusal;
        if (!written)
            return apiError(written.error());
        *response->mutable_key() = key;
        return std::nullopt;
    }

    ServiceContext &m_context;
};

} // namespace

std::unique_ptr<grpc::Service> makeTrustedKeyService(ServiceContext &context)
{
    return std::make_unique<TrustedKeyService>(context);
}

} // namespace otter::backend
