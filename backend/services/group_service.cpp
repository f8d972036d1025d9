// GroupService: not implemented yet; every RPC answers UNIMPLEMENTED.
#include "backend/services/services.h"
#include "otter/v1/groups.grpc.pb.h"

namespace otter::backend {

std::unique_ptr<grpc::Service> makeGroupService(ServiceContext &)
{
    return std::make_unique<v1::GroupService::CallbackService>();
}

} // namespace otter::backend
