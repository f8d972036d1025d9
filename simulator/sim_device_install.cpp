// One simulated device: install, the A/B bootloader (committed bank + one-shot trial boot), the health check
// and power cuts at any point of them. Whatever the cut, the bootloader only ever starts a whole bank.
#include "simulator/sim_device.h"

#include "simulator/sim_device_parts.h"

#include <QCoreApplication>

namespace otter::sim {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("otter::sim", text);
}

} // namespace

const char *phaseName(Phase phase)
{
    switch (phase) {
    case Phase::Idle:
        return "idle";
    case Phase::Downloading:
        return "downloading";
    case Phase::Downloaded:
        return "downloaded";
    case Phase::Installing:
        return "installing";
    case Phase::Rebooting:
        return "rebooting";
    case Phase::Finishing:
        return "reporting";
    }
    return "?";
}

bool SimDevice::boot()
{
    // The trial flag is cleared before the jump, so a trial that hangs or loses power is never retried:
    // the next start falls back to the committed bank.
    if (m_state.trialBank >= 0) {
        const quint8 trial = quint8(m_state.trialBank);
        m_state.trialBank = -1;
        m_state.trialAttempted = true;
        m_dirty = true;
        const Bank &bank = m_state.banks[trial];
        if (bank.valid && !m_random.chance(m_config->faults.bootFailureFor(bank.version))) {
            m_runningBank = trial;
            return true;
        }
    }
    m_runningBank = m_state.committedBank;
    return false;
}

void SimDevice::powerOn(qint64 nowMs)
{
    m_directive.reset();
    m_download.reset();
    m_serverState = v1::DEPLOYMENT_STATE_UNSPECIFIED;
    m_reportTo = v1::DEPLOYMENT_STATE_UNSPECIFIED;
    m_step = LocalStep::None;
    m_busyUntilMs = 0;
    const bool trialBooted = boot();
    if (m_state.phase == Phase::Installing || m_state.phase == Phase::Rebooting) {
        afterBoot(trialBooted, nowMs);
        if (m_state.phase == Phase::Rebooting)
            return; // the health check of the new bank runs first
    }
    if (m_state.phase == Phase::Downloading)
        m_state.banks[m_state.inactiveBank()].valid = false; // the partial image is not resumable
    // The agent learns where the server stands before it reports anything.
    scheduleCheckIn(nowMs, m_config->retryMs);
}

void SimDevice::suspend()
{
    m_state.suspendedStep = qint8(m_step);
    m_state.runningBank = m_runningBank;
    m_dirty = true;
}

void SimDevice::resume(qint64 nowMs)
{
    const auto step = LocalStep(m_state.suspendedStep);
    m_state.suspendedStep = -1;
    m_dirty = true;
    m_runningBank = m_state.banks[m_state.runningBank].valid ? m_state.runningBank : m_state.committedBank;
    m_serverState = v1::DEPLOYMENT_STATE_UNSPECIFIED; // calls cut off by the stop: ask where things stand
    m_reportTo = v1::DEPLOYMENT_STATE_UNSPECIFIED;
    m_step = step;
    if (m_state.phase == Phase::Downloading)
        m_state.banks[m_state.inactiveBank()].valid = false; // the running hash is gone: start over
    if (step != LocalStep::None)
        schedule(ActionKind::Local, nowMs);
    else
        scheduleCheckIn(nowMs, m_config->retryMs);
}

void SimDevice::afterBoot(bool trialBooted, qint64 nowMs)
{
    m_dirty = true;
    if (trialBooted) {
        m_state.phase = Phase::Rebooting;
        m_step = LocalStep::HealthCheck;
        schedule(ActionKind::Local, nowMs + scaled(m_config->rebootMs / 2));
        return;
    }
    m_state.phase = Phase::Finishing;
    if (m_state.trialAttempted) {
        m_state.outcome = v1::DEPLOYMENT_STATE_ROLLED_BACK;
        m_state.outcomeError = v1::DEPLOYMENT_ERROR_BOOT_FAILED;
        m_reportDetail = tr("the new bank did not come up; reverted to bank %1")
                             .arg(QLatin1Char(m_state.committedBank == 0 ? 'A' : 'B'));
    } else {
        m_state.outcome = v1::DEPLOYMENT_STATE_FAILED;
        m_state.outcomeError = v1::DEPLOYMENT_ERROR_INSTALL_FAILED;
        m_reportDetail = tr("power was lost during the install; the old bank still runs");
    }
}

