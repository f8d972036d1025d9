// SyncService: not implemented yet; every RPC answers UNIMPLEMENTED.
#include "backend/services/services.h"
#include "otter/v1/sync.grpc.pb.h"

namespace otter::backend {

std::unique_ptr<grpc::Service> makeSyncService(ServiceContext &)
{
    return std::make_unique<v1::SyncService::CallbackService>();
}

} // namespace otter::backend
