// RolloutWatchCalls: One rollout's live progress (WatchRollout) and its per-device outcomes
// (ListDeployments). A child of ConsoleClient on the client thread; public methods may be called from any
// thread.
#pragma once

#include <QObject>

namespace otter::client {

class ConsoleClient;

class RolloutWatchCalls final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RolloutWatchCalls)

public:
    explicit RolloutWatchCalls(ConsoleClient *client);

private:
    ConsoleClient *m_client;
};

} // namespace otter::client
