// AuditCalls: The server's verdict on its audit chain (VerifyAuditChain).
// A child of ConsoleClient on the client thread; public methods may be called from any thread.
#pragma once

#include <QObject>

namespace otter::client {

class ConsoleClient;

class AuditCalls final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuditCalls)

public:
    explicit AuditCalls(ConsoleClient *client);

private:
    ConsoleClient *m_client;
};

} // namespace otter::client
