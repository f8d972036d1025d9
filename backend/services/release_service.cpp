// ReleaseService: not implemented yet; every RPC answers UNIMPLEMENTED.
#include "backend/services/services.h"
#include "otter/v1/releases.grpc.pb.h"

namespace otter::backend {

std::unique_ptr<grpc::Service> makeReleaseService(ServiceContext &)
{
    return std::make_unique<v1::ReleaseService::CallbackService>();
}

} // namespace otter::backend
