// AuditRawScan: sqlite3_prepare_v2 / sqlite3_step over the audit table, bound with the filter's parameters.
#include "models/audit_raw_scan.h"

#include <QCoreApplication>
#include <QFile>

#include <sqlite3.h>

using namespace Qt::StringLiterals;

namespace otter::models {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("otter::models::AuditRawScan", text);
}

QByteArrayView textColumn(sqlite3_stmt *statement, int column)
{
    const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(statement, column));
    return text ? QByteArrayView(text, sqlite3_column_bytes(statement, column)) : QByteArrayView();
}

void appendDigits(qint64 value, int width, QByteArray &out)
{
    char digits[8];
    for (int i = width - 1; i >= 0; --i) {
        digits[i] = char('0' + value % 10);
        value /= 10;
    }
    out.append(digits, width);
}

} // namespace

void appendAuditTime(qint64 msecsSinceEpoch, QByteArray &out)
{
    // Days since 1970-01-01 to a proleptic Gregorian date, counting in 400-year eras from 0000-03-01 so that
    // the leap day falls at the end of each counted year.
    const qint64 msPerDay = 86400000;
    qint64 days = msecsSinceEpoch / msPerDay;
    qint64 msOfDay = msecsSinceEpoch % msPerDay;
    if (msOfDay < 0) {
        msOfDay += msPerDay;
        --days;
    }
    days += 719468; // 1970-01-01 is day 719468 after 0000-03-01
    const qint64 era = (days >= 0 ? days : days - 146096) / 146097;
    const qint64 dayOfEra = days - era * 146097;
    const qint64 yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
    const qint64 dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    const qint64 shiftedMonth = (5 * dayOfYear + 2) / 153; // 0 = March
    const qint64 day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1;
    const qint64 month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
    const qint64 year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);

    appendDigits(year, 4, out);
    out.append('-');
    appendDigits(month, 2, out);
    out.append('-');
    appendDigits(day, 2, out);
    out.append('T');
    appendDigits(msOfDay / 3600000, 2, out);
    out.append(':');
    appendDigits(msOfDay / 60000 % 60, 2, out);
    out.append(':');
    appendDigits(msOfDay / 1000 % 60, 2, out);
    out.append('.');
    appendDigits(msOfDay % 1000, 3, out);
    out.append('Z');
}

AuditRawScan::~AuditRawScan()
{
    sqlite3_finalize(m_statement);
    sqlite3_close(m_db);
}

QString AuditRawScan::failure(const QString &action) const
{
    return tr("%1 failed: %2").arg(action, QString::fromUtf8(m_db ? sqlite3_errmsg(m_db) : "out of memory"));
}

Result<void> AuditRawScan::open(const QString &cachePath, const AuditFilter &filter)
{
    const QString action = tr("Reading the audit log from the cache %1").arg(cachePath);
    if (sqlite3_open_v2(QFile::encodeName(cachePath).constData(), &m_db, SQLITE_OPEN_READONLY, nullptr) !=
        SQLITE_OK)
        return makeError(ErrorKind::Io, failure(action));
    sqlite3_busy_timeout(m_db, 5000);
    const AuditFilter::Sql sql = filter.toSql();
    const QByteArray text =
        (u"SELECT seq, time, actor, action, object, details, prev_hash, hash FROM audit WHERE "_s +
         sql.where + u" ORDER BY seq"_s)
            .toUtf8();
    if (sqlite3_prepare_v2(m_db, text.constData(), int(text.size()), &m_statement, nullptr) != SQLITE_OK)
        return makeError(ErrorKind::Io, failure(action));
    for (int i = 0; i < sql.params.size(); ++i) {
        const QVariant &param = sql.params.at(i);
        const int rc = param.typeId() == QMetaType::QString
                           ? sqlite3_bind_text(m_statement, i + 1, param.toString().toUtf8().constData(), -1,
                                               SQLITE_TRANSIENT)
                           : sqlite3_bind_int64(m_statement, i + 1, param.toLongLong());
        if (rc != SQLITE_OK)
            return makeError(ErrorKind::Io, failure(action));
    }
    return {};
}

bool AuditRawScan::next(AuditRawRow &row)
{
    if (!m_statement)
        return false;
    const int rc = sqlite3_step(m_statement);
    if (rc == SQLITE_ROW) {
        row.seq = sqlite3_column_int64(m_statement, 0);
        row.timeMs = sqlite3_column_int64(m_statement, 1);
        row.actor = textColumn(m_statement, 2);
        row.action = textColumn(m_statement, 3);
        row.object = textColumn(m_statement, 4);
        row.details = textColumn(m_statement, 5);
        row.prevHash = textColumn(m_statement, 6);
        row.hash = textColumn(m_statement, 7);
        return true;
    }
    if (rc != SQLITE_DONE)
        m_error = failure(tr("Reading the audit log from the cache"));
    sqlite3_finalize(m_statement);
    m_statement = nullptr;
    return false;
}

} // namespace otter::models
