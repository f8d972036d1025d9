// Where the offline cache of one server lives: one SQLite file per server, so that switching servers
// never mixes their fleets and a console started offline opens the last server's data.
#pragma once

#include <QString>

namespace otter::console {

QString cacheDirectory(const QString &configured);
QString cachePathFor(const QString &directory, const QString &serverAddress);

} // namespace otter::console
