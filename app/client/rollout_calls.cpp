// RolloutCalls: Rollout pre-flight and actions.
#include "app/client/rollout_calls.h"

#include "app/client/console_client.h"

namespace otter::client {

RolloutCalls::RolloutCalls(ConsoleClient *client)
    : QObject(client)
    , m_client(client)
{}

} // namespace otter::client
