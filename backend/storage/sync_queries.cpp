// Reading "everything changed since revision N", merged from every source in (revision, source, key) order.
#include "backend/storage/sync_queries.h"

#include "backend/storage/audit_queries.h"
#include "backend/storage/device_records.h"

#include <array>
#include <optional>

namespace otter::backend {
namespace {

// How a source's rows are keyed after their revision, and so how its lower bound is bound:
//   Text:        (revision, id) > (?1, ?2)
//   Number:      (revision, seq) > (?1, ?2)
//   KindAndText: (revision, kind, id) > (?1, ?2, ?3)
// Row values give SQLite a seek into the revision index; a plain `revision > ?` plus an OR on the key would
// scan every row of the cursor's revision again on each page (a bulk provisioning shares one revision).
enum class KeyShape { Text, Number, KindAndText };

using AppendRow = Result<qint64> (*)(const SqliteStatement &row, v1::GetChangesResponse *out);

struct SourceSpec
{
    ChangeSource source;
    const char *(*sql)();
    KeyShape shape;
    int revisionColumn;
    int keyColumn;       // id, seq, or kind (KindAndText)
    int secondKeyColumn; // id (KindAndText only)
    AppendRow append;
};

const char *deviceSql()
{
    static const QByteArray sql = QByteArray("SELECT ") + DeviceColumns +
                                  " FROM devices WHERE (revision, id) > (?1, ?2) AND revision <= ?3 "
                                  "ORDER BY revision, id LIMIT ?4";
    return sql.constData();
}

const char *groupSql()
{
    return "SELECT id, revision, body FROM groups WHERE (revision, id) > (?1, ?2) AND revision <= ?3 "
           "ORDER BY revision, id LIMIT ?4";
}

const char *windowSql()
{
    return "SELECT id, revision, body FROM maintenance_windows WHERE (revision, id) > (?1, ?2) "
           "AND revision <= ?3 ORDER BY revision, id LIMIT ?4";
}

const char *releaseSql()
{
    return "SELECT id, revision, body FROM releases WHERE (revision, id) > (?1, ?2) AND revision <= ?3 "
           "ORDER BY revision, id LIMIT ?4";
}

const char *trustedKeySql()
{
    return "SELECT id, revision, body FROM trusted_keys WHERE (revision, id) > (?1, ?2) AND revision <= ?3 "
           "ORDER BY revision, id LIMIT ?4";
}

const char *rolloutSql()
{
    return "SELECT id, revision, body FROM rollouts WHERE (revision, id) > (?1, ?2) AND revision <= ?3 "
           "ORDER BY revision, id LIMIT ?4";
}

const char *auditSql()
{
    return "SELECT seq, time_ms, actor, action, object, details, prev_hash, hash, revision FROM audit_log "
           "WHERE (revision, seq) > (?1, ?2) AND revision <= ?3 ORDER BY revision, seq LIMIT ?4";
}

// A deletion is left out when the object was created again (same id) within the sync's window: the client
// gets the new object instead, so one response never holds both for one (kind, id).
const char *deletionSql()
{
    return "SELECT kind, id, revision FROM tombstones AS t WHERE (revision, kind, id) > (?1, ?2, ?3) "
           "AND revision <= ?4 "
           "AND NOT EXISTS (SELECT 1 FROM devices WHERE t.kind = 1 AND id = t.id AND revision <= ?4) "
           "AND NOT EXISTS (SELECT 1 FROM groups WHERE t.kind = 2 AND id = t.id AND revision <= ?4) "
           "AND NOT EXISTS (SELECT 1 FROM maintenance_windows WHERE t.kind = 3 AND id = t.id "
           "AND revision <= ?4) "
           "AND NOT EXISTS (SELECT 1 FROM releases WHERE t.kind = 4 AND id = t.id AND revision <= ?4) "
           "AND NOT EXISTS (SELECT 1 FROM trusted_keys WHERE t.kind = 5 AND id = t.id AND revision <= ?4) "
           "AND NOT EXISTS (SELECT 1 FROM rollouts WHERE t.kind = 6 AND id = t.id AND revision <= ?4) "
           "ORDER BY revision, kind, id LIMIT ?5";
}

Result<qint64> appendDevice(const SqliteStatement &row, v1::GetChangesResponse *out)
{
    v1::Device *device = out->add_devices();
    deviceFromRow(row, device);
    return qint64(device->ByteSizeLong());
}

template<typename Message>
Result<qint64> appendBody(const SqliteStatement &row, Message *message, const char *kind)
{
    const QByteArray body = row.blob(2);
    if (!message->ParseFromArray(body.constData(), int(body.size())))
        return makeError(ErrorKind::Internal,
                         QStringLiteral("the stored %1 %2 cannot be read (its body is damaged)")
                             .arg(QLatin1StringView(kind), row.text(0)));
    message->set_revision(row.int64(1));
    return qint64(message->ByteSizeLong());
}

Result<qint64> appendGroup(const SqliteStatement &row, v1::GetChangesResponse *out)
{
    return appendBody(row, out->add_groups(), "group");
}

Result<qint64> appendWindow(const SqliteStatement &row, v1::GetChangesResponse *out)
{
    return appendBody(row, out->add_maintenance_windows(), "maintenance window");
}

Result<qint64> appendRelease(const SqliteStatement &row, v1::GetChangesResponse *out)
{
    return appendBody(row, out->add_releases(), "release");
}

Result<qint64> appendTrustedKey(const SqliteStatement &row, v1::GetChangesResponse *out)
{
    return appendBody(row, out->add_trusted_keys(), "trusted key");
}

// The stored definition and lifecycle; progress counters are read live (sync.proto).
Result<qint64> appendRollout(const SqliteStatement &row, v1::GetChangesResponse *out)
{
    return appendBody(row, out->add_rollouts(), "rollout");
}

Result<qint64> appendAuditEntry(const SqliteStatement &row, v1::GetChangesResponse *out)
{
    v1::AuditEntry *entry = out->add_audit_entries();
    auditEntryFromRow(row, entry);
    return qint64(entry->ByteSizeLong());
}

Result<qint64> appendDeletion(const SqliteStatement &row, v1::GetChangesResponse *out)
{
    v1::Deletion *deletion = out->add_deletions();
    deletion->set_kind(v1::ObjectKind(row.int64(0)));
    deletion->set_id(row.text(1).toStdString());
    deletion->set_revision(row.int64(2));
    return qint64(deletion->ByteSizeLong());
}

// A new kind of object joins sync with a statement like groupSql(), an append function, a row here (in
// ChangeSource order) and a NOT EXISTS line in deletionSql(); the merge, paging and tokens need nothing else.
constexpr std::array Sources = {
    SourceSpec{ChangeSource::Device, deviceSql, KeyShape::Text, 12, 0, -1, appendDevice},
    SourceSpec{ChangeSource::Group, groupSql, KeyShape::Text, 1, 0, -1, appendGroup},
    SourceSpec{ChangeSource::MaintenanceWindow, windowSql, KeyShape::Text, 1, 0, -1, appendWindow},
    SourceSpec{ChangeSource::Release, releaseSql, KeyShape::Text, 1, 0, -1, appendRelease},
    SourceSpec{ChangeSource::TrustedKey, trustedKeySql, KeyShape::Text, 1, 0, -1, appendTrustedKey},
    SourceSpec{ChangeSource::Rollout, rolloutSql, KeyShape::Text, 1, 0, -1, appendRollout},
    SourceSpec{ChangeSource::AuditEntry, auditSql, KeyShape::Number, 8, 0, -1, appendAuditEntry},
    SourceSpec{ChangeSource::Deletion, deletionSql, KeyShape::KindAndText, 2, 0, 1, appendDeletion},
};
// The merge takes the first source at the lowest revision, so the table must be in ChangeSource order.
constexpr bool sourcesInOrder()
{
    for (size_t i = 0; i < Sources.size(); ++i) {
        if (int(Sources[i].source) != int(i) + 1)
            return false;
    }
    return Sources.size() == size_t(ChangeSource::Deletion);
}
static_assert(sourcesInOrder(), "one source per ChangeSource, in ChangeSource order");

// Where a source continues after `after`, as the row value its statement compares with. Every key is
// non-empty or positive, so ("", 0) sorts before every real key of a revision:
//   sources before the cursor's: revision > r      == (revision, key) > (r + 1, "")
//   the cursor's source:         (revision, key) > (r, key)
//   sources after it:            revision >= r     == (revision, key) > (r, "")
ChangeCursor lowerBound(const SourceSpec &spec, const ChangeWindow &window,
                        const std::optional<ChangeCursor> &after)
{
    if (!after)
        return {window.since + 1, spec.source, 0, QString()};
    if (spec.source < after->source)
        return {after->revision + 1, spec.source, 0, QString()};
    if (spec.source == after->source)
        return *after;
    return {after->revision, spec.source, 0, QString()};
}

struct SourceReader
{
    const SourceSpec *spec = nullptr;
    std::optional<SqliteStatement> statement;
    bool hasRow = false;

