// ExportAudit: batches read as the client consumes them, the chain head in the last message.
#include "backend/services/audit_export_stream.h"

#include "backend/services/audit_time_range.h"
#include "backend/services/unary_call.h"

namespace otter::backend {
namespace {

// audit.proto: "batches of up to 1,000".
constexpr int BatchEntries = 1000;

} // namespace

AuditExportStream::AuditExportStream(ServiceContext &context, grpc::CallbackServerContext *call,
                                     const v1::ExportAuditRequest &request)
    : m_context(context)
    , m_call(call)
{
    auto authenticated = context.auth.authenticateOperator(call, v1::ROLE_VIEWER, "ExportAudit");
    if (auto *error = std::get_if<ApiError>(&authenticated)) {
        refuse(QStringLiteral("anonymous"), *error);
        return;
    }
    const Caller caller = std::get<Caller>(authenticated);
    AuditTimeRange times;
    if (auto refused = parseAuditTimeRange(request.has_start_time() ? &request.start_time() : nullptr,
                                           request.has_end_time() ? &request.end_time() : nullptr, &times)) {
        refuse(caller.name, *refused);
        return;
    }
    m_range.startMs = times.startMs.value_or(m_range.startMs);
    m_range.endMs = times.endMs.value_or(m_range.endMs);
    // The export ends at the head as it is now: entries appended while it streams belong to the next one,
    // and the head sent last is exactly what the exported entries lead up to.
    auto head = context.database.read([](SqliteConnection &connection) { return readAuditHead(connection); });
    if (!head) {
        refuse(caller.name, apiError(head.error()));
        return;
    }
    m_head = *head;
    m_range.uptoSeq = m_head.seq;
    writeNext();
}

void AuditExportStream::refuse(const QString &actor, const ApiError &error)
{
    auditRefusal(m_context, actor, "ExportAudit", error);
    Finish(toStatus(m_call, error));
}

void AuditExportStream::writeNext()
{
    m_message.Clear();
    const qint64 byteBudget = m_context.config.maxMessageBytes / 2;
    qint64 bytes = 0;
    bool more = false;
    // One row beyond the batch tells whether this message is the last one.
    auto read = m_context.database.read([&](SqliteConnection &connection) {
        return visitAuditRange(connection, m_range, BatchEntries + 1, [&](const SqliteStatement &row) {
            if (m_message.entries_size() >= BatchEntries ||
                (bytes >= byteBudget && m_message.entries_size() > 0)) {
                more = true;
                return false;
            }
            v1::AuditEntry *entry = m_message.add_entries();
            auditEntryFromRow(row, entry);
            bytes += qint64(entry->ByteSizeLong());
            m_range.afterSeq = entry->seq();
            return true;
        });
    });
    if (!read) {
        Finish(toStatus(m_call, apiError(read.error())));
        return;
    }
    if (more) {
        StartWrite(&m_message);
        return;
    }
    setChainHead(m_head, m_message.mutable_chain_head());
    StartWriteAndFinish(&m_message, grpc::WriteOptions(), grpc::Status::OK);
}

void AuditExportStream::OnWriteDone(bool ok)
{
    if (!ok || m_call->IsCancelled()) {
        // The client cancelled or its deadline passed; what it received is valid on its own.
        Finish(grpc::Status(grpc::StatusCode::CANCELLED, "the export stopped: the client went away"));
        return;
    }
    writeNext();
}

} // namespace otter::backend
