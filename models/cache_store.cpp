// Applying sync pages to the offline cache in one transaction each.
#include "models/cache_store.h"

#include "core/semver.h"
#include "models/device_row.h"
#include "models/records_json.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace otter::models {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("otter::models::CacheStore", text);
}

QString jsonText(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QString notNull(const QString &text)
{
    return text.isNull() ? u""_s : text;
}

// "INSERT … ON CONFLICT(id) DO UPDATE SET … WHERE excluded.revision >= t.revision" for the given columns.
QString upsertSql(const QString &table, const QStringList &columns)
{
    QStringList marks;
    QStringList updates;
    for (const QString &column : columns) {
        marks.append(u"?"_s);
        if (column != u"id")
            updates.append(u"%1 = excluded.%1"_s.arg(column));
    }
    return u"INSERT INTO %1 (%2) VALUES (%3) ON CONFLICT (id) DO UPDATE SET %4 WHERE excluded.revision >= "
           u"%1.revision"_s.arg(table, columns.join(u", "_s), marks.join(u", "_s), updates.join(u", "_s));
}

QString tableOf(ObjectKind kind)
{
    switch (kind) {
    case ObjectKind::Device:
        return u"devices"_s;
    case ObjectKind::Group:
        return u"groups"_s;
    case ObjectKind::MaintenanceWindow:
        return u"windows"_s;
    case ObjectKind::Release:
        return u"releases"_s;
    case ObjectKind::TrustedKey:
        return u"trusted_keys"_s;
    case ObjectKind::Rollout:
        return u"rollouts"_s;
    }
    return {};
}

// Runs one prepared upsert per record; bindRow binds every column in order.
template<typename Record, typename BindRow>
bool upsertAll(QSqlQuery &query, const QString &sql, const QList<Record> &records, BindRow bindRow)
{
    if (records.isEmpty())
        return true;
    if (!query.prepare(sql))
        return false;
    for (const Record &record : records) {
        bindRow(record);
        if (!query.exec())
            return false;
    }
    return true;
}

} // namespace

CacheStore::CacheStore(CacheDatabase database)
    : m_database(std::move(database))
{}

