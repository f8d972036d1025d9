// The numbered schema migrations of otterd's SQLite database.
//
// Conventions: every stored object carries `revision`, the global revision of its last change (see
// common.proto); config-like objects keep their API message serialised in `body` next to the columns that
// queries filter and sort on; deletions leave a tombstone so incremental sync can report them.
#include "backend/storage/migrations.h"

#include "backend/storage/sqlite_connection.h"

#include <array>

namespace otter::backend {
namespace {

const std::array Migrations = {
    // 1: the inventory, releases, configuration and the audit log.
    R"sql(
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO meta (key, value) VALUES ('revision', 0);

CREATE TABLE operators (
  name       TEXT PRIMARY KEY,
  role       INTEGER NOT NULL,
  token_hash BLOB NOT NULL UNIQUE,
  created_at INTEGER NOT NULL
) WITHOUT ROWID;

-- Clustered by id: keyset paging in id order reads the table front to back.
CREATE TABLE devices (
  id                    TEXT PRIMARY KEY,
  token_hash            BLOB NOT NULL,
  hardware_class        TEXT NOT NULL,
  region                TEXT NOT NULL DEFAULT '',
  labels                TEXT NOT NULL DEFAULT '{}',
  firmware_version      TEXT NOT NULL DEFAULT '',
  version_key           TEXT NOT NULL DEFAULT '0', -- semverSortKey(firmware_version)
  security_version      INTEGER NOT NULL DEFAULT 0,
  active_bank           TEXT NOT NULL DEFAULT 'A', -- 'A' or 'B', as filters name banks
  inactive_bank_version TEXT NOT NULL DEFAULT '',
  state                 TEXT NOT NULL DEFAULT 'provisioned', -- deviceStateName(), as filters name states
  busy                  INTEGER NOT NULL DEFAULT 0,
  last_seen             INTEGER, -- milliseconds since the epoch
  current_deployment_id TEXT NOT NULL DEFAULT '',
  provisioned_at        INTEGER NOT NULL,
  revision              INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX devices_by_revision ON devices (revision);
CREATE INDEX devices_by_class ON devices (hardware_class, id);
CREATE INDEX devices_by_region ON devices (region, id);
CREATE INDEX devices_by_version ON devices (version_key, id);
CREATE INDEX devices_by_security_version ON devices (security_version, id);
CREATE INDEX devices_by_state ON devices (state, id);
CREATE INDEX devices_by_last_seen ON devices (last_seen, id);

CREATE TABLE trusted_keys (
  id       TEXT PRIMARY KEY,
  state    INTEGER NOT NULL,
  body     BLOB NOT NULL,
  revision INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX trusted_keys_by_revision ON trusted_keys (revision);

CREATE TABLE releases (
  id               TEXT PRIMARY KEY,
  version_key      TEXT NOT NULL,
  security_version INTEGER NOT NULL,
  hardware_classes TEXT NOT NULL,
  body             BLOB NOT NULL,
  revision         INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX releases_by_revision ON releases (revision);

-- A resumable upload: bytes land in uploads/<id>.part; the row remembers how far they got.
CREATE TABLE upload_sessions (
  id               TEXT PRIMARY KEY,
  owner            TEXT NOT NULL,
  header           BLOB NOT NULL,
  total_size       INTEGER NOT NULL,
  committed_offset INTEGER NOT NULL,
  release_id       TEXT NOT NULL DEFAULT '',
  expires_at       INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE groups (
  id       TEXT PRIMARY KEY,
  body     BLOB NOT NULL,
  revision INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX groups_by_revision ON groups (revision);

CREATE TABLE group_members (
  group_id  TEXT NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
  device_id TEXT NOT NULL,
  PRIMARY KEY (group_id, device_id)
) WITHOUT ROWID;

CREATE TABLE maintenance_windows (
  id       TEXT PRIMARY KEY,
  body     BLOB NOT NULL,
  revision INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX maintenance_windows_by_revision ON maintenance_windows (revision);

CREATE TABLE tombstones (
  kind     INTEGER NOT NULL,
  id       TEXT NOT NULL,
  revision INTEGER NOT NULL,
  PRIMARY KEY (kind, id)
) WITHOUT ROWID;
CREATE INDEX tombstones_by_revision ON tombstones (revision);

CREATE TABLE audit_log (
  seq       INTEGER PRIMARY KEY,
  time_ms   INTEGER NOT NULL,
  actor     TEXT NOT NULL,
  action    TEXT NOT NULL,
  object    TEXT NOT NULL,
  details   TEXT NOT NULL,
  prev_hash BLOB NOT NULL,
  hash      BLOB NOT NULL,
  revision  INTEGER NOT NULL
);
CREATE INDEX audit_log_by_revision ON audit_log (revision);
CREATE INDEX audit_log_by_time ON audit_log (time_ms);
CREATE INDEX audit_log_by_actor ON audit_log (actor, seq);
)sql",
    // 2: rollouts, their per-device deployments, exact counters and event history.
    R"sql(
-- The definition and lifecycle live in `body` (v1::Rollout); the columns are what the engine and the
-- device API query on every check-in.
CREATE TABLE rollouts (
  id            TEXT PRIMARY KEY,
  state         INTEGER NOT NULL,
  release_id    TEXT NOT NULL,
  current_stage INTEGER NOT NULL DEFAULT 0,
  created_at    INTEGER NOT NULL,
  body          BLOB NOT NULL,
  revision      INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX rollouts_by_revision ON rollouts (revision);
CREATE INDEX rollouts_by_state ON rollouts (state);
CREATE INDEX rollouts_by_release ON rollouts (release_id);

-- Engine state that changes with device reports; kept out of `rollouts` so Rollout.revision does not
-- move on every report. Times in milliseconds since the epoch.
CREATE TABLE rollout_runtime (
  rollout_id        TEXT PRIMARY KEY REFERENCES rollouts (id) ON DELETE CASCADE,
  sample_since      INTEGER NOT NULL,
  sample_succeeded  INTEGER NOT NULL DEFAULT 0,
  sample_failed     INTEGER NOT NULL DEFAULT 0,
  stage_started_at  TEXT NOT NULL DEFAULT '[]',
  gate_passed_at    TEXT NOT NULL DEFAULT '[]',
  stage_last_finish TEXT NOT NULL DEFAULT '[]',
  stage_sizes       TEXT NOT NULL DEFAULT '[]',
  event_seq         INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

-- state: v1::DeploymentState numbers. stage: NULL for SKIPPED.
CREATE TABLE deployments (
  id            TEXT PRIMARY KEY,
  rollout_id    TEXT NOT NULL REFERENCES rollouts (id) ON DELETE CASCADE,
  device_id     TEXT NOT NULL,
  stage         INTEGER,
  order_key     INTEGER NOT NULL DEFAULT 0,
  state         INTEGER NOT NULL,
  skip_reason   INTEGER NOT NULL DEFAULT 0,
  error         INTEGER NOT NULL DEFAULT 0,
  detail        TEXT NOT NULL DEFAULT '',
  from_version  TEXT NOT NULL DEFAULT '',
  cancelled     INTEGER NOT NULL DEFAULT 0,
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL,
  finished_at   INTEGER,
  UNIQUE (rollout_id, device_id)
) WITHOUT ROWID;
CREATE INDEX deployments_by_device ON deployments (device_id, state);
CREATE INDEX deployments_by_rollout_stage ON deployments (rollout_id, stage, state);

-- Exact counters per rollout, stage (-1 for SKIPPED) and state, changed in the same transaction as the
-- deployment they count.
CREATE TABLE rollout_counts (
  rollout_id TEXT NOT NULL REFERENCES rollouts (id) ON DELETE CASCADE,
  stage      INTEGER NOT NULL,
  state      INTEGER NOT NULL,
  count      INTEGER NOT NULL,
  PRIMARY KEY (rollout_id, stage, state)
) WITHOUT ROWID;

CREATE TABLE rollout_events (
  rollout_id TEXT NOT NULL REFERENCES rollouts (id) ON DELETE CASCADE,
  seq        INTEGER NOT NULL,
  body       BLOB NOT NULL,
  PRIMARY KEY (rollout_id, seq)
) WITHOUT ROWID;
)sql",
    // 3: names of groups and windows as columns (names are unique and lists are ordered by name), and
    // listing devices by firmware version text (DEVICE_ORDER_BY_FIRMWARE_VERSION compares text, not semver).
    // Name uniqueness is checked inside the write transaction, so the name indexes need not be UNIQUE.
    R"sql(
ALTER TABLE groups ADD COLUMN name TEXT NOT NULL DEFAULT '';
CREATE INDEX groups_by_name ON groups (name, id);
ALTER TABLE maintenance_windows ADD COLUMN name TEXT NOT NULL DEFAULT '';
CREATE INDEX maintenance_windows_by_name ON maintenance_windows (name, id);
CREATE INDEX devices_by_firmware_version ON devices (firmware_version, id);
)sql",
};

} // namespace

int latestSchemaVersion()
{
    return int(Migrations.size());
}

Result<void> migrate(SqliteConnection &connection)
{
    int current = 0;
    {
        auto version = connection.prepare("PRAGMA user_version");
        if (!version)
            return version.error();
        if (version->next())
            current = int(version->int64(0));
    }
    if (current > latestSchemaVersion())
        return makeError(
            ErrorKind::InvalidInput,
            QStringLiteral("the database has schema version %1, newer than this otterd understands "
                           "(%2): upgrade otterd or restore a matching backup")
                .arg(current)
                .arg(latestSchemaVersion()));
    for (int next = current; next < latestSchemaVersion(); ++next) {
        auto transaction = SqliteTransaction::begin(connection);
        if (!transaction)
            return transaction.error();
        if (auto ok = connection.exec(Migrations[size_t(next)]); !ok)
            return makeError(ok.error().kind,
                             QStringLiteral("migration %1 failed: %2").arg(next + 1).arg(ok.error().message));
        const QByteArray setVersion = "PRAGMA user_version = " + QByteArray::number(next + 1);
        if (auto ok = connection.exec(setVersion.constData()); !ok)
            return ok.error();
        if (auto ok = transaction->commit(); !ok)
            return ok.error();
    }
    return {};
}

} // namespace otter::backend
