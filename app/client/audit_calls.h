// AuditCalls: The server's verdict on its audit chain (VerifyAuditChain).
// A child of ConsoleClient on the client thread; public methods may be called from any thread.
#pragma once

#include "models/audit_chain_status.h"

#include <QObject>

namespace otter::client {

class ConsoleClient;

class AuditCalls final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuditCalls)

public:
    // Verifying a long chain takes the server a while; past this the call fails with a message saying so.
    static constexpr int VerifyDeadlineMs = 120000;

    explicit AuditCalls(ConsoleClient *client);

    // Asks otterd to verify its whole chain; answers with chainVerified or chainVerifyFailed.
    void verifyChain();

signals:
    void chainVerified(const otter::models::AuditServerVerdict &verdict);
    // No verdict (offline, refused, deadline): the message says why.
    void chainVerifyFailed(const QString &message);

private:
    void doVerifyChain();

    ConsoleClient *m_client;
};

} // namespace otter::client
