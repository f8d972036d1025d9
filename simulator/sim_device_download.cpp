// One simulated device: the image download (chunks through a running hash, resumed after a broken stream)
// and its verification in the order device_api.proto gives: signature, size, hash, class, security version.
#include "simulator/sim_device.h"

#include "core/manifest.h"
#include "core/manifest_signature.h"
#include "simulator/sim_device_parts.h"

#include <QCoreApplication>

namespace otter::sim {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("otter::sim", text);
}

} // namespace

v1::DownloadRequest SimDevice::downloadRequest() const
{
    v1::DownloadRequest request;
    request.set_deployment_id(m_state.deploymentId.toStdString());
    request.set_offset(m_download ? m_download->offset : 0);
    return request;
}

void SimDevice::startDownload(qint64 nowMs)
{
    if (!m_download) {
        m_download = std::make_unique<Download>();
        m_state.banks[m_state.inactiveBank()].valid = false; // about to be overwritten
        m_dirty = true;
        if (m_random.chance(m_config->faults.corruptChunk) && m_directive && m_directive->chunkSize > 0)
            m_download->corruptChunk = qint64(m_random.below(qMax<quint64>(
                1, (m_directive->imageSize + m_directive->chunkSize - 1) / m_directive->chunkSize)));
    }
    schedule(ActionKind::Download, nowMs);
}

ChunkVerdict SimDevice::onChunk(quint64 offset, std::string_view data)
{
    Download *download = m_download.get();
    if (!download || offset != download->offset)
        return ChunkVerdict::Reject; // keep the last good offset; the resumed stream starts there
    if (m_random.chance(m_config->faults.connectionDrop)) {
        download->dropped = true;
        return ChunkVerdict::Drop;
    }
    const quint64 limit = m_directive ? qMax<quint64>(m_directive->imageSize, 1) : 0;
    if (download->offset + data.size() > limit) {
        download->oversized = true; // more than the directive announced: never store it
        return ChunkVerdict::Reject;
    }
    if (download->chunkIndex == download->corruptChunk && !data.empty()) {
        QByteArray copy(data.data(), qsizetype(data.size()));
        copy[copy.size() / 2] = char(copy[copy.size() / 2] ^ 0x10); // a bit flipped on the way to flash
        download->hash.update(copy);
    } else {
        download->hash.update(QByteArrayView(data.data(), qsizetype(data.size())));
    }
    download->offset += data.size();
    ++download->chunkIndex;
    return ChunkVerdict::Continue;
}

void SimDevice::onDownloadDone(grpc::StatusCode code, qint64 nowMs)
{
    if (!m_download) {
        decide(nowMs);
        return;
    }
    if (m_download->oversized) {
        finish(v1::DEPLOYMENT_STATE_FAILED, v1::DEPLOYMENT_ERROR_IMAGE_SIZE_MISMATCH,
               tr("the server sent more bytes than the image size"), nowMs);
        return;
    }
    if (code == grpc::StatusCode::OK && !m_download->dropped) {
        verifyDownload(nowMs);
        return;
    }
    m_download->dropped = false;
    if (code == grpc::StatusCode::OUT_OF_RANGE) {
        m_download = std::make_unique<Download>(); // the server's image is shorter: start over
        schedule(ActionKind::Download, nowMs + scaled(m_config->retryMs));
        return;
    }
    if (code == grpc::StatusCode::RESOURCE_EXHAUSTED) {
        scheduleCheckIn(nowMs, m_checkInMs); // the server's download cap: nothing failed, try later
        return;
    }
    if (code == grpc::StatusCode::FAILED_PRECONDITION || code == grpc::StatusCode::NOT_FOUND) {
        m_serverState = v1::DEPLOYMENT_STATE_UNSPECIFIED;
        scheduleCheckIn(nowMs, m_config->retryMs);
        return;
    }
    if (++m_download->attempts > m_config->maxDownloadAttempts) {
        finish(v1::DEPLOYMENT_STATE_FAILED, v1::DEPLOYMENT_ERROR_DOWNLOAD_FAILED,
               tr("the download broke off %1 times").arg(m_download->attempts), nowMs);
        return;
    }
    // A broken stream: resume from the last good offset, the running hash goes on from there.
    schedule(ActionKind::Download, nowMs + scaled(m_config->retryMs / 3));
}

void SimDevice::verifyDownload(qint64 nowMs)
{
    const QByteArray digest = m_download->hash.finish();
    const quint64 size = m_download->offset;
    using Error = v1::DeploymentError;
    auto fail = [&](Error error, const QString &detail) {
        finish(v1::DEPLOYMENT_STATE_FAILED, error, detail, nowMs);
    };
    auto signers = verifyManifestSignatures(m_directive->manifest, m_directive->signatures, m_config->trust);
    if (!signers)
        return fail(v1::DEPLOYMENT_ERROR_SIGNATURE_INVALID, signers.errorMessage());
    auto manifest = Manifest::parse(m_directive->manifest);
    if (!manifest)
        return fail(v1::DEPLOYMENT_ERROR_OTHER, manifest.errorMessage());
    if (auto signer = checkManifestSigner(*manifest, *signers); !signer)
        return fail(v1::DEPLOYMENT_ERROR_SIGNATURE_INVALID, signer.errorMessage());
    if (qint64(size) != manifest->imageSize)
        return fail(v1::DEPLOYMENT_ERROR_IMAGE_SIZE_MISMATCH,
                    tr("received %1 bytes, the manifest says %2").arg(size).arg(manifest->imageSize));
    if (digest != manifest->imageSha256)
        return fail(v1::DEPLOYMENT_ERROR_IMAGE_HASH_MISMATCH,
                    tr("image SHA-256 %1 differs from the manifest's %2")
                        .arg(toHex(digest), toHex(manifest->imageSha256)));
    if (!manifest->hardwareClasses.contains(m_state.hardwareClass))
        return fail(v1::DEPLOYMENT_ERROR_INCOMPATIBLE_HARDWARE,
                    tr("the release is for %1, this device is %2")
                        .arg(manifest->hardwareClasses.join(QStringLiteral(", ")), m_state.hardwareClass));
    if (quint64(manifest->securityVersion) < m_state.securityCounter)
        return fail(v1::DEPLOYMENT_ERROR_DOWNGRADE_REFUSED,
                    tr("security version %1 is below this device's counter %2")
                        .arg(manifest->securityVersion)
                        .arg(m_state.securityCounter));
    Bank &bank = m_state.banks[m_state.inactiveBank()];
    bank.version = manifest->version;
    bank.securityVersion = quint64(manifest->securityVersion);
    bank.sha256 = digest;
    bank.valid = true;
    m_state.phase = Phase::Downloaded;
    m_download.reset();
    m_dirty = true;
    decide(nowMs);
}

} // namespace otter::sim
