// ApiError: a refusal as the API reports it.
#include "backend/server/api_error.h"

namespace otter::backend {

ApiError apiError(grpc::StatusCode code, const QString &message, v1::ErrorReason reason)
{
    ApiError error{code, message, std::nullopt, QString()};
    if (reason != v1::ERROR_REASON_UNSPECIFIED) {
        error.detail.emplace();
        error.detail->set_reason(reason);
    }
    return error;
}

ApiError apiError(const Error &error)
{
    switch (error.kind) {
    case ErrorKind::InvalidInput:
        return apiError(grpc::StatusCode::INVALID_ARGUMENT, error.message);
    case ErrorKind::Tampered:
        return apiError(grpc::StatusCode::INVALID_ARGUMENT, error.message,
                        v1::ERROR_REASON_SIGNATURE_INVALID);
    case ErrorKind::Untrusted:
        return apiError(grpc::StatusCode::FAILED_PRECONDITION, error.message, v1::ERROR_REASON_KEY_UNKNOWN);
    case ErrorKind::NotFound:
        return apiError(grpc::StatusCode::NOT_FOUND, error.message);
    case ErrorKind::TooLarge:
        return apiError(grpc::StatusCode::RESOURCE_EXHAUSTED, error.message);
    case ErrorKind::Io:
        return apiError(grpc::StatusCode::UNAVAILABLE, error.message);
    case ErrorKind::Internal:
        return apiError(grpc::StatusCode::INTERNAL, error.message);
    }
    return apiError(grpc::StatusCode::INTERNAL, error.message);
}

grpc::Status toStatus(grpc::CallbackServerContext *call, const ApiStatus &status)
{
    if (!status)
        return grpc::Status::OK;
    if (status->detail)
        call->AddTrailingMetadata(ErrorDetailTrailer, status->detail->SerializeAsString());
    return grpc::Status(status->code, status->message.toStdString());
}

} // namespace otter::backend
