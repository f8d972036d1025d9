// Device credentials as `otterd device provision` prints them.
#include "simulator/credentials.h"

#include <QCoreApplication>
#include <QFile>
#include <QSet>

namespace otter::sim {

Result<QList<Credential>> readCredentials(const QString &path)
{
    auto tr = [](const char *text) { return QCoreApplication::translate("otter::sim", text); };
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(ErrorKind::Io,
                         tr("cannot read the credentials file %1: %2").arg(path, file.errorString()));
    QList<Credential> credentials;
    QSet<QString> seen;
    int lineNumber = 0;
    while (!file.atEnd()) {
        ++lineNumber;
        const QString line = QString::fromUtf8(file.readLine(4096)).trimmed();
        if (line.isEmpty() || (lineNumber == 1 && line == QLatin1StringView("id,token")))
            continue;
        const QStringList fields = line.split(u',');
        if (fields.size() != 2 || fields[0].isEmpty() || fields[1].isEmpty())
            return makeError(
                ErrorKind::InvalidInput,
                tr("%1 line %2: expected \"id,token\" (as otterd device provision prints), got \"%3\"")
                    .arg(path)
                    .arg(lineNumber)
                    .arg(line.left(80)));
        if (seen.contains(fields[0]))
            return makeError(
                ErrorKind::InvalidInput,
                tr("%1 line %2: device %3 is listed twice").arg(path).arg(lineNumber).arg(fields[0]));
        seen.insert(fields[0]);
        credentials.append(Credential{fields[0], fields[1]});
    }
    if (credentials.isEmpty())
        return makeError(ErrorKind::InvalidInput, tr("%1 lists no device credentials").arg(path));
    return credentials;
}

} // namespace otter::sim
