// DeviceService.Download: a server stream of the image from any offset, read from the artifact store in
// chunks as the client consumes them (constant memory), under a cap on concurrent streams.
#pragma once

#include "backend/services/service_context.h"
#include "otter/v1/device_api.grpc.pb.h"

#include <atomic>

namespace otter::backend {

grpc::ServerWriteReactor<v1::DownloadResponse> *startDownload(ServiceContext &context,
                                                              std::atomic<int> &activeDownloads,
                                                              grpc::CallbackServerContext *call,
                                                              const v1::DownloadRequest &request);

} // namespace otter::backend
