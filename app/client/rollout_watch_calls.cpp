// RolloutWatchCalls: One rollout's live progress (WatchRollout) and its per-device outcomes
// (ListDeployments).
#include "app/client/rollout_watch_calls.h"

#include "app/client/console_client.h"

namespace otter::client {

RolloutWatchCalls::RolloutWatchCalls(ConsoleClient *client)
    : QObject(client)
    , m_client(client)
{}

} // namespace otter::client
