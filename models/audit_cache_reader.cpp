// AuditCacheReader: forward-only queries over the audit table.
#include "models/audit_cache_reader.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace otter::models {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("otter::models::AuditCacheReader", text);
}

} // namespace

AuditCacheReader::AuditCacheReader(const CacheDatabase &database)
    : m_database(database)
    , m_query(database.connection())
{}

Result<void> AuditCacheReader::open(const AuditFilter &filter, qint64 afterSeq)
{
    const AuditFilter::Sql sql = filter.toSql();
    m_query.setForwardOnly(true);
    m_error.clear();
    const QString text = u"SELECT %1 FROM audit WHERE (%2) AND seq > ? ORDER BY seq ASC"_s.arg(
        QString::fromUtf16(Columns), sql.where);
    if (!m_query.prepare(text))
        return makeError(ErrorKind::Io,
                         describeSqlError(tr("Reading the audit log from the cache"), m_query.lastError()));
    for (const QVariant &param : sql.params)
        m_query.addBindValue(param);
    m_query.addBindValue(afterSeq);
    if (!m_query.exec())
        return makeError(ErrorKind::Io,
                         describeSqlError(tr("Reading the audit log from the cache"), m_query.lastError()));
    return {};
}

std::optional<AuditRecord> AuditCacheReader::next()
{
    if (m_query.next())
        return read(m_query);
    if (m_query.lastError().isValid())
        m_error = describeSqlError(tr("Reading the audit log from the cache"), m_query.lastError());
    m_query.finish();
    return std::nullopt;
}

AuditRecord AuditCacheReader::read(const QSqlQuery &query)
{
    AuditRecord entry;
    entry.seq = query.value(0).toLongLong();
    entry.time = QDateTime::fromMSecsSinceEpoch(query.value(1).toLongLong(), QTimeZone::utc());
    entry.actor = query.value(2).toString();
    entry.action = query.value(3).toString();
    entry.object = query.value(4).toString();
    entry.detailsJson = query.value(5).toString();
    entry.prevHash = query.value(6).toString();
    entry.hash = query.value(7).toString();
    entry.revision = query.value(8).toLongLong();
    return entry;
}

Result<qint64> AuditCacheReader::count(const AuditFilter &filter) const
{
    const AuditFilter::Sql sql = filter.toSql();
    QSqlQuery q(m_database.connection());
    q.setForwardOnly(true);
    q.prepare(u"SELECT COUNT(*) FROM audit WHERE "_s + sql.where);
    for (const QVariant &param : sql.params)
        q.addBindValue(param);
    if (!q.exec() || !q.next())
        return makeError(ErrorKind::Io,
                         describeSqlError(tr("Counting audit entries in the cache"), q.lastError()));
    return q.value(0).toLongLong();
}

Result<std::optional<AuditRecord>> AuditCacheReader::newest() const
{
    QSqlQuery q(m_database.connection());
    q.setForwardOnly(true);
    if (!q.exec(u"SELECT %1 FROM audit ORDER BY seq DESC LIMIT 1"_s.arg(QString::fromUtf16(Columns))))
        return makeError(ErrorKind::Io,
                         describeSqlError(tr("Reading the audit log from the cache"), q.lastError()));
    if (!q.next())
        return std::optional<AuditRecord>();
    return std::optional<AuditRecord>(read(q));
}

QByteArray AuditCacheReader::hashBytes(const QString &hex)
{
    if (hex.size() != kAuditHashSize * 2)
        return {};
    for (QChar c : hex) {
        if (!((c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f')))
            return {};
    }
    return QByteArray::fromHex(hex.toLatin1());
}

AuditEntry AuditCacheReader::toEntry(const AuditRecord &record)
{
    AuditEntry entry;
    entry.seq = record.seq;
    entry.time = record.time;
    entry.actor = record.actor;
    entry.action = record.action;
    entry.object = record.object;
    entry.detailsJson = record.detailsJson.toUtf8();
    entry.prevHash = hashBytes(record.prevHash);
    entry.hash = hashBytes(record.hash);
    return entry;
}

AuditRecord AuditCacheReader::toRecord(const AuditEntry &entry, qint64 revision)
{
    AuditRecord record;
    record.seq = entry.seq;
    record.time = entry.time;
    record.actor = entry.actor;
    record.action = entry.action;
    record.object = entry.object;
    record.detailsJson = QString::fromUtf8(entry.detailsJson);
    record.prevHash = QString::fromLatin1(entry.prevHash.toHex());
    record.hash = QString::fromLatin1(entry.hash.toHex());
    record.revision = revision;
    return record;
}

} // namespace otter::models
