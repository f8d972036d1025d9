// ReleaseCalls: Release uploads (streamed from disk, resumable, cancellable) and trusted keys (add, revoke).
#include "app/client/release_calls.h"

#include "app/client/console_client.h"

namespace otter::client {

ReleaseCalls::ReleaseCalls(ConsoleClient *client)
    : QObject(client)
    , m_client(client)
{}

} // namespace otter::client
