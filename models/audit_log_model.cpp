// The audit table: SQL filter, keyset pages by seq, new entries inserted at the top, counts off the GUI
// thread.
#include "models/audit_log_model.h"

#include "models/audit_cache_reader.h"
#include "models/background_task.h"

#include <QLocale>
#include <QScopedValueRollback>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace otter::models {

AuditLogModel::AuditLogModel(const CacheDatabase &database, QObject *parent)
    : QAbstractTableModel(parent)
    , m_database(database)
{
    loadFirstPage();
}

AuditLogModel::~AuditLogModel() = default;

int AuditLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int AuditLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AuditLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const AuditRecord &entry = m_rows.at(index.row());
    switch (role) {
    case SeqRole:
        return entry.seq;
    case RecordRole:
        return QVariant::fromValue(entry);
    case Qt::ToolTipRole:
        return entry.detailsJson;
    case Qt::TextAlignmentRole:
        return index.column() == Seq ? QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (index.column()) {
    case Seq:
        return entry.seq;
    case Time:
        return QLocale().toString(entry.time.toLocalTime(), u"yyyy-MM-dd HH:mm:ss"_s);
    case Actor:
        return entry.actor;
    case Action:
        return entry.action;
    case Object:
        return entry.object;
    default:
        return {};
    }
}

QVariant AuditLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Seq:
        return tr("Seq");
    case Time:
        return tr("Time");
    case Actor:
        return tr("Actor");
    case Action:
        return tr("Action");
    case Object:
        return tr("Object");
    default:
        return {};
    }
}

std::optional<QList<AuditRecord>> AuditLogModel::query(qint64 beforeSeq, qint64 afterSeq, int limit)
{
    const AuditFilter::Sql filter = m_filter.toSql();
    // Walks the primary key backwards and stops after `limit` matches: never OFFSET, never a sort.
    QSqlQuery q(m_database.connection());
    q.setForwardOnly(true);
    q.prepare(u"SELECT %1 FROM audit WHERE (%2) AND seq < ? AND seq > ? ORDER BY seq DESC LIMIT ?"_s.arg(
        QString::fromUtf16(AuditCacheReader::Columns), filter.where));
    for (const QVariant &param : filter.params)
        q.addBindValue(param);
    q.addBindValue(beforeSeq);
    q.addBindValue(afterSeq);
    q.addBindValue(limit);
    if (!q.exec()) {
        fail(describeSqlError(tr("Reading the audit log from the cache"), q.lastError()));
        return std::nullopt;
    }
    QList<AuditRecord> rows;
    rows.reserve(qMin(limit, PageSize));
    while (q.next())
        rows.append(AuditCacheReader::read(q));
    m_lastError.clear();
    return rows;
}

void AuditLogModel::fail(const QString &message)
{
    m_lastError = message;
    emit errorOccurred(message);
}

void AuditLogModel::loadFirstPage()
{
    auto rows = query(std::numeric_limits<qint64>::max(), 0, PageSize);
    m_rows = rows ? std::move(*rows) : QList<AuditRecord>();
    m_atEnd = !rows || m_rows.size() < PageSize;
    recount();
}

bool AuditLogModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_atEnd && !m_fetching;
}

void AuditLogModel::fetchMore(const QModelIndex &parent)
{
    if (parent.isValid() || m_atEnd || m_fetching)
        return;
    const QScopedValueRollback fetching(m_fetching, true);
    const qint64 before = m_rows.isEmpty() ? std::numeric_limits<qint64>::max() : m_rows.constLast().seq;
    auto rows = query(before, 0, PageSize);
    if (!rows) {
        m_atEnd = true;
        return;
    }
    m_atEnd = rows->size() < PageSize;
    if (rows->isEmpty())
        return;
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + rows->size() - 1));
    m_rows.append(std::move(*rows));
    endInsertRows();
}

QString AuditLogModel::setFilter(const AuditFilter &filter)
{
    if (const QString problem = filter.problem(); !problem.isEmpty())
        return problem;
    if (filter == m_filter)
        return {};
    const QScopedValueRollback fetching(m_fetching, true);
    beginResetModel();
    m_filter = filter;
    m_matching = -1; // the old count belongs to the old filter
    loadFirstPage();
    endResetModel();
    return {};
}

void AuditLogModel::refresh()
{
    QSqlQuery newest(m_database.connection());
    const qint64 top = m_rows.isEmpty() ? 0 : m_rows.constFirst().seq;
    bool replaced = false;
    if (newest.exec(u"SELECT MAX(seq) FROM audit"_s) && newest.next())
        replaced = newest.value(0).toLongLong() < top;
    newest.finish();
    if (!replaced && !m_rows.isEmpty()) {
        // The cached entry at the top must still be the one shown: a reset cache re-filled past it is new.
        QSqlQuery same(m_database.connection());
        same.prepare(u"SELECT hash FROM audit WHERE seq = ?"_s);
        same.addBindValue(top);
        replaced = !same.exec() || !same.next() || same.value(0).toString() != m_rows.constFirst().hash;
    }
    if (replaced || m_rows.isEmpty()) {
        const QScopedValueRollback fetching(m_fetching, true);
        beginResetModel();
        loadFirstPage();
        endResetModel();
        return;
    }
    auto fresh = query(std::numeric_limits<qint64>::max(), top, PageSize + 1);
    if (!fresh)
        return;
    if (fresh->size() > PageSize) {
        // Many new entries: the fetched tail would be far from the top anyway; start over.
        const QScopedValueRollback fetching(m_fetching, true);
        beginResetModel();
        loadFirstPage();
        endResetModel();
        return;
    }
    if (!fresh->isEmpty()) {
        const QScopedValueRollback fetching(m_fetching, true);
        beginInsertRows({}, 0, int(fresh->size() - 1));
        m_rows = std::move(*fresh) + m_rows;
        endInsertRows();
    }
    recount();
}

void AuditLogModel::recount()
{
    ++m_countGeneration;
    if (m_counting) {
        // One count at a time: a burst of sync pages ends in one more count, not one thread per page.
        m_recountPending = true;
        return;
    }
    startCount();
}

void AuditLogModel::startCount()
{
    const quint64 generation = m_countGeneration;
    auto *task = new BackgroundTask(
        [database = m_database, filter = m_filter](BackgroundTask &) {
            QVariantList counts;
            {
                AuditCacheReader reader(database);
                const auto total = reader.count();
                const auto matching = filter.isEmpty() ? total : reader.count(filter);
                counts = {total ? *total : qint64(-1), matching ? *matching : qint64(-1)};
            }
            database.closeConnection();
            return QVariant(counts);
        },
        this);
    m_counting = task;
    connect(task, &BackgroundTask::finished, this, [this, task, generation](const QVariant &result) {
        task->deleteLater();
        m_counting = nullptr;
        if (m_recountPending) {
            m_recountPending = false;
            startCount();
            return;
        }
        if (generation != m_countGeneration)
            return;
        const QVariantList counts = result.toList();
        m_total = counts.value(0).toLongLong();
        m_matching = counts.value(1).toLongLong();
        emit countsChanged(m_matching, m_total);
    });
    task->start();
}

} // namespace otter::models
