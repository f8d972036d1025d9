// One factory per gRPC service: the server registers what these return; each lives in its own file.
#pragma once

#include "backend/services/service_context.h"

#include <memory>

namespace otter::backend {

std::unique_ptr<grpc::Service> makeIdentityService(ServiceContext &context);
std::unique_ptr<grpc::Service> makeTrustedKeyService(ServiceContext &context);
std::unique_ptr<grpc::Service> makeReleaseService(ServiceContext &context);
std::unique_ptr<grpc::Service> makeDeviceInventoryService(ServiceContext &context);
std::unique_ptr<grpc::Service> makeGroupService(ServiceContext &context);
std::unique_ptr<grpc::Service> makeMaintenanceWindowService(ServiceContext &context);
std::unique_ptr<grpc::Service> makeAuditService(ServiceContext &context);
std::unique_ptr<grpc::Service> makeSyncService(ServiceContext &context);

class RolloutEngine;
std::unique_ptr<grpc::Service> makeRolloutService(ServiceContext &context, RolloutEngine &engine);
std::unique_ptr<grpc::Service> makeDeviceService(ServiceContext &context, RolloutEngine &engine);

} // namespace otter::backend
