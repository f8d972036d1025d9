// Owns the client thread and the ConsoleClient living on it; destroying the holder stops both cleanly.
#pragma once

#include <QThread>

namespace otter::client {

class ConsoleClient;

class ClientThread final
{
    Q_DISABLE_COPY_MOVE(ClientThread)

public:
    ClientThread();
    // Quits the thread's event loop and waits; the client is deleted on its own thread as the thread ends,
    // after cancelling its calls.
    ~ClientThread();

    // Call its public methods from any thread; connect to its signals with a receiver as context.
    ConsoleClient *client() const { return m_client; }

private:
    QThread m_thread;
    ConsoleClient *m_client;
};

} // namespace otter::client
