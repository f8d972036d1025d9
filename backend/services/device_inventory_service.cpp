// DeviceInventoryService: not implemented yet; every RPC answers UNIMPLEMENTED.
#include "backend/services/services.h"
#include "otter/v1/devices.grpc.pb.h"

namespace otter::backend {

std::unique_ptr<grpc::Service> makeDeviceInventoryService(ServiceContext &)
{
    return std::make_unique<v1::DeviceInventoryService::CallbackService>();
}

} // namespace otter::backend
