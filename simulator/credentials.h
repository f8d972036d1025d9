// Device credentials as `otterd device provision` prints them: a CSV with the header id,token.
#pragma once

#include "core/result.h"

#include <QList>
#include <QString>

namespace otter::sim {

struct Credential
{
    QString id;
    QString token;
};

// Reads id,token lines (the header line and blank lines are skipped). Refuses a file without any device,
// a line without exactly two fields, and duplicate ids, naming the line.
Result<QList<Credential>> readCredentials(const QString &path);

} // namespace otter::sim
