// AuditCsvWriter: RFC 4180 quoting, written straight into a byte buffer to keep large exports fast.
#include "models/audit_csv_writer.h"

#include "core/audit_chain.h"

namespace otter::models {

AuditCsvWriter::AuditCsvWriter(const QDateTime &syncedAt)
    : m_syncedAt(AuditChain::timeText(syncedAt).toLatin1())
{}

QByteArray AuditCsvWriter::header()
{
    return QByteArrayLiteral("seq,time,actor,action,object,details,prev_hash,hash,synced_at\r\n");
}

void AuditCsvWriter::appendField(QByteArrayView field, QByteArray &out)
{
    bool quote = false;
    for (char c : field) {
        if (c == ',' || c == '"' || c == '\r' || c == '\n') {
            quote = true;
            break;
        }
    }
    if (!quote) {
        out.append(field);
        return;
    }
    out.append('"');
    for (char c : field) {
        if (c == '"')
            out.append('"');
        out.append(c);
    }
    out.append('"');
}

void AuditCsvWriter::appendRow(const AuditRawRow &entry, QByteArray &out) const
{
    out.append(QByteArray::number(entry.seq));
    out.append(',');
    appendAuditTime(entry.timeMs, out);
    for (const QByteArrayView field :
         {entry.actor, entry.action, entry.object, entry.details, entry.prevHash, entry.hash}) {
        out.append(',');
        appendField(field, out);
    }
    out.append(',');
    out.append(m_syncedAt);
    out.append("\r\n", 2);
}

} // namespace otter::models
