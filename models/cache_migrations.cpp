// Schema of the console's offline cache.
#include "models/cache_migrations.h"

using namespace Qt::StringLiterals;

namespace otter::models {

const QList<QStringList> &cacheMigrations()
{
    static const QList<QStringList> migrations{
        {
            // revision and synced_at: the sync cursor and when it last advanced.
            u"CREATE TABLE meta (key TEXT PRIMARY KEY, value) WITHOUT ROWID"_s,
            // Columns follow core/filter_sql_compiler.h so device filters run as SQL here exactly as on the
            // server: NOT NULL text, version_key = semverSortKey(firmware_version), busy 0/1, labels JSON or
            // NULL, state in lower case as filters name it. last_seen is 0 for "never" so that keyset paging
            // compares no NULLs.
            uR"(CREATE TABLE devices (
                  id                    TEXT PRIMARY KEY,
                  hardware_class        TEXT NOT NULL,
                  region                TEXT NOT NULL,
                  labels                TEXT,
                  firmware_version      TEXT NOT NULL,
                  version_key           TEXT NOT NULL,
                  security_version      INTEGER NOT NULL,
                  bank                  TEXT NOT NULL,
                  inactive_bank_version TEXT NOT NULL,
                  state                 TEXT NOT NULL,
                  last_seen             INTEGER NOT NULL,
                  busy                  INTEGER NOT NULL CHECK (busy IN (0, 1)),
                  current_deployment_id TEXT NOT NULL,
                  revision              INTEGER NOT NULL
                ) WITHOUT ROWID)"_s,
            // One index per sortable column, ending in id: keyset paging continues at (value, id).
            u"CREATE INDEX devices_by_class ON devices (hardware_class, id)"_s,
            u"CREATE INDEX devices_by_region ON devices (region, id)"_s,
            u"CREATE INDEX devices_by_version ON devices (version_key, id)"_s,
            u"CREATE INDEX devices_by_security_version ON devices (security_version, id)"_s,
            u"CREATE INDEX devices_by_bank ON devices (bank, id)"_s,
            u"CREATE INDEX devices_by_state ON devices (state, id)"_s,
            u"CREATE INDEX devices_by_last_seen ON devices (last_seen, id)"_s,
            u"CREATE INDEX devices_by_busy ON devices (busy, id)"_s,
            // Small objects are kept whole as records_json.h writes them, beside the columns lists sort by.
            u"CREATE TABLE groups (id TEXT PRIMARY KEY, name TEXT NOT NULL, revision INTEGER NOT NULL, "
            u"body TEXT NOT NULL) WITHOUT ROWID"_s,
            u"CREATE TABLE windows (id TEXT PRIMARY KEY, name TEXT NOT NULL, revision INTEGER NOT NULL, "
            u"body TEXT NOT NULL) WITHOUT ROWID"_s,
            u"CREATE TABLE releases (id TEXT PRIMARY KEY, version_key TEXT NOT NULL, "
            u"revision INTEGER NOT NULL, body TEXT NOT NULL) WITHOUT ROWID"_s,
            u"CREATE TABLE trusted_keys (id TEXT PRIMARY KEY, name TEXT NOT NULL, revision INTEGER NOT NULL, "
            u"body TEXT NOT NULL) WITHOUT ROWID"_s,
            u"CREATE TABLE rollouts (id TEXT PRIMARY KEY, name TEXT NOT NULL, state TEXT NOT NULL, "
            u"revision INTEGER NOT NULL, body TEXT NOT NULL) WITHOUT ROWID"_s,
            uR"(CREATE TABLE audit (
                  seq       INTEGER PRIMARY KEY,
                  time      INTEGER NOT NULL,
                  actor     TEXT NOT NULL,
                  action    TEXT NOT NULL,
                  object    TEXT NOT NULL,
                  details   TEXT NOT NULL,
                  prev_hash TEXT NOT NULL,
                  hash      TEXT NOT NULL,
                  revision  INTEGER NOT NULL
                ))"_s,
            // Drafts waiting to be sent, in the order they are replayed (id).
            uR"(CREATE TABLE outbox (
                  id             INTEGER PRIMARY KEY AUTOINCREMENT,
                  kind           TEXT NOT NULL CHECK (kind IN ('group', 'window', 'rollout')),
                  operation      TEXT NOT NULL CHECK (operation IN ('create', 'update', 'delete')),
                  object_id      TEXT NOT NULL CHECK (object_id <> ''),
                  base_revision  INTEGER NOT NULL,
                  payload        TEXT NOT NULL,
                  state          TEXT NOT NULL DEFAULT 'queued'
                                 CHECK (state IN ('queued', 'conflict', 'rejected')),
                  error          TEXT NOT NULL DEFAULT '',
                  server_payload TEXT,
                  created_at     INTEGER NOT NULL
                ))"_s,
            u"CREATE UNIQUE INDEX outbox_by_object ON outbox (kind, object_id)"_s,
        },
    };
    return migrations;
}

} // namespace otter::models
