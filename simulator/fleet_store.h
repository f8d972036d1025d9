// The fleet's flash in one SQLite file: every device's banks, counter and deployment phase, so that a
// stopped simulator resumes the same devices on the same versions. Writes go in batched transactions.
#pragma once

#include "core/result.h"
#include "simulator/device_state.h"

#include <QList>
#include <QString>

#include <vector>

struct sqlite3;

namespace otter::sim {

class FleetStore
{
public:
    FleetStore() = default;
    ~FleetStore();
    FleetStore(const FleetStore &) = delete;
    FleetStore &operator=(const FleetStore &) = delete;

    // Opens (creating if needed) the state file; WAL with synchronous=NORMAL, as one commit per batch is
    // the only durability the simulation needs.
    Result<void> open(const QString &path);
    QString path() const { return m_path; }

    // Every stored device, in the order they were first stored.
    Result<QList<DeviceState>> load();
    // Writes these devices (inserting new ones) in ONE transaction.
    Result<void> save(const std::vector<const DeviceState *> &devices);

private:
    Result<void> exec(const char *sql);
    Error sqliteError(const QString &what) const;

    sqlite3 *m_db = nullptr;
    QString m_path;
};

} // namespace otter::sim
