// RolloutService.WatchRollout: a snapshot, then coalesced updates at most every 250 ms until the rollout is
// over (OK), the client cancels, or the server stops (UNAVAILABLE).
#pragma once

#include "backend/services/service_context.h"
#include "otter/v1/rollouts.grpc.pb.h"

namespace otter::backend {

class RolloutEngine;

grpc::ServerWriteReactor<v1::WatchRolloutResponse> *startWatchRollout(ServiceContext &context,
                                                                      RolloutEngine &engine,
                                                                      grpc::CallbackServerContext *call,
                                                                      const v1::WatchRolloutRequest &request);

} // namespace otter::backend
