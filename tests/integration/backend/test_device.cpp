// A minimal device for integration tests, speaking the real device API over gRPC.
#include "test_device.h"

#include "core/manifest.h"
#include "core/sha256.h"

#include <chrono>

namespace otter::test {

TestDevice::TestDevice(std::shared_ptr<grpc::Channel> channel, QString id, QString token,
                       QString hardwareClass, QString version, quint64 securityVersion)
    : m_stub(v1::DeviceService::NewStub(channel))
    , m_id(std::move(id))
    , m_token(std::move(token))
    , m_class(std::move(hardwareClass))
    , m_version(std::move(version))
    , m_securityVersion(securityVersion)
{}

std::unique_ptr<grpc::ClientContext> TestDevice::context() const
{
    auto context = std::make_unique<grpc::ClientContext>();
    context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
    // Like a real device, wait for the connection (e.g. while otterd restarts) instead of failing at once.
    context->set_wait_for_ready(true);
    context->AddMetadata("x-otter-device-id", m_id.toStdString());
    context->AddMetadata("x-otter-device-token", m_token.toStdString());
    return context;
}

grpc::Status TestDevice::checkIn(v1::CheckInResponse *response, bool busy)
{
    v1::CheckInRequest request;
    request.set_device_id(m_id.toStdString());
    request.set_hardware_class(m_class.toStdString());
    request.set_firmware_version(m_version.toStdString());
    request.set_security_version(m_securityVersion);
    request.set_active_bank(m_bank);
    request.set_busy(busy);
    return m_stub->CheckIn(context().get(), request, response);
}

grpc::Status TestDevice::report(const QString &deploymentId, v1::DeploymentState from, v1::DeploymentState to,
                                v1::DeploymentError error, v1::ReportStatusResponse *response)
{
    ++m_reports;
    v1::ReportStatusRequest request;
    request.set_deployment_id(deploymentId.toStdString());
    request.set_from_state(from);
    request.set_state(to);
    request.set_error(error);
    v1::ReportStatusResponse ignored;
    return m_stub->ReportStatus(context().get(), request, response ? response : &ignored);
}

grpc::Status TestDevice::download(const QString &deploymentId, quint64 offset, QByteArray &image,
                                  qint64 maxBytes)
{
    v1::DownloadRequest request;
    request.set_deployment_id(deploymentId.toStdString());
    request.set_offset(offset);
    auto ctx = context();
    auto reader = m_stub->Download(ctx.get(), request);
    v1::DownloadResponse chunk;
    qint64 received = 0;
    while (reader->Read(&chunk)) {
        if (chunk.offset() != quint64(image.size()))
            return grpc::Status(grpc::StatusCode::DATA_LOSS, "chunk at an unexpected offset");
        image.append(chunk.data().data(), qsizetype(chunk.data().size()));
        received += qint64(chunk.data().size());
        if (maxBytes > 0 && received >= maxBytes) {
            ctx->TryCancel(); // the connection drops mid-download
            reader->Finish();
            return grpc::Status(grpc::StatusCode::CANCELLED, "dropped");
        }
    }
    return reader->Finish();
}

grpc::Status TestDevice::reportAcknowledged(const QString &deploymentId, v1::DeploymentState from,
                                            v1::DeploymentState to, v1::DeploymentError error)
{
    // A device retries a report until the server answers it: a retry of a report that was applied but
    // whose answer was lost is harmless (reports are idempotent). UNAVAILABLE means the connection broke.
    grpc::Status status;
    for (int attempt = 0; attempt < 5; ++attempt) {
        if (attempt > 0)
            ++m_retriedReports;
        status = report(deploymentId, from, to, error);
        if (status.error_code() != grpc::StatusCode::UNAVAILABLE)
            break;
    }
    if (!status.ok())
        m_lastError = QString::fromStdString(status.error_message());
    return status;
}

v1::DeploymentState TestDevice::step(Outcome outcome)
{
    v1::CheckInResponse response;
    const grpc::Status status = checkIn(&response);
    if (!status.ok()) {
        m_lastError = QString::fromStdString(status.error_message());
        return v1::DEPLOYMENT_STATE_UNSPECIFIED;
    }
    if (!response.has_update())
        return v1::DEPLOYMENT_STATE_UNSPECIFIED;
    const v1::UpdateDirective &update = response.update();
    const QString deployment = QString::fromStdString(update.deployment_id());
    // The directive's state is where the server thinks the deployment stands, so a device that lost
    // contact half-way (or restarted) continues from there.
    v1::DeploymentState state = update.state();
    if (state == v1::DEPLOYMENT_STATE_PENDING) {
        if (!reportAcknowledged(deployment, state, v1::DEPLOYMENT_STATE_DOWNLOADING).ok())
            return state;
        state = v1::DEPLOYMENT_STATE_DOWNLOADING;
    }
    if (state == v1::DEPLOYMENT_STATE_DOWNLOADING) {
        QByteArray image;
        const grpc::Status downloaded = download(deployment, 0, image);
        if (!downloaded.ok()) {
            m_lastError = QString::fromStdString(downloaded.error_message());
            return state;
        }
        auto manifest = Manifest::parse(QByteArray::fromStdString(update.manifest()));
        if (!manifest || Sha256::hash(image) != manifest->imageSha256 ||
            image.size() != manifest->imageSize) {
            reportAcknowledged(deployment, state, v1::DEPLOYMENT_STATE_FAILED,
                               v1::DEPLOYMENT_ERROR_IMAGE_HASH_MISMATCH);
            return v1::DEPLOYMENT_STATE_FAILED;
        }
        if (!reportAcknowledged(deployment, state, v1::DEPLOYMENT_STATE_DOWNLOADED).ok())
            return state;
        state = v1::DEPLOYMENT_STATE_DOWNLOADED;
    }
    if (state == v1::DEPLOYMENT_STATE_DOWNLOADED) {
        if (!update.install_allowed())
            return state; // wait for the window; the next check-in may allow it
        if (!reportAcknowledged(deployment, state, v1::DEPLOYMENT_STATE_INSTALLING).ok())
            return state;
        state = v1::DEPLOYMENT_STATE_INSTALLING;
        // Installing writes the inactive bank: counted each time the server's answer let it begin.
        ++m_installs;
        m_installedDeployment = deployment;
    }
    if (state == v1::DEPLOYMENT_STATE_INSTALLING) {
        if (m_installedDeployment != deployment) {
            // The server took our INSTALLING report but its answer never arrived: install now, once.
            ++m_installs;
            m_installedDeployment = deployment;
        }
        if (outcome == Outcome::FailInstall) {
            reportAcknowledged(deployment, state, v1::DEPLOYMENT_STATE_FAILED,
                               v1::DEPLOYMENT_ERROR_INSTALL_FAILED);
            return v1::DEPLOYMENT_STATE_FAILED;
        }
        if (!reportAcknowledged(deployment, state, v1::DEPLOYMENT_STATE_REBOOTING).ok())
            return state;
        state = v1::DEPLOYMENT_STATE_REBOOTING;
    }
    if (state == v1::DEPLOYMENT_STATE_REBOOTING) {
        if (outcome == Outcome::RollBack) {
            reportAcknowledged(deployment, state, v1::DEPLOYMENT_STATE_ROLLED_BACK,
                               v1::DEPLOYMENT_ERROR_BOOT_FAILED);
            return v1::DEPLOYMENT_STATE_ROLLED_BACK;
        }
        if (!reportAcknowledged(deployment, state, v1::DEPLOYMENT_STATE_SUCCEEDED).ok())
            return state;
        auto manifest = Manifest::parse(QByteArray::fromStdString(update.manifest()));
        m_version = manifest ? manifest->version : m_version;
        m_securityVersion = manifest
                                ? quint64(qMax<qint64>(qint64(m_securityVersion), manifest->securityVersion))
                                : m_securityVersion;
        m_bank = m_bank == v1::BANK_A ? v1::BANK_B : v1::BANK_A;
        v1::CheckInResponse after;
        checkIn(&after); // report the new version at once, as the device API asks
        return v1::DEPLOYMENT_STATE_SUCCEEDED;
    }
    return state;
}

} // namespace otter::test
