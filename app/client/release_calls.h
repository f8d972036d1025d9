// ReleaseCalls: Release uploads (streamed from disk, resumable, cancellable) and trusted keys (add, revoke).
// A child of ConsoleClient on the client thread; public methods may be called from any thread.
#pragma once

#include <QObject>

namespace otter::client {

class ConsoleClient;

class ReleaseCalls final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReleaseCalls)

public:
    explicit ReleaseCalls(ConsoleClient *client);

private:
    ConsoleClient *m_client;
};

} // namespace otter::client
