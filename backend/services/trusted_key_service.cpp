// TrustedKeyService: not implemented yet; every RPC answers UNIMPLEMENTED.
#include "backend/services/services.h"
#include "otter/v1/keys.grpc.pb.h"

namespace otter::backend {

std::unique_ptr<grpc::Service> makeTrustedKeyService(ServiceContext &)
{
    return std::make_unique<v1::TrustedKeyService::CallbackService>();
}

} // namespace otter::backend