    qint64 revision() const { return statement->int64(spec->revisionColumn); }
    ChangeCursor position() const
    {
        ChangeCursor cursor{revision(), spec->source, 0, QString()};
        switch (spec->shape) {
        case KeyShape::Text:
            cursor.text = statement->text(spec->keyColumn);
            break;
        case KeyShape::Number:
            cursor.number = statement->int64(spec->keyColumn);
            break;
        case KeyShape::KindAndText:
            cursor.number = statement->int64(spec->keyColumn);
            cursor.text = statement->text(spec->secondKeyColumn);
            break;
        }
        return cursor;
    }
};

Result<void> open(SourceReader &reader, SqliteConnection &connection, const ChangeWindow &window,
                  const std::optional<ChangeCursor> &after, int limit)
{
    auto statement = connection.prepare(reader.spec->sql());
    if (!statement)
        return statement.error();
    reader.statement.emplace(std::move(statement).value());
    SqliteStatement &query = *reader.statement;
    const ChangeCursor bound = lowerBound(*reader.spec, window, after);
    // One row beyond the page tells whether another page follows.
    const qint64 rows = qint64(limit) + 1;
    switch (reader.spec->shape) {
    case KeyShape::Text:
        query.bind(1, bound.revision).bind(2, bound.text).bind(3, window.upto).bind(4, rows);
        break;
    case KeyShape::Number:
        query.bind(1, bound.revision).bind(2, bound.number).bind(3, window.upto).bind(4, rows);
        break;
    case KeyShape::KindAndText:
        query.bind(1, bound.revision)
            .bind(2, bound.number)
            .bind(3, bound.text)
            .bind(4, window.upto)
            .bind(5, rows);
        break;
    }
    reader.hasRow = query.next();
    if (query.failed())
        return query.error();
    return {};
}

} // namespace

Result<qint64> readStoredRevision(SqliteConnection &connection)
{
    auto statement = connection.prepare("SELECT value FROM meta WHERE key = 'revision'");
    if (!statement)
        return statement.error();
    if (!statement->next())
        return statement->failed()
                   ? statement->error()
                   : makeError(ErrorKind::Internal, QStringLiteral("the database has no revision"));
    return statement->int64(0);
}

Result<qint64> readOldestSyncableRevision(SqliteConnection &)
{
    return qint64(0);
}

Result<ChangePage> readChanges(SqliteConnection &connection, const ChangeWindow &window,
                               const std::optional<ChangeCursor> &after, int limit, qint64 byteBudget,
                               v1::GetChangesResponse *out)
{
    std::array<SourceReader, Sources.size()> readers;
    for (size_t i = 0; i < Sources.size(); ++i) {
        readers[i].spec = &Sources[i];
        if (auto ok = open(readers[i], connection, window, after, limit); !ok)
            return ok.error();
    }

    ChangePage page;
    std::optional<ChangeCursor> last;
    int items = 0;
    qint64 bytes = 0;
    while (true) {
        // Sources are listed in ChangeSource order, so the first one at the lowest revision is next.
        SourceReader *nextReader = nullptr;
        for (SourceReader &reader : readers) {
            if (reader.hasRow && (!nextReader || reader.revision() < nextReader->revision()))
                nextReader = &reader;
        }
        if (!nextReader)
            break;
        if (items >= limit || (bytes >= byteBudget && items > 0)) {
            page.next = last;
            break;
        }
        auto size = nextReader->spec->append(*nextReader->statement, out);
        if (!size)
            return size.error();
        bytes += *size;
        ++items;
        // The key is only needed for the token of the last item; reading it for every row would cost a
        // string conversion per device on a large sync.
        if (items == limit || bytes >= byteBudget)
            last = nextReader->position();
        nextReader->hasRow = nextReader->statement->next();
        if (nextReader->statement->failed())
            return nextReader->statement->error();
    }
    return page;
}

} // namespace otter::backend
