// AuditCalls: The server's verdict on its audit chain (VerifyAuditChain).
#include "app/client/audit_calls.h"

#include "app/client/call_error.h"
#include "app/client/client_call.h"
#include "app/client/console_client.h"

#include "otter/v1/audit.grpc.pb.h"

namespace otter::client {

AuditCalls::AuditCalls(ConsoleClient *client)
    : QObject(client)
    , m_client(client)
{
    qRegisterMetaType<otter::models::AuditServerVerdict>();
}

void AuditCalls::verifyChain()
{
    QMetaObject::invokeMethod(
        this, [this] { doVerifyChain(); }, Qt::QueuedConnection);
}

void AuditCalls::doVerifyChain()
{
    if (!m_client->isOnline()) {
        emit chainVerifyFailed(tr("not available offline"));
        return;
    }
    using Call = UnaryCall<v1::VerifyAuditChainRequest, v1::VerifyAuditChainResponse>;
    auto call = std::make_shared<Call>();
    auto stub = v1::AuditService::NewStub(m_client->channel());
    m_client->dispatch(
        call, VerifyDeadlineMs,
        [&stub](Call *c, std::function<void(grpc::Status)> f) {
            stub->async()->VerifyAuditChain(&c->context, &c->request, &c->response, std::move(f));
        },
        [this](const grpc::Status &status, Call &c) {
            if (!status.ok()) {
                emit chainVerifyFailed(describeFailure(status, c.context, m_client->serverAddress()).message);
                return;
            }
            models::AuditServerVerdict verdict;
            verdict.ok = c.response.ok();
            verdict.checkedEntries = c.response.checked_entries();
            verdict.firstBadSeq = c.response.first_bad_seq();
            verdict.detail = QString::fromStdString(c.response.detail());
            verdict.headSeq = c.response.head().seq();
            verdict.headHash = QString::fromStdString(c.response.head().hash());
            verdict.verifiedAt = QDateTime::currentDateTimeUtc();
            emit chainVerified(verdict);
        });
}

} // namespace otter::client
