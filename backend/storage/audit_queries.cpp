// Reading the stored audit log.
#include "backend/storage/audit_queries.h"

#include "core/audit_chain.h"

#include <google/protobuf/util/time_util.h>

namespace otter::backend {
namespace {

using google::protobuf::util::TimeUtil;

// The upper end of a prefix range: "rollout." matches [ "rollout.", "rollout/" ), so an index on the
// column can serve the match, and no LIKE wildcard in a name can widen it.
QString prefixEnd(const QString &prefix)
{
    QString end = prefix;
    end.back() = QChar(char16_t(end.back().unicode() + 1));
    return end;
}

void addMatch(QString &sql, QList<QString> &params, const char *column, const QString &value,
              char16_t prefixMark)
{
    if (value.isEmpty())
        return;
    if (value.endsWith(prefixMark)) {
        sql += QStringLiteral(" AND %1 >= ? AND %1 < ?").arg(QLatin1StringView(column));
        params << value << prefixEnd(value);
    } else {
        sql += QStringLiteral(" AND %1 = ?").arg(QLatin1StringView(column));
        params << value;
    }
}

} // namespace

Result<AuditHead> readAuditHead(SqliteConnection &connection)
{
    auto statement = connection.prepare("SELECT seq, hash, time_ms FROM audit_log ORDER BY seq DESC LIMIT 1");
    if (!statement)
        return statement.error();
    AuditHead head;
    head.hash = AuditChain::genesisPrevHash();
    if (statement->next()) {
        head.seq = statement->int64(0);
        head.hash = statement->blob(1);
        head.timeMs = statement->int64(2);
    } else if (statement->failed()) {
        return statement->error();
    }
    return head;
}

void setChainHead(const AuditHead &head, v1::AuditChainHead *out)
{
    out->set_seq(head.seq);
    out->set_hash(head.hash.toHex().toStdString());
    if (head.timeMs)
        *out->mutable_time() = TimeUtil::MillisecondsToTimestamp(*head.timeMs);
}

void auditEntryFromRow(const SqliteStatement &row, v1::AuditEntry *entry)
{
    entry->set_seq(row.int64(0));
    *entry->mutable_time() = TimeUtil::MillisecondsToTimestamp(row.int64(1));
    entry->set_actor(row.text(2).toStdString());
    entry->set_action(row.text(3).toStdString());
    entry->set_object(row.text(4).toStdString());
    const QByteArray details = row.blob(5);
    entry->set_details_json(details.constData(), size_t(details.size()));
    entry->set_prev_hash(row.blob(6).toHex().toStdString());
    entry->set_hash(row.blob(7).toHex().toStdString());
    entry->set_revision(row.int64(8));
}

AuditEntry chainEntryFromRow(const SqliteStatement &row)
{
    AuditEntry entry;
    entry.seq = row.int64(0);
    entry.time = QDateTime::fromMSecsSinceEpoch(row.int64(1), Qt::UTC);
    entry.actor = row.text(2);
    entry.action = row.text(3);
    entry.object = row.text(4);
    entry.detailsJson = row.blob(5);
    entry.prevHash = row.blob(6);
    entry.hash = row.blob(7);
    return entry;
}

Result<AuditListPage> listAuditEntries(SqliteConnection &connection, const AuditListQuery &query,
                                       std::optional<qint64> afterSeq, int limit, qint64 byteBudget,
                                       google::protobuf::RepeatedPtrField<v1::AuditEntry> *out)
{
    QString sql = QStringLiteral("SELECT seq, time_ms, actor, action, object, details, prev_hash, hash, "
                                 "revision FROM audit_log WHERE 1");
    QList<qint64> numbers;
    // The unary plus keeps SQLite from serving the time range from its index: that would sort the whole
    // remaining range by seq for every page. Times follow seq, so scanning in seq order (or along the
    // actor index) from the cursor and filtering is cheap.
    if (query.startMs) {
        sql += QStringLiteral(" AND +time_ms >= ?");
        numbers << *query.startMs;
    }
    if (query.endMs) {
        sql += QStringLiteral(" AND +time_ms < ?");
        numbers << *query.endMs;
    }
    if (afterSeq) {
        sql += query.newestFirst ? QStringLiteral(" AND seq < ?") : QStringLiteral(" AND seq > ?");
        numbers << *afterSeq;
    }
    QList<QString> texts;
    if (!query.actor.isEmpty()) {
        sql += QStringLiteral(" AND actor = ?");
        texts << query.actor;
    }
    addMatch(sql, texts, "action", query.action, u'.');
    addMatch(sql, texts, "object", query.object, u'/');
    // One row more than the page says whether another page follows.
    sql += query.newestFirst ? QStringLiteral(" ORDER BY seq DESC LIMIT ?")
                             : QStringLiteral(" ORDER BY seq LIMIT ?");

    auto statement = connection.prepareDynamic(sql);
    if (!statement)
        return statement.error();
    int index = 1;
    for (qint64 number : numbers)
        statement->bind(index++, number);
    for (const QString &text : texts)
        statement->bind(index++, text);
    statement->bind(index, qint64(limit) + 1);

    AuditListPage page;
    qint64 bytes = 0;
    while (statement->next()) {
        if (out->size() >= limit || (bytes >= byteBudget && out->size() > 0)) {
            page.more = true;
            break;
        }
        v1::AuditEntry *entry = out->Add();
        auditEntryFromRow(*statement, entry);
        bytes += qint64(entry->ByteSizeLong());
        page.lastSeq = entry->seq();
    }
    if (statement->failed())
        return statement->error();
    return page;
}

Result<int> visitAuditRange(SqliteConnection &connection, const AuditRange &range, int limit,
                            const std::function<bool(const SqliteStatement &row)> &visit)
{
    auto statement = connection.prepare("SELECT seq, time_ms, actor, action, object, details, prev_hash, "
                                        "hash, revision FROM audit_log WHERE seq > ? AND seq <= ? "
                                        "AND time_ms >= ? AND time_ms < ? ORDER BY seq LIMIT ?");
    if (!statement)
        return statement.error();
    statement->bind(1, range.afterSeq)
        .bind(2, range.uptoSeq)
        .bind(3, range.startMs)
        .bind(4, range.endMs)
        .bind(5, qint64(limit));
    int visited = 0;
    while (statement->next()) {
        ++visited;
        if (!visit(*statement))
            break;
    }
    if (statement->failed())
        return statement->error();
    return visited;
}

Result<std::optional<QByteArray>> readAuditHash(SqliteConnection &connection, qint64 seq)
{
    auto statement = connection.prepare("SELECT hash FROM audit_log WHERE seq = ?");
    if (!statement)
        return statement.error();
    statement->bind(1, seq);
    if (statement->next())
        return std::optional(statement->blob(0));
    if (statement->failed())
        return statement->error();
    return std::optional<QByteArray>();
}

} // namespace otter::backend
