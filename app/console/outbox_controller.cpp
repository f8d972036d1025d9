// Outbox replay: queued drafts go out in the order they were made, each answered before it is sent again.
#include "app/console/outbox_controller.h"

#include "app/client/console_client.h"
#include "models/outbox.h"

namespace otter::console {

OutboxController::OutboxController(models::Outbox *outbox, client::ConsoleClient *client, QObject *parent)
    : QObject(parent)
    , m_outbox(outbox)
    , m_client(client)
{
    connect(m_outbox, &models::Outbox::changed, this, &OutboxController::sendQueued);
    connect(m_client, &client::ConsoleClient::draftAccepted, this, [this](qint64 id, qint64) {
        settle(id);
        if (auto sent = m_outbox->markSent(id); !sent)
            emit notice(sent.errorMessage());
    });
    connect(m_client, &client::ConsoleClient::draftConflict, this,
            [this](qint64 id, const QByteArray &serverPayload, const QString &message) {
                settle(id);
                if (auto marked = m_outbox->markConflict(id, serverPayload, message); !marked)
                    emit notice(marked.errorMessage());
                emit notice(
                    tr("A draft met a newer version on the server: open the outbox to compare them."));
            });
    connect(m_client, &client::ConsoleClient::draftRejected, this, [this](qint64 id, const QString &message) {
        settle(id);
        if (auto marked = m_outbox->markRejected(id, message); !marked)
            emit notice(marked.errorMessage());
        emit notice(tr("The server refused a draft: %1").arg(message));
    });
    connect(m_client, &client::ConsoleClient::draftDeferred, this, [this](qint64 id, const QString &) {
        // Still queued: the next connection sends it again.
        m_inFlight.remove(id);
    });
}

void OutboxController::setOnline(bool online)
{
    m_online = online;
    if (!online) {
        // Answers to drafts sent on the lost connection never come; they are sent again when online.
        m_inFlight.clear();
        return;
    }
    sendQueued();
}

void OutboxController::sendQueued()
{
    if (!m_online)
        return;
    for (const models::OutboxEntry &entry : m_outbox->queued()) {
        if (m_inFlight.contains(entry.id))
            continue;
        m_inFlight.insert(entry.id);
        m_client->sendDraft(entry);
    }
}

void OutboxController::settle(qint64 outboxId)
{
    m_inFlight.remove(outboxId);
}

} // namespace otter::console
