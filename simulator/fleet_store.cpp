// The fleet's flash in one SQLite file, through the sqlite3 C API.
#include "simulator/fleet_store.h"

#include <QCoreApplication>

#include <sqlite3.h>

namespace otter::sim {

namespace {

constexpr int SchemaVersion = 1;

constexpr const char *Schema = R"(
CREATE TABLE IF NOT EXISTS devices(
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  token TEXT NOT NULL,
  hardware_class TEXT NOT NULL,
  region TEXT NOT NULL,
  labels TEXT NOT NULL,
  a_version TEXT NOT NULL, a_svn INTEGER NOT NULL, a_sha256 BLOB, a_valid INTEGER NOT NULL,
  b_version TEXT NOT NULL, b_svn INTEGER NOT NULL, b_sha256 BLOB, b_valid INTEGER NOT NULL,
  committed_bank INTEGER NOT NULL CHECK (committed_bank IN (0, 1)),
  trial_bank INTEGER NOT NULL CHECK (trial_bank IN (-1, 0, 1)),
  trial_attempted INTEGER NOT NULL,
  security_counter INTEGER NOT NULL,
  deployment_id TEXT NOT NULL,
  phase TEXT NOT NULL,
  outcome INTEGER NOT NULL,
  outcome_error INTEGER NOT NULL,
  suspended_step INTEGER NOT NULL,
  running_bank INTEGER NOT NULL CHECK (running_bank IN (0, 1))
);
)";

constexpr const char *Upsert = R"(
INSERT INTO devices(id, token, hardware_class, region, labels,
  a_version, a_svn, a_sha256, a_valid, b_version, b_svn, b_sha256, b_valid,
  committed_bank, trial_bank, trial_attempted, security_counter, deployment_id, phase, outcome, outcome_error,
  suspended_step, running_bank)
VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23)
ON CONFLICT(id) DO UPDATE SET token = excluded.token, hardware_class = excluded.hardware_class,
  region = excluded.region, labels = excluded.labels,
  a_version = excluded.a_version, a_svn = excluded.a_svn, a_sha256 = excluded.a_sha256, a_valid = excluded.a_valid,
  b_version = excluded.b_version, b_svn = excluded.b_svn, b_sha256 = excluded.b_sha256, b_valid = excluded.b_valid,
  committed_bank = excluded.committed_bank, trial_bank = excluded.trial_bank,
  trial_attempted = excluded.trial_attempted, security_counter = excluded.security_counter,
  deployment_id = excluded.deployment_id, phase = excluded.phase, outcome = excluded.outcome,
  outcome_error = excluded.outcome_error, suspended_step = excluded.suspended_step,
  running_bank = excluded.running_bank
)";

constexpr const char *Select = R"(
SELECT id, token, hardware_class, region, labels,
  a_version, a_svn, a_sha256, a_valid, b_version, b_svn, b_sha256, b_valid,
  committed_bank, trial_bank, trial_attempted, security_counter, deployment_id, phase, outcome, outcome_error,
  suspended_step, running_bank
FROM devices ORDER BY seq
)";

struct Statement
{
    sqlite3_stmt *stmt = nullptr;
    ~Statement() { sqlite3_finalize(stmt); }
};

QString text(sqlite3_stmt *stmt, int column)
{
    const auto *bytes = reinterpret_cast<const char *>(sqlite3_column_text(stmt, column));
    return QString::fromUtf8(bytes, sqlite3_column_bytes(stmt, column));
}

QByteArray blob(sqlite3_stmt *stmt, int column)
{
    const auto *bytes = static_cast<const char *>(sqlite3_column_blob(stmt, column));
    return QByteArray(bytes, sqlite3_column_bytes(stmt, column));
}

void bindText(sqlite3_stmt *stmt, int index, const QString &value)
{
    const QByteArray utf8 = value.toUtf8();
    sqlite3_bind_text(stmt, index, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
}

Phase phaseFromName(const QString &name)
{
    for (int i = 0; i < PhaseCount; ++i) {
        if (name == QLatin1StringView(phaseName(Phase(i))))
            return Phase(i);
    }
    return Phase::Idle;
}

} // namespace

FleetStore::~FleetStore()
{
    sqlite3_close(m_db);
}

Error FleetStore::sqliteError(const QString &what) const
{
    return makeError(ErrorKind::Io, QCoreApplication::translate("otter::sim", "state file %1: %2: %3")
                                        .arg(m_path, what, QString::fromUtf8(sqlite3_errmsg(m_db))));
}

Result<void> FleetStore::exec(const char *sql)
{
    char *message = nullptr;
    if (sqlite3_exec(m_db, sql, nullptr, nullptr, &message) != SQLITE_OK) {
        const QString text = QString::fromUtf8(message);
        sqlite3_free(message);
        return makeError(ErrorKind::Io,
                         QCoreApplication::translate("otter::sim", "state file %1: %2").arg(m_path, text));
    }
    return {};
}

