// The numbered schema migrations of otterd's SQLite database, applied in order at start.
#pragma once

#include "core/result.h"

namespace otter::backend {

class SqliteConnection;

// Brings the database to the newest schema, one transaction per migration; PRAGMA user_version records
// how far it got. A database newer than this build is refused rather than misread.
Result<void> migrate(SqliteConnection &connection);

int latestSchemaVersion();

} // namespace otter::backend
