// Names the failed release check after otterd's ErrorDetail reason, with the same names the console's
// own pre-upload check uses (core/release_precheck.h), so both panels read alike.
#include "app/client/release_upload_refusal.h"

#include "core/release_precheck.h"

#include <QCoreApplication>

namespace otter::client {

namespace {

std::optional<PrecheckFailure> failureOf(v1::ErrorReason reason)
{
    switch (reason) {
    case v1::ERROR_REASON_BUNDLE_MALFORMED:
        return PrecheckFailure::BundleMalformed;
    case v1::ERROR_REASON_MANIFEST_INVALID:
        return PrecheckFailure::ManifestInvalid;
    case v1::ERROR_REASON_SIGNATURE_INVALID:
        return PrecheckFailure::SignatureInvalid;
    case v1::ERROR_REASON_KEY_UNKNOWN:
        return PrecheckFailure::KeyUnknown;
    case v1::ERROR_REASON_KEY_REVOKED:
        return PrecheckFailure::KeyRevoked;
    case v1::ERROR_REASON_IMAGE_SIZE_MISMATCH:
    case v1::ERROR_REASON_IMAGE_HASH_MISMATCH:
        return PrecheckFailure::ImageMismatch;
    case v1::ERROR_REASON_ALREADY_EXISTS:
        return PrecheckFailure::AlreadyExists;
    case v1::ERROR_REASON_DOWNGRADE:
        return PrecheckFailure::Downgrade;
    default:
        return std::nullopt;
    }
}

} // namespace

UploadRefusal describeUploadRefusal(const CallError &error)
{
    const auto tr = [](const char *text) {
        return QCoreApplication::translate("otter::client::UploadRefusal", text);
    };
    if (!error.detail)
        return {{}, error.message};
    if (error.detail->reason() == v1::ERROR_REASON_UPLOAD_TOO_LARGE)
        return {tr("size limit"), tr("otterd refused the upload at its size limit: %1").arg(error.message)};
    const auto failure = failureOf(error.detail->reason());
    if (!failure)
        return {{}, error.message};
    const QString check = precheckName(*failure);
    return {check, tr("otterd refused the release at the %1 check: %2").arg(check, error.message)};
}

} // namespace otter::client
