// ReleaseCalls, trusted keys: AddTrustedKey and RevokeTrustedKey (admin), answers as signals.
#include "app/client/call_error.h"
#include "app/client/client_call.h"
#include "app/client/record_conversion.h"
#include "app/client/release_calls.h"

#include "otter/v1/keys.grpc.pb.h"

namespace otter::client {

namespace {

constexpr int KeyDeadlineMs = 15000;

} // namespace

void ReleaseCalls::addTrustedKey(const QString &publicKeyPem, const QString &name, const QString &comment)
{
    QMetaObject::invokeMethod(
        this, [this, publicKeyPem, name, comment] { doAddTrustedKey(publicKeyPem, name, comment); },
        Qt::QueuedConnection);
}

void ReleaseCalls::revokeTrustedKey(const QString &keyId, const QString &reason)
{
    QMetaObject::invokeMethod(
        this, [this, keyId, reason] { doRevokeTrustedKey(keyId, reason); }, Qt::QueuedConnection);
}

void ReleaseCalls::doAddTrustedKey(const QString &pem, const QString &name, const QString &comment)
{
    if (!m_client->isOnline()) {
        emit trustedKeyFailed(QStringLiteral("add"), tr("adding a trusted key needs a connection to otterd"));
        return;
    }
    using Call = UnaryCall<v1::AddTrustedKeyRequest, v1::AddTrustedKeyResponse>;
    auto call = std::make_shared<Call>();
    call->request.set_public_key_pem(pem.toStdString());
    call->request.set_name(name.toStdString());
    call->request.set_comment(comment.toStdString());
    auto stub = v1::TrustedKeyService::NewStub(m_client->channel());
    m_client->dispatch(
        call, KeyDeadlineMs,
        [&stub](Call *c, std::function<void(grpc::Status)> f) {
            stub->async()->AddTrustedKey(&c->context, &c->request, &c->response, std::move(f));
        },
        [this](const grpc::Status &status, Call &c) {
            if (status.ok())
                emit trustedKeyAdded(toRecord(c.response.key()));
            else
                emit trustedKeyFailed(QStringLiteral("add"),
                                      describeFailure(status, c.context, m_client->serverAddress()).message);
        });
}

void ReleaseCalls::doRevokeTrustedKey(const QString &keyId, const QString &reason)
{
    if (!m_client->isOnline()) {
        emit trustedKeyFailed(QStringLiteral("revoke"), tr("revoking a key needs a connection to otterd"));
        return;
    }
    using Call = UnaryCall<v1::RevokeTrustedKeyRequest, v1::RevokeTrustedKeyResponse>;
    auto call = std::make_shared<Call>();
    call->request.set_key_id(keyId.toStdString());
    call->request.set_reason(reason.toStdString());
    auto stub = v1::TrustedKeyService::NewStub(m_client->channel());
    m_client->dispatch(
        call, KeyDeadlineMs,
        [&stub](Call *c, std::function<void(grpc::Status)> f) {
            stub->async()->RevokeTrustedKey(&c->context, &c->request, &c->response, std::move(f));
        },
        [this](const grpc::Status &status, Call &c) {
            if (status.ok())
                emit trustedKeyRevoked(toRecord(c.response.key()));
            else
                emit trustedKeyFailed(QStringLiteral("revoke"),
                                      describeFailure(status, c.context, m_client->serverAddress()).message);
        });
}

} // namespace otter::client
