// Test helper: records every signal of a ConsoleClient running on its own thread.
#include "client_recorder.h"

namespace otter::test {

using client::ConnectionState;
using client::ConsoleClient;

ClientRecorder::ClientRecorder(ConsoleClient *client)
{
    connect(client, &ConsoleClient::stateChanged, this, [this](ConnectionState state, const QString &detail) {
        states.append({state, detail});
    });
    connect(client, &ConsoleClient::signedIn, this, [this](const QString &name, const QString &role) {
        signIns.append({name, role});
    });
    connect(client, &ConsoleClient::connectionFailed, this,
            [this](const QString &message) { failures.append(message); });
    connect(client, &ConsoleClient::serverRevisionChanged, this,
            [this](qint64 revision) { serverRevisions.append(revision); });
    connect(client, &ConsoleClient::changesReceived, this,
            [this](const models::ChangeBatch &batch) { batches.append(batch); });
    connect(client, &ConsoleClient::resyncRequired, this,
            [this](const QString &message) { resyncs.append(message); });
    connect(client, &ConsoleClient::draftAccepted, this, [this](qint64 id, qint64 revision) {
        accepted.append({id, revision});
    });
    connect(client, &ConsoleClient::draftConflict, this,
            [this](qint64 id, const QByteArray &json, const QString &message) {
                conflicts.append({id, json, message});
            });
    connect(client, &ConsoleClient::draftRejected, this, [this](qint64 id, const QString &message) {
        rejected.append({id, message});
    });
    connect(client, &ConsoleClient::draftDeferred, this, [this](qint64 id, const QString &message) {
        deferred.append({id, message});
    });
    connect(client, &ConsoleClient::filterPreview, this,
            [this](quint64 generation, qint64 count, const QString &error) {
                previews.append({generation, count, error});
            });
    connect(client, &ConsoleClient::deviceHistoryReceived, this,
            [this](quint64 generation, const QString &, const QList<models::DeploymentRecord> &history) {
                histories.append({generation, history});
            });
    connect(client, &ConsoleClient::callFailed, this,
            [this](const QString &operation, const QString &message) {
                callFailures.append({operation, message});
            });
}

bool ClientRecorder::reached(ConnectionState state) const
{
    return count(state) > 0;
}

qsizetype ClientRecorder::count(ConnectionState state) const
{
    return std::count_if(states.begin(), states.end(),
                         [state](const auto &entry) { return entry.first == state; });
}

qsizetype ClientRecorder::completeBatches() const
{
    return std::count_if(batches.begin(), batches.end(),
                         [](const models::ChangeBatch &b) { return b.complete; });
}

} // namespace otter::test
