// Devices' last_seen times, written together in the next group commit instead of once per check-in.
#pragma once

#include "backend/storage/database.h"

#include <QHash>

#include <memory>
#include <mutex>

namespace otter::backend {

// A check-in that changes nothing but last_seen is answered from its read snapshot at once; its time
// waits here and the next group-commit batch writes every waiting time in one go. Safe because last_seen
// is advisory (it moves no revision and nothing is decided on it within a second): at worst a kill -9
// loses the times of check-ins answered in the last batch, and a clean stop writes them (the database
// drains its queue before closing). A device checking in again before the write keeps only its newest time.
class LastSeenRecorder
{
public:
    explicit LastSeenRecorder(Database &database);

    void record(const QString &deviceId, qint64 nowMs);

private:
    // Shared with the queued write, which may run after the recorder is gone (at shutdown).
    struct Waiting
    {
        std::mutex mutex;
        QHash<QString, qint64> times;
        bool queued = false; // a write is in the database's queue and will take `times` when it runs
    };
    static Result<void> write(WriteContext &tx, Waiting &waiting);

    Database &m_database;
    std::shared_ptr<Waiting> m_waiting;
};

} // namespace otter::backend
