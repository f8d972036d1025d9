// IdentityService: who the caller is, and what this server is and allows.
#include "backend/services/services.h"
#include "backend/services/unary_call.h"
#include "otter/v1/identity.grpc.pb.h"
#include "otter_version.h"

#include <google/protobuf/util/time_util.h>

namespace otter::backend {
namespace {

class IdentityService final : public v1::IdentityService::CallbackService
{
public:
    explicit IdentityService(ServiceContext &context)
        : m_context(context)
    {}

    grpc::ServerUnaryReactor *WhoAmI(grpc::CallbackServerContext *call, const v1::WhoAmIRequest *,
                                     v1::WhoAmIResponse *response) override
    {
        return serveUnary(m_context, call, v1::ROLE_VIEWER, "WhoAmI", [&](const Caller &caller) -> ApiStatus {
            response->set_operator_name(caller.name.toStdString());
            response->set_role(caller.role);
            response->set_server_version(OTTER_VERSION);
            *response->mutable_server_time() = google::protobuf::util::TimeUtil::MillisecondsToTimestamp(
                m_context.clock.now().toMSecsSinceEpoch());
            response->set_current_revision(m_context.database.currentRevision());
            v1::ServerLimits *limits = response->mutable_limits();
            limits->set_max_upload_bytes(quint64(m_context.config.maxUploadBytes));
            limits->set_max_upload_chunk_bytes(quint32(m_context.config.maxMessageBytes / 2));
            limits->set_max_page_size(quint32(m_context.config.maxPageSize));
            limits->set_max_message_bytes(quint32(m_context.config.maxMessageBytes));
            // A device that missed three check-ins counts as offline.
            response->mutable_offline_after()->set_seconds(3 * m_context.config.checkInIntervalSeconds);
            return std::nullopt;
        });
    }

private:
    ServiceContext &m_context;
};

} // namespace

std::unique_ptr<grpc::Service> makeIdentityService(ServiceContext &context)
{
    return std::make_unique<IdentityService>(context);
}

} // namespace otter::backend
