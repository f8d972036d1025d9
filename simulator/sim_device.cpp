// One simulated device: check-ins, directives and reports, and the decision what to do next.
// The download lives in sim_device_download.cpp; install, boot and power cuts in sim_device_install.cpp.
#include "simulator/sim_device.h"

#include "simulator/sim_device_parts.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>

namespace otter::sim {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("otter::sim", text);
}

bool transient(grpc::StatusCode code)
{
    switch (code) {
    case grpc::StatusCode::UNAVAILABLE:
    case grpc::StatusCode::DEADLINE_EXCEEDED:
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
    case grpc::StatusCode::INTERNAL:
    case grpc::StatusCode::UNKNOWN:
    case grpc::StatusCode::CANCELLED:
    case grpc::StatusCode::ABORTED:
        return true;
    default:
        return false;
    }
}

} // namespace

SimDevice::SimDevice(DeviceState state, const DeviceConfig *config)
    : m_state(std::move(state))
    , m_config(config)
    , m_random(config->seed ^ (quint64(qHash(m_state.id)) * 0x9e3779b97f4a7c15ULL))
    , m_checkInMs(config->defaultCheckInMs)
    , m_runningBank(m_state.committedBank)
{
    const qint64 skew = qint64(m_config->faults.clockSkewSeconds) * 1000;
    if (skew > 0)
        m_clockSkewMs = qint64(m_random.below(quint64(2 * skew + 1))) - skew;
}

SimDevice::~SimDevice() = default;
SimDevice::SimDevice(SimDevice &&) noexcept = default;
SimDevice &SimDevice::operator=(SimDevice &&) noexcept = default;

qint64 SimDevice::scaled(qint64 deviceMs) const
{
    return qint64(double(deviceMs) / m_config->timeScale);
}

qint64 SimDevice::jittered(qint64 deviceMs)
{
    // ±25 % spreads a fleet that started together, so check-ins do not arrive in waves.
    return qint64(double(deviceMs) * (0.75 + 0.5 * m_random.uniform()));
}

void SimDevice::schedule(ActionKind kind, qint64 dueMs)
{
    m_next = kind;
    m_due = dueMs;
}

void SimDevice::scheduleCheckIn(qint64 nowMs, qint64 deviceMs)
{
    schedule(ActionKind::CheckIn, nowMs + scaled(jittered(deviceMs)));
}

v1::CheckInRequest SimDevice::checkInRequest(qint64 nowMs)
{
    if (m_state.phase == Phase::Idle && !busy(nowMs) && m_random.chance(m_config->faults.busy))
        m_busyUntilMs = nowMs + scaled(m_checkInMs * qint64(1 + m_random.below(3)));
    v1::CheckInRequest request;
    request.set_device_id(m_state.id.toStdString());
    request.set_hardware_class(m_state.hardwareClass.toStdString());
    request.set_firmware_version(runningVersion().toStdString());
    request.set_security_version(m_state.securityCounter);
    request.set_active_bank(m_runningBank == 0 ? v1::BANK_A : v1::BANK_B);
    const Bank &other = m_state.banks[1 - m_runningBank];
    if (other.valid)
        request.set_inactive_bank_version(other.version.toStdString());
    request.set_busy(busy(nowMs));
    if (!m_state.region.isEmpty())
        request.set_region(m_state.region.toStdString());
    for (const QString &pair : m_state.labels.split(u';', Qt::SkipEmptyParts)) {
        const qsizetype eq = pair.indexOf(u'=');
        if (eq > 0)
            (*request.mutable_labels())[pair.left(eq).toStdString()] = pair.mid(eq + 1).toStdString();
    }
    return request;
}