Result<void> FleetStore::open(const QString &path)
{
    m_path = path;
    if (sqlite3_open_v2(path.toUtf8().constData(), &m_db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                        nullptr) != SQLITE_OK)
        return sqliteError(QCoreApplication::translate("otter::sim", "cannot open"));
    sqlite3_busy_timeout(m_db, 10000);
    if (auto ok = exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"); !ok)
        return ok;
    Statement version;
    sqlite3_prepare_v2(m_db, "PRAGMA user_version", -1, &version.stmt, nullptr);
    const int stored = sqlite3_step(version.stmt) == SQLITE_ROW ? sqlite3_column_int(version.stmt, 0) : 0;
    if (stored > SchemaVersion)
        return makeError(ErrorKind::InvalidInput,
                         QCoreApplication::translate("otter::sim",
                                                     "state file %1 was written by a newer otter-sim "
                                                     "(schema %2, this one reads %3)")
                             .arg(path)
                             .arg(stored)
                             .arg(SchemaVersion));
    if (auto ok = exec(Schema); !ok)
        return ok;
    return exec("PRAGMA user_version = 1");
}

Result<QList<DeviceState>> FleetStore::load()
{
    Statement select;
    if (sqlite3_prepare_v2(m_db, Select, -1, &select.stmt, nullptr) != SQLITE_OK)
        return sqliteError(QStringLiteral("load"));
    QList<DeviceState> devices;
    int rc;
    while ((rc = sqlite3_step(select.stmt)) == SQLITE_ROW) {
        sqlite3_stmt *s = select.stmt;
        DeviceState device;
        device.id = text(s, 0);
        device.token = text(s, 1);
        device.hardwareClass = text(s, 2);
        device.region = text(s, 3);
        device.labels = text(s, 4);
        for (int bank = 0; bank < 2; ++bank) {
            const int column = 5 + bank * 4;
            device.banks[bank].version = text(s, column);
            device.banks[bank].securityVersion = quint64(sqlite3_column_int64(s, column + 1));
            device.banks[bank].sha256 = blob(s, column + 2);
            device.banks[bank].valid = sqlite3_column_int(s, column + 3) != 0;
        }
        device.committedBank = quint8(sqlite3_column_int(s, 13));
        device.trialBank = qint8(sqlite3_column_int(s, 14));
        device.trialAttempted = sqlite3_column_int(s, 15) != 0;
        device.securityCounter = quint64(sqlite3_column_int64(s, 16));
        device.deploymentId = text(s, 17);
        device.phase = phaseFromName(text(s, 18));
        device.outcome = v1::DeploymentState(sqlite3_column_int(s, 19));
        device.outcomeError = v1::DeploymentError(sqlite3_column_int(s, 20));
        device.suspendedStep = qint8(sqlite3_column_int(s, 21));
        device.runningBank = quint8(sqlite3_column_int(s, 22));
        devices.append(std::move(device));
    }
    if (rc != SQLITE_DONE)
        return sqliteError(QStringLiteral("load"));
    return devices;
}

Result<void> FleetStore::save(const std::vector<const DeviceState *> &devices)
{
    if (devices.empty())
        return {};
    if (auto ok = exec("BEGIN IMMEDIATE"); !ok)
        return ok;
    Statement upsert;
    if (sqlite3_prepare_v2(m_db, Upsert, -1, &upsert.stmt, nullptr) != SQLITE_OK) {
        const Error error = sqliteError(QStringLiteral("save"));
        (void)exec("ROLLBACK"); // the first error is the one worth reporting
        return error;
    }
    sqlite3_stmt *s = upsert.stmt;
    for (const DeviceState *device : devices) {
        sqlite3_reset(s);
        bindText(s, 1, device->id);
        bindText(s, 2, device->token);
        bindText(s, 3, device->hardwareClass);
        bindText(s, 4, device->region);
        bindText(s, 5, device->labels);
        for (int bank = 0; bank < 2; ++bank) {
            const int index = 6 + bank * 4;
            const Bank &b = device->banks[bank];
            bindText(s, index, b.version);
            sqlite3_bind_int64(s, index + 1, sqlite3_int64(b.securityVersion));
            sqlite3_bind_blob(s, index + 2, b.sha256.constData(), int(b.sha256.size()), SQLITE_TRANSIENT);
            sqlite3_bind_int(s, index + 3, b.valid ? 1 : 0);
        }
        sqlite3_bind_int(s, 14, device->committedBank);
        sqlite3_bind_int(s, 15, device->trialBank);
        sqlite3_bind_int(s, 16, device->trialAttempted ? 1 : 0);
        sqlite3_bind_int64(s, 17, sqlite3_int64(device->securityCounter));
        bindText(s, 18, device->deploymentId);
        bindText(s, 19, QString::fromLatin1(phaseName(device->phase)));
        sqlite3_bind_int(s, 20, int(device->outcome));
        sqlite3_bind_int(s, 21, int(device->outcomeError));
        sqlite3_bind_int(s, 22, device->suspendedStep);
        sqlite3_bind_int(s, 23, device->runningBank);
        if (sqlite3_step(s) != SQLITE_DONE) {
            const Error error = sqliteError(QStringLiteral("save %1").arg(device->id));
            (void)exec("ROLLBACK"); // the first error is the one worth reporting
            return error;
        }
    }
    return exec("COMMIT");
}

} // namespace otter::sim