void SimDevice::beginInstall(qint64 nowMs)
{
    m_state.phase = Phase::Installing;
    m_dirty = true;
    ++m_installs;
    if (m_powerLossAt == PowerLossPoint::None && m_random.chance(m_config->faults.powerLoss))
        m_powerLossAt = PowerLossPoint(m_random.below(PowerLossPointCount));
    m_step = LocalStep::WriteBank;
    schedule(ActionKind::Local, nowMs + scaled(m_config->installMs / 2));
}

bool SimDevice::cutHere(PowerLossPoint point, qint64 nowMs)
{
    if (m_powerLossAt != point)
        return false;
    m_powerLossAt = PowerLossPoint::None;
    ++m_powerLosses;
    m_dirty = true;
    // Power comes back after a reboot's time; RAM is gone, flash (m_state) stays.
    powerOn(nowMs + scaled(m_config->rebootMs));
    return true;
}

void SimDevice::runLocal(qint64 nowMs)
{
    Bank &target = m_state.banks[m_state.inactiveBank()];
    const LocalStep step = m_step;
    m_step = LocalStep::None;
    m_dirty = true;
    switch (step) {
    case LocalStep::None:
        decide(nowMs);
        return;
    case LocalStep::WriteBank:
        if (cutHere(PowerLossPoint::AfterInstallingReported, nowMs))
            return;
        target.valid = false; // the bank header is rewritten: half a write must never boot
        if (cutHere(PowerLossPoint::MidBankWrite, nowMs))
            return;
        target.valid = true;
        if (cutHere(PowerLossPoint::AfterBankWrite, nowMs))
            return;
        m_step = LocalStep::Arm;
        schedule(ActionKind::Local, nowMs + scaled(m_config->installMs / 2));
        return;
    case LocalStep::Arm:
        m_state.trialBank = qint8(m_state.inactiveBank());
        if (cutHere(PowerLossPoint::AfterArming, nowMs))
            return;
        report(v1::DEPLOYMENT_STATE_REBOOTING, nowMs);
        return;
    case LocalStep::Reboot: {
        if (cutHere(PowerLossPoint::AfterRebootingReported, nowMs))
            return;
        const bool trialBooted = boot();
        if (trialBooted && cutHere(PowerLossPoint::MidTrialBoot, nowMs))
            return;
        afterBoot(trialBooted, nowMs);
        if (!trialBooted)
            decide(nowMs); // server is at REBOOTING: report ROLLED_BACK
        return;
    }
    case LocalStep::HealthCheck:
        if (cutHere(PowerLossPoint::AfterHealthCheck, nowMs))
            return;
        m_step = LocalStep::Commit;
        schedule(ActionKind::Local, nowMs);
        return;
    case LocalStep::Commit: {
        // Commit, counter and outcome change in one flash write: a cut after it boots the new bank.
        m_state.committedBank = m_runningBank;
        m_state.securityCounter = qMax(m_state.securityCounter, m_state.banks[m_runningBank].securityVersion);
        m_state.phase = Phase::Finishing;
        m_state.outcome = v1::DEPLOYMENT_STATE_SUCCEEDED;
        m_state.outcomeError = v1::DEPLOYMENT_ERROR_UNSPECIFIED;
        m_reportDetail.clear();
        if (cutHere(PowerLossPoint::AfterCommit, nowMs))
            return;
        decide(nowMs);
        return;
    }
    }
}

} // namespace otter::sim