void SimDevice::onCheckIn(const v1::CheckInResponse &response, qint64 nowMs)
{
    m_callFailures = 0;
    ++m_checkIns;
    if (response.has_next_check_in() && response.next_check_in().seconds() > 0)
        m_checkInMs = response.next_check_in().seconds() * 1000 + response.next_check_in().nanos() / 1000000;
    if (response.has_cancel()) {
        // Only work not yet installing can be cancelled; the server sends no cancel after INSTALLING.
        if (m_state.phase == Phase::Downloading || m_state.phase == Phase::Downloaded)
            discardDeployment();
        scheduleCheckIn(nowMs, m_checkInMs);
        return;
    }
    if (!response.has_update()) {
        // Nothing under way on the server: whatever the device still held is over there.
        if (m_state.phase == Phase::Downloading || m_state.phase == Phase::Downloaded ||
            m_state.phase == Phase::Finishing)
            discardDeployment();
        scheduleCheckIn(nowMs, m_checkInMs);
        return;
    }
    const v1::UpdateDirective &update = response.update();
    if (QString::fromStdString(update.deployment_id()) != m_state.deploymentId ||
        m_state.phase == Phase::Idle)
        startDeployment(update);
    if (!m_directive) {
        m_directive = std::make_unique<Directive>();
        m_directive->manifest = QByteArray::fromStdString(update.manifest());
        for (const v1::ManifestSignature &signature : update.signatures())
            m_directive->signatures.append(BundleSignature{QString::fromStdString(signature.key_id()),
                                                           QByteArray::fromStdString(signature.signature())});
        m_directive->imageSize = update.image_size();
        m_directive->chunkSize = update.chunk_size();
    }
    m_serverState = update.state();
    m_installAllowed = update.install_allowed();
    if (m_state.phase == Phase::Installing || m_state.phase == Phase::Rebooting) {
        if (m_step != LocalStep::None)
            return; // local work is under way
        if (m_state.phase == Phase::Installing && m_state.trialBank < 0) {
            beginInstall(nowMs); // the server took our INSTALLING report; the answer was lost
        } else if (m_serverState == v1::DEPLOYMENT_STATE_REBOOTING) {
            m_state.phase = Phase::Rebooting;
            m_step = LocalStep::Reboot;
            schedule(ActionKind::Local, nowMs + scaled(m_config->rebootMs / 2));
        } else {
            report(v1::DEPLOYMENT_STATE_REBOOTING, nowMs); // armed; REBOOTING not yet acknowledged
        }
        return;
    }
    decide(nowMs);
    if (m_next == ActionKind::CheckIn && !m_installAllowed && update.has_install_window_opens() &&
        response.has_server_time()) {
        // Wait for the window on the server's clock: this device's own clock may be off.
        const qint64 untilOpen =
            (update.install_window_opens().seconds() - response.server_time().seconds()) * 1000;
        if (untilOpen > 0 && scaled(untilOpen) < m_due - nowMs)
            schedule(ActionKind::CheckIn, nowMs + scaled(untilOpen) + 1);
    }
}

void SimDevice::onCheckInFailed(grpc::StatusCode, qint64 nowMs)
{
    ++m_callFailures;
    scheduleCheckIn(nowMs, qMin(m_config->retryMs * qMin(m_callFailures, 8), m_checkInMs));
}

void SimDevice::startDeployment(const v1::UpdateDirective &update)
{
    discardDeployment();
    m_state.deploymentId = QString::fromStdString(update.deployment_id());
    m_state.phase = Phase::Downloading;
    m_state.trialAttempted = false;
    m_dirty = true;
}

void SimDevice::discardDeployment()
{
    if (m_state.phase == Phase::Downloading || m_state.phase == Phase::Downloaded)
        m_state.banks[m_state.inactiveBank()].valid = false; // partly written or never installed
    m_state.deploymentId.clear();
    m_state.phase = Phase::Idle;
    m_state.outcome = v1::DEPLOYMENT_STATE_UNSPECIFIED;
    m_state.outcomeError = v1::DEPLOYMENT_ERROR_UNSPECIFIED;
    m_directive.reset();
    m_download.reset();
    m_serverState = v1::DEPLOYMENT_STATE_UNSPECIFIED;
    m_reportTo = v1::DEPLOYMENT_STATE_UNSPECIFIED;
    m_reportDetail.clear();
    m_step = LocalStep::None;
    m_dirty = true;
}

void SimDevice::report(v1::DeploymentState to, qint64 nowMs, v1::DeploymentError error)
{
    m_reportTo = to;
    m_reportError = error;
    schedule(ActionKind::Report, nowMs);
}

v1::ReportStatusRequest SimDevice::reportRequest() const
{
    v1::ReportStatusRequest request;
    request.set_deployment_id(m_state.deploymentId.toStdString());
    request.set_from_state(m_serverState);
    request.set_state(m_reportTo);
    request.set_error(m_reportError);
    if (m_reportTo == m_state.outcome) // the detail explains the outcome, not the steps before it
        request.set_detail(m_reportDetail.left(1024).toStdString());
    return request;
}

