// DeviceRecord: the fields of one device that filter expressions can see, as a plain value struct.
#pragma once

#include <QMap>
#include <QString>

namespace otter {

// Kept free of storage and protocol types so the backend (rows from SQLite), the console (its cache) and
// the simulator can all fill it and evaluate the same filter against it.
struct DeviceRecord
{
    QString id;
    QString hardwareClass;
    QString region;
    QString firmwareVersion; // as the device reports it; compared with semver precedence
    qint64 securityVersion = 0;
    QString bank; // "A" or "B"; empty while unknown
    QString state;
    bool busy = false;
    QMap<QString, QString> labels; // ordered, so serialising it (e.g. to JSON) is deterministic
};

} // namespace otter
