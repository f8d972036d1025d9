// RolloutCalls: Rollout pre-flight and actions: preview, submit, approve, reject, start, pause, resume,
// abort. A child of ConsoleClient on the client thread; public methods may be called from any thread.
#pragma once

#include <QObject>

namespace otter::client {

class ConsoleClient;

class RolloutCalls final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RolloutCalls)

public:
    explicit RolloutCalls(ConsoleClient *client);

private:
    ConsoleClient *m_client;
};

} // namespace otter::client