void SimDevice::onReportDone(grpc::StatusCode code, const v1::ReportStatusResponse &, qint64 nowMs)
{
    if (code != grpc::StatusCode::OK) {
        if (transient(code)) {
            // Reports are idempotent: repeat until the server answers.
            ++m_callFailures;
            schedule(ActionKind::Report, nowMs + scaled(m_config->retryMs * qMin(m_callFailures, 8)));
        } else {
            // Refused (wrong state, cancelled, window closed): the next directive says where we stand.
            m_reportTo = v1::DEPLOYMENT_STATE_UNSPECIFIED;
            m_serverState = v1::DEPLOYMENT_STATE_UNSPECIFIED;
            scheduleCheckIn(nowMs, m_config->retryMs);
        }
        return;
    }
    m_callFailures = 0;
    const v1::DeploymentState to = m_reportTo;
    m_serverState = to;
    m_reportTo = v1::DEPLOYMENT_STATE_UNSPECIFIED;
    switch (to) {
    case v1::DEPLOYMENT_STATE_SUCCEEDED:
    case v1::DEPLOYMENT_STATE_ROLLED_BACK:
    case v1::DEPLOYMENT_STATE_FAILED:
        m_lastOutcome = to;
        m_lastError = m_reportError;
        discardDeployment();
        // Check in at once so the inventory shows the version now running.
        schedule(ActionKind::CheckIn, nowMs + 1);
        return;
    case v1::DEPLOYMENT_STATE_INSTALLING:
        if (m_state.phase == Phase::Downloaded) {
            beginInstall(nowMs);
            return;
        }
        break;
    case v1::DEPLOYMENT_STATE_REBOOTING:
        if (m_state.phase == Phase::Installing) {
            m_state.phase = Phase::Rebooting;
            m_step = LocalStep::Reboot;
            m_dirty = true;
            schedule(ActionKind::Local, nowMs + scaled(m_config->rebootMs / 2));
            return;
        }
        break;
    default:
        break;
    }
    decide(nowMs);
}

void SimDevice::decide(qint64 nowMs)
{
    const v1::DeploymentState server = m_serverState;
    if (m_state.phase != Phase::Idle && server == v1::DEPLOYMENT_STATE_UNSPECIFIED) {
        scheduleCheckIn(nowMs, m_config->retryMs); // learn where the server stands first
        return;
    }
    switch (m_state.phase) {
    case Phase::Idle:
    case Phase::Installing:
    case Phase::Rebooting:
        scheduleCheckIn(nowMs, m_checkInMs);
        return;
    case Phase::Downloading:
        if (server == v1::DEPLOYMENT_STATE_PENDING)
            report(v1::DEPLOYMENT_STATE_DOWNLOADING, nowMs);
        else if (server == v1::DEPLOYMENT_STATE_DOWNLOADING)
            startDownload(nowMs);
        else
            finish(v1::DEPLOYMENT_STATE_FAILED, v1::DEPLOYMENT_ERROR_OTHER,
                   tr("the downloaded image was lost before it was installed"), nowMs);
        return;
    case Phase::Downloaded:
        if (server == v1::DEPLOYMENT_STATE_DOWNLOADING)
            report(v1::DEPLOYMENT_STATE_DOWNLOADED, nowMs);
        else if (server == v1::DEPLOYMENT_STATE_DOWNLOADED && m_installAllowed)
            report(v1::DEPLOYMENT_STATE_INSTALLING, nowMs);
        else if (server == v1::DEPLOYMENT_STATE_INSTALLING)
            beginInstall(nowMs);
        else
            scheduleCheckIn(nowMs, m_checkInMs); // waiting for an install directive
        return;
    case Phase::Finishing:
        // SUCCEEDED and ROLLED_BACK come only after REBOOTING: take the arrow in between first.
        if (m_state.outcome != v1::DEPLOYMENT_STATE_FAILED && server == v1::DEPLOYMENT_STATE_INSTALLING)
            report(v1::DEPLOYMENT_STATE_REBOOTING, nowMs);
        else
            report(m_state.outcome, nowMs, m_state.outcomeError);
        return;
    }
}

void SimDevice::finish(v1::DeploymentState outcome, v1::DeploymentError error, const QString &detail,
                       qint64 nowMs)
{
    m_state.phase = Phase::Finishing;
    m_state.outcome = outcome;
    m_state.outcomeError = error;
    m_download.reset();
    m_dirty = true;
    m_reportDetail = detail;
    decide(nowMs);
}

} // namespace otter::sim
