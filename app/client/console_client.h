// The console's connection to otterd: a QObject living on its own thread (see ClientThread). Its public
// methods may be called from any thread and only queue work; results come back as signals carrying the
// plain records of models/records.h. Every request carries the connection generation it was made on, and
// answers from an older generation are dropped.
#pragma once

#include "app/client/connection_state.h"
#include "models/records.h"

#include <QObject>
#include <QString>
#include <QTimer>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace grpc {
class Channel;
class ClientContext;
class Status;
} // namespace grpc

namespace otter::client {

class AuditCalls;
class CaProbe;
class CallMailbox;
class ReleaseCalls;
class RolloutCalls;
class RolloutWatchCalls;
struct CallError;
struct ProbedCa;

class ConsoleClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConsoleClient)

public:
    explicit ConsoleClient(QObject *parent = nullptr);
    ~ConsoleClient() override;

    // Connects with the profile's pinned CA (the profile must carry one: pinning on first contact is the
    // UI's decision, made with CaProbe). A server presenting another CA is refused, naming both fingerprints.
    void connectTo(const otter::models::ServerProfile &profile, const QString &token);
    void disconnectFromServer();

    // One sync from `since`, in pages (changesReceived per page, complete on the last).
    void requestChanges(qint64 since);
    // Follow mode: sync from cacheRevision now (when online), after every reconnect, and whenever the
    // server's revision moves past the last complete sync.
    void setSyncFrom(qint64 cacheRevision);

    // Replays an outbox entry with its baseRevision as the expected revision.
    void sendDraft(const otter::models::OutboxEntry &entry);
    void previewGroupFilter(const QString &filter, quint64 generation);
    void deviceHistory(const QString &deviceId, quint64 generation);

    // Reconnect backoff: first delay, doubled after each failure up to the maximum; reset once online.
    void setBackoff(int initialMs, int maximumMs);

    // The client's call objects by area: children of the client, living on its thread and sharing its
    // connection. Their public methods may be called from any thread, like the client's own.
    ReleaseCalls *releases() const { return m_releases; }
    RolloutCalls *rollouts() const { return m_rollouts; }
    RolloutWatchCalls *rolloutWatch() const { return m_rolloutWatch; }
    AuditCalls *audit() const { return m_audit; }

    // For the call objects, on the client thread only: whether a connection is signed in, its channel
    // (null while offline), its generation, a context prepared with the operator's token, and the one
    // way to run a unary call (client_call.h). Streaming calls post their results through mailbox().
    bool isOnline() const { return m_state == ConnectionState::Online; }
    // host:port of the server in use, named in messages about reaching it.
    QString serverAddress() const { return m_profile.address; }
    const std::shared_ptr<grpc::Channel> &channel() const { return m_channel; }
    quint64 generation() const { return m_generation; }
    const std::shared_ptr<CallMailbox> &mailbox() const { return m_mailbox; }
    void prepare(grpc::ClientContext &context, int deadlineMs) const;
    template<typename Call, typename Launch, typename Done>
    void dispatch(std::shared_ptr<Call> call, int deadlineMs, Launch launch, Done done);
    // A streaming call's context, cancelled with the others when the connection ends.
    void track(const std::shared_ptr<grpc::ClientContext> &context);

signals:
    void stateChanged(otter::client::ConnectionState state, const QString &detail);
    // role in lower case as otterd names it: "viewer", "operator", "approver", "admin".
    void signedIn(const QString &operatorName, const QString &role);
    // The connection was refused for good (token not accepted, CA changed, no pinned CA); no retry follows.
    void connectionFailed(const QString &message);
    void serverRevisionChanged(qint64 revision);
    void changesReceived(const otter::models::ChangeBatch &batch);
    // The server no longer has the history since the cache's revision: drop the cache, setSyncFrom(0).
    void resyncRequired(const QString &message);
    void draftAccepted(qint64 outboxId, qint64 newRevision);
    void draftConflict(qint64 outboxId, const QByteArray &serverPayloadJson, const QString &message);
    void draftRejected(qint64 outboxId, const QString &message);
    // Not sent (offline, server unreachable, deadline): the entry stays queued for the next replay.
    void draftDeferred(qint64 outboxId, const QString &message);
    // count -1 with an error when the filter does not parse or the preview could not be made.
    void filterPreview(quint64 generation, qint64 count, const QString &error);
    void deviceHistoryReceived(quint64 generation, const QString &deviceId,
                               const QList<otter::models::DeploymentRecord> &history);
    void callFailed(const QString &operation, const QString &message);

private:
    friend class WatchChangesReactor;

    // Connection (console_client.cpp).
    void doConnect(const models::ServerProfile &profile, const QString &token);
    void doDisconnect();
    void startAttempt(ConnectionState state, const QString &detail);
    void onProbed(const ProbedCa &ca);
    void onProbeFailed(const QString &message);
    void signIn();
    void scheduleRetry(const QString &reason);
    void refuse(const QString &message);
    void connectionLost(const QString &reason);
    void setState(ConnectionState state, const QString &detail);
    void cancelCalls();

    // Sync (console_client_sync.cpp).
    void startWatch();
    void onWatchRevision(quint64 generation, qint64 revision);
    void onWatchEnded(quint64 generation, const grpc::Status &status);
    void doRequestChanges(qint64 since);
    void doSetSyncFrom(qint64 revision);
    void fetchChanges(qint64 since, const std::string &pageToken);
    void followUp();

    // Drafts and queries (console_client_drafts.cpp, console_client_queries.cpp).
    void doSendDraft(const models::OutboxEntry &entry);
    template<typename Kind>
    void sendDraftAs(const models::OutboxEntry &entry);
    template<typename Kind>
    void refusedDraft(const models::OutboxEntry &entry, const CallError &error,
                      const std::optional<typename Kind::Record> &draft);
    template<typename Kind>
    void fetchConflict(const models::OutboxEntry &entry, const QString &message);
    void doPreviewGroupFilter(const QString &filter, quint64 generation);
    void doDeviceHistory(const QString &deviceId, quint64 generation);

    std::shared_ptr<CallMailbox> m_mailbox;
    CaProbe *m_probe = nullptr;
    ReleaseCalls *m_releases = nullptr;
    RolloutCalls *m_rollouts = nullptr;
    RolloutWatchCalls *m_rolloutWatch = nullptr;
    AuditCalls *m_audit = nullptr;
    QTimer m_retryTimer;
    // No WatchChanges message (heartbeats come at least every 30 s) for this long: the connection is dead.
    QTimer m_watchdog;

    models::ServerProfile m_profile;
    std::string m_token;
    std::shared_ptr<grpc::Channel> m_channel;
    quint64 m_generation = 0;
    ConnectionState m_state = ConnectionState::Offline;
    bool m_wanted = false;
    int m_initialBackoffMs = 1000;
    int m_maximumBackoffMs = 30000;
    int m_backoffMs = 1000;
    std::vector<std::weak_ptr<grpc::ClientContext>> m_calls;

    bool m_following = false;
    qint64 m_cursor = 0;
    qint64 m_serverRevision = 0;
    bool m_fetching = false;
    std::optional<qint64> m_pendingSince;
    quint32 m_pageSize = 500;
};

} // namespace otter::client
