// RolloutWatchCalls: One rollout's live progress (WatchRollout) and its per-device outcomes
// (ListDeployments). A child of ConsoleClient on the client thread; public methods may be called from any
// thread. A watched rollout stays watched across reconnects: each new stream starts with a new snapshot.
#pragma once

#include "models/records.h"
#include "models/rollout_progress.h"

#include <QHash>
#include <QObject>
#include <QStringList>
#include <QTimer>

#include <memory>

namespace grpc {
class ClientContext;
class Status;
} // namespace grpc

namespace otter::client {

class ConsoleClient;

class RolloutWatchCalls final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RolloutWatchCalls)

public:
    explicit RolloutWatchCalls(ConsoleClient *client);

    // Starts following a rollout (now when online, else once signed in). Watching a rollout already
    // watched restarts its stream, so the caller gets a fresh snapshot.
    void watch(const QString &rolloutId);
    // Cancels the stream; nothing more arrives for this rollout, and its end is not reported.
    void stopWatch(const QString &rolloutId);
    // One page of a rollout's deployments, ordered by device id. `states` as DeploymentRecord spells them
    // (empty: all), `stage` 0-based or -1 for every stage; the answer carries `requestId` back.
    void listDeployments(const QString &rolloutId, const QStringList &states, int stage,
                         const QString &pageToken, int pageSize, quint64 requestId);
    // Delay before a broken stream is tried again while the connection itself stays up.
    void setRetryDelay(int ms);

signals:
    // Every message of the stream; the first of each stream has update.snapshot set.
    void watchUpdate(const otter::models::RolloutWatchUpdate &update);
    // The stream broke (server restart, connection lost); it is resumed by itself, with a new snapshot.
    void watchInterrupted(const QString &rolloutId, const QString &message);
    // The watch is over: `finished` when the rollout ended and nothing is under way any more, otherwise
    // refused (no such rollout, no permission) with the reason in `message`.
    void watchEnded(const QString &rolloutId, bool finished, const QString &message);
    void deploymentsReceived(quint64 requestId, const QString &rolloutId,
                             const QList<otter::models::DeploymentRecord> &page,
                             const QString &nextPageToken);
    void deploymentsFailed(quint64 requestId, const QString &rolloutId, const QString &message);

private:
    struct Watch
    {
        quint64 serial = 0; // of the stream that is current for this rollout
        quint64 generation = 0;
        bool running = false;
        std::weak_ptr<grpc::ClientContext> context;
    };

    void doWatch(const QString &rolloutId);
    void doStopWatch(const QString &rolloutId);
    void startStream(const QString &rolloutId);
    void onUpdate(const QString &rolloutId, quint64 serial, const models::RolloutWatchUpdate &update);
    void onEnded(const QString &rolloutId, quint64 serial, const grpc::Status &status,
                 const grpc::ClientContext &context);
    void resumeAll();
    void doListDeployments(const QString &rolloutId, const QStringList &states, int stage,
                           const QString &pageToken, int pageSize, quint64 requestId);

    ConsoleClient *m_client;
    QHash<QString, Watch> m_watches;
    quint64 m_serial = 0;
    QTimer m_retry;
};

} // namespace otter::client
