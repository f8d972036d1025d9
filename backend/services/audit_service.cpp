// AuditService: not implemented yet; every RPC answers UNIMPLEMENTED.
#include "backend/services/services.h"
#include "otter/v1/audit.grpc.pb.h"

namespace otter::backend {

std::unique_ptr<grpc::Service> makeAuditService(ServiceContext &)
{
    return std::make_unique<v1::AuditService::CallbackService>();
}

} // namespace otter::backend
