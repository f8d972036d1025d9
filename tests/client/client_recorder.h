// Test helper: records every signal of a ConsoleClient running on its own thread. The connections have
// the recorder (on the test thread) as context, so results arrive queued, as they do in the console.
#pragma once

#include "app/client/console_client.h"

#include <QList>
#include <QObject>

#include <utility>

namespace otter::test {

struct Conflict
{
    qint64 outboxId = 0;
    QByteArray serverPayloadJson;
    QString message;
};

class ClientRecorder final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClientRecorder)

public:
    explicit ClientRecorder(client::ConsoleClient *client);

    bool reached(client::ConnectionState state) const;
    qsizetype count(client::ConnectionState state) const;
    QString lastDetail() const { return states.isEmpty() ? QString() : states.last().second; }
    // Index just past the last complete batch, 0 when none.
    qsizetype completeBatches() const;

    QList<std::pair<client::ConnectionState, QString>> states;
    QList<std::pair<QString, QString>> signIns;
    QStringList failures;
    QList<qint64> serverRevisions;
    QList<models::ChangeBatch> batches;
    QStringList resyncs;
    QList<std::pair<qint64, qint64>> accepted;
    QList<Conflict> conflicts;
    QList<std::pair<qint64, QString>> rejected;
    QList<std::pair<qint64, QString>> deferred;
    QList<std::tuple<quint64, qint64, QString>> previews;
    QList<std::pair<quint64, QList<models::DeploymentRecord>>> histories;
    QList<std::pair<QString, QString>> callFailures;
};

} // namespace otter::test
