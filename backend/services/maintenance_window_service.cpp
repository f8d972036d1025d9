// MaintenanceWindowService: not implemented yet; every RPC answers UNIMPLEMENTED.
#include "backend/services/services.h"
#include "otter/v1/windows.grpc.pb.h"

namespace otter::backend {

std::unique_ptr<grpc::Service> makeMaintenanceWindowService(ServiceContext &)
{
    return std::make_unique<v1::MaintenanceWindowService::CallbackService>();
}

} // namespace otter::backend
