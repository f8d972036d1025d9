// AuditCalls: The server's verdict on its audit chain (VerifyAuditChain).
#include "app/client/audit_calls.h"

#include "app/client/console_client.h"

namespace otter::client {

AuditCalls::AuditCalls(ConsoleClient *client)
    : QObject(client)
    , m_client(client)
{}

} // namespace otter::client
