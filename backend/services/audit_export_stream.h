// ExportAudit: a server-streamed export of the audit log that reads one batch from SQLite per message the
// client has taken, so memory stays constant and a slow or cancelled client costs nothing.
#pragma once

#include "backend/services/service_context.h"
#include "backend/storage/audit_queries.h"
#include "otter/v1/audit.pb.h"

#include <grpcpp/grpcpp.h>

namespace otter::backend {

class AuditExportStream final : public grpc::ServerWriteReactor<v1::ExportAuditResponse>
{
public:
    AuditExportStream(ServiceContext &context, grpc::CallbackServerContext *call,
                      const v1::ExportAuditRequest &request);

    void OnWriteDone(bool ok) override;
    void OnDone() override { delete this; }

private:
    void refuse(const QString &actor, const ApiError &error);
    void writeNext();

    ServiceContext &m_context;
    grpc::CallbackServerContext *m_call;
    AuditRange m_range;
    AuditHead m_head;
    v1::ExportAuditResponse m_message;
};

} // namespace otter::backend