Result<void> CacheStore::apply(const ChangeBatch &batch)
{
    QSqlDatabase db = m_database.connection();
    const QString action = tr("Storing synced changes in the cache");
    if (!db.isOpen())
        return makeError(ErrorKind::Io, describeSqlError(action, db.lastError()));
    if (!db.transaction())
        return makeError(ErrorKind::Io, describeSqlError(action, db.lastError()));
    QSqlQuery query(db);
    const auto bodyRow = [&query](const QString &id, const QString &sortValue, qint64 revision,
                                  const QJsonObject &body) {
        query.addBindValue(notNull(id));
        query.addBindValue(notNull(sortValue));
        query.addBindValue(revision);
        query.addBindValue(jsonText(body));
    };
    bool ok =
        upsertAll(query, upsertSql(u"devices"_s, DeviceRow::columnList().split(u", "_s)), batch.devices,
                  [&query](const DeviceRecord &device) { DeviceRow::bind(query, device); }) &&
        upsertAll(query, upsertSql(u"groups"_s, {u"id"_s, u"name"_s, u"revision"_s, u"body"_s}), batch.groups,
                  [&](const GroupRecord &group) {
                      bodyRow(group.id, group.name, group.revision, toJson(group));
                  }) &&
        upsertAll(query, upsertSql(u"windows"_s, {u"id"_s, u"name"_s, u"revision"_s, u"body"_s}),
                  batch.windows,
                  [&](const WindowRecord &w) { bodyRow(w.id, w.name, w.revision, toJson(w)); }) &&
        upsertAll(query, upsertSql(u"releases"_s, {u"id"_s, u"version_key"_s, u"revision"_s, u"body"_s}),
                  batch.releases,
                  [&](const ReleaseRecord &r) {
                      bodyRow(r.id, semverSortKey(r.version), r.revision, toJson(r));
                  }) &&
        upsertAll(query, upsertSql(u"trusted_keys"_s, {u"id"_s, u"name"_s, u"revision"_s, u"body"_s}),
                  batch.trustedKeys,
                  [&](const TrustedKeyRecord &k) { bodyRow(k.id, k.name, k.revision, toJson(k)); }) &&
        upsertAll(query, upsertSql(u"rollouts"_s, {u"id"_s, u"name"_s, u"state"_s, u"revision"_s, u"body"_s}),
                  batch.rollouts,
                  [&](const RolloutRecord &r) {
                      query.addBindValue(notNull(r.id));
                      query.addBindValue(notNull(r.name));
                      query.addBindValue(notNull(r.state));
                      query.addBindValue(r.revision);
                      query.addBindValue(jsonText(toJson(r)));
                  }) &&
        upsertAll(
            query,
            u"INSERT OR REPLACE INTO audit (seq, time, actor, action, object, details, prev_hash, hash, "
            u"revision) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"_s,
            batch.auditEntries, [&query](const AuditRecord &a) {
                query.addBindValue(a.seq);
                query.addBindValue(a.time.isValid() ? a.time.toMSecsSinceEpoch() : qint64(0));
                query.addBindValue(notNull(a.actor));
                query.addBindValue(notNull(a.action));
                query.addBindValue(notNull(a.object));
                query.addBindValue(notNull(a.detailsJson));
                query.addBindValue(notNull(a.prevHash));
                query.addBindValue(notNull(a.hash));
                query.addBindValue(a.revision);
            });
    // A deletion removes the copy it supersedes, never one written after it.
    for (auto it = batch.deletions.cbegin(); ok && it != batch.deletions.cend(); ++it) {
        ok = query.prepare(u"DELETE FROM %1 WHERE id = ? AND revision <= ?"_s.arg(tableOf(it->kind)));
        query.addBindValue(notNull(it->id));
        query.addBindValue(it->revision);
        ok = ok && query.exec();
    }
    if (ok && batch.complete) {
        ok = query.prepare(
            u"INSERT OR REPLACE INTO meta (key, value) VALUES ('revision', ?), ('synced_at', ?)"_s);
        query.addBindValue(batch.currentRevision);
        query.addBindValue(QDateTime::currentMSecsSinceEpoch());
        ok = ok && query.exec();
    }
    if (ok && db.commit())
        return {};
    const QString message =
        describeSqlError(action, query.lastError().isValid() ? query.lastError() : db.lastError());
    query.finish();
    db.rollback();
    return makeError(ErrorKind::Io, message);
}

QVariant CacheStore::meta(const QString &key) const
{
    QSqlQuery query(m_database.connection());
    query.prepare(u"SELECT value FROM meta WHERE key = ?"_s);
    query.addBindValue(key);
    if (!query.exec() || !query.next())
        return {};
    return query.value(0);
}

qint64 CacheStore::revision() const
{
    return meta(u"revision"_s).toLongLong();
}

QDateTime CacheStore::syncedAt() const
{
    const QVariant value = meta(u"synced_at"_s);
    if (value.isNull())
        return {};
    return QDateTime::fromMSecsSinceEpoch(value.toLongLong(), QTimeZone::utc());
}

Result<void> CacheStore::reset(Drafts drafts)
{
    QSqlDatabase db = m_database.connection();
    const QString action = tr("Clearing the cache");
    if (!db.transaction())
        return makeError(ErrorKind::Io, describeSqlError(action, db.lastError()));
    QSqlQuery query(db);
    QStringList tables{u"meta"_s,     u"devices"_s,      u"groups"_s,   u"windows"_s,
                       u"releases"_s, u"trusted_keys"_s, u"rollouts"_s, u"audit"_s};
    if (drafts == Drafts::Discard)
        tables.append(u"outbox"_s);
    for (const QString &table : std::as_const(tables)) {
        if (!query.exec(u"DELETE FROM "_s + table)) {
            const QString message = describeSqlError(action, query.lastError());
            query.finish();
            db.rollback();
            return makeError(ErrorKind::Io, message);
        }
    }
    if (!db.commit()) {
        const QString message = describeSqlError(action, db.lastError());
        db.rollback();
        return makeError(ErrorKind::Io, message);
    }
    return {};
}

} // namespace otter::models
