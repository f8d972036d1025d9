// Sends the outbox's drafts while the console is online, one request per draft, and records what the server
// said: accepted (the draft leaves the outbox), conflict (both versions kept for the operator), refused
// (kept with the server's reason), or not sent (stays queued for the next connection).
#pragma once

#include <QObject>
#include <QSet>

namespace otter::client {
class ConsoleClient;
}
namespace otter::models {
class Outbox;
}

namespace otter::console {

class OutboxController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OutboxController)

public:
    OutboxController(models::Outbox *outbox, client::ConsoleClient *client, QObject *parent);

    void setOnline(bool online);

signals:
    void notice(const QString &message);

private:
    void sendQueued();
    void settle(qint64 outboxId);

    models::Outbox *m_outbox;
    client::ConsoleClient *m_client;
    bool m_online = false;
    // Drafts sent and not yet answered: never sent twice at once.
    QSet<qint64> m_inFlight;
};

} // namespace otter::console
