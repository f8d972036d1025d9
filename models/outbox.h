// Outbox: drafts of groups, maintenance windows and rollouts made (possibly offline) that wait in the cache
// to be sent, and what the server said about those it refused.
#pragma once

#include "models/cache_database.h"
#include "models/records.h"

#include <QObject>

#include <optional>

namespace otter::models {

// Lives on the GUI thread beside the models. Replay: send queued() in order (oldest first); on success
// markSent(), on a stale-revision refusal markConflict() with the server's copy (nothing is overwritten: the
// operator then chooses keepMine() or discard()), on any other refusal markRejected().
class Outbox final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Outbox)

public:
    explicit Outbox(const CacheDatabase &database, QObject *parent = nullptr);

    // kind: "group" | "window" | "rollout"; operation: "create" | "update" | "delete"; objectId: the object's
    // (client-chosen for a create) id; baseRevision: the object's revision the operator edited (0 for a
    // create); payloadJson: the record as records_json.h writes it (may be empty for a delete).
    // A draft of the same object that is still unresolved is replaced in place (it keeps its turn): editing a
    // queued create stays a create, and deleting an object whose create was never sent drops the draft and
    // returns 0. Otherwise returns the entry's id.
    Result<qint64> enqueue(const QString &kind, const QString &operation, const QString &objectId,
                           qint64 baseRevision, const QByteArray &payloadJson);

    // Drafts to send now, in replay order.
    QList<OutboxEntry> queued() const;
    // Every unresolved draft (queued, conflict, rejected), in replay order.
    QList<OutboxEntry> entries() const;
    std::optional<OutboxEntry> entry(qint64 id) const;
    // Unresolved drafts of all states.
    int count() const;

    // Sent and accepted: the entry goes.
    Result<void> markSent(qint64 id);
    // The server's object moved on since baseRevision: keep both versions for the operator to choose.
    Result<void> markConflict(qint64 id, const QByteArray &serverPayloadJson, const QString &message);
    // The server refused it for another reason (message says why); it waits for the operator.
    Result<void> markRejected(qint64 id, const QString &message);
    // The operator keeps their version over the server's: queue it again against the server's revision.
    Result<void> keepMine(qint64 id, qint64 newBaseRevision);
    // The operator gives the draft up.
    Result<void> discard(qint64 id);

signals:
    void changed();

private:
    QList<OutboxEntry> select(const QString &where, const QVariantList &params) const;
    Result<void> update(qint64 id, const QString &set, const QVariantList &params, const QString &action);

    CacheDatabase m_database;
};

} // namespace otter::models
