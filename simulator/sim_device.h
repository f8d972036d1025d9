// One simulated device: the update loop of device_api.proto as a plain state machine. It never touches the
// network; a runner asks it what to do next (check in, report, download, or local install work), performs
// the call and hands the answer back, so the same machine runs in the fleet runner and in unit tests.
#pragma once

#include "core/bundle.h"
#include "core/sha256.h"
#include "otter/v1/device_api.pb.h"
#include "simulator/device_state.h"
#include "simulator/fault_plan.h"
#include "simulator/sim_random.h"

#include <grpcpp/support/status_code_enum.h>

#include <memory>
#include <string_view>

namespace otter::sim {

// Shared by every device of a fleet (one copy, not one per device).
struct DeviceConfig
{
    TrustPolicy trust;
    FaultPlan faults;
    quint64 seed = 1;
    double timeScale = 1;    // device time runs this many times faster than real time
    qint64 installMs = 4000; // device time to finalise a bank
    qint64 rebootMs = 6000;  // device time to reboot and run the health check
    qint64 retryMs = 3000;   // device time before a failed call is repeated
    qint64 defaultCheckInMs = 60000;
    int maxDownloadAttempts = 30; // broken streams in a row before the device gives up (FAILED)
};

enum class ActionKind : quint8 { CheckIn, Report, Download, Local };

// Points of an install where a power cut is simulated, in the order the install passes them.
enum class PowerLossPoint : qint8 {
    None = -1,
    AfterInstallingReported,
    MidBankWrite,
    AfterBankWrite,
    AfterArming, // trial boot armed in the bootloader
    AfterRebootingReported,
    MidTrialBoot,
    AfterHealthCheck, // health check passed, not committed yet
    AfterCommit,
};
inline constexpr int PowerLossPointCount = 8;

enum class ChunkVerdict : quint8 { Continue, Drop, Reject };

class SimDevice
{
public:
    SimDevice(DeviceState state, const DeviceConfig *config);
    ~SimDevice();
    SimDevice(SimDevice &&) noexcept;
    SimDevice &operator=(SimDevice &&) noexcept;

    const DeviceState &state() const { return m_state; }
    bool isDirty() const { return m_dirty; }
    void clearDirty() { m_dirty = false; }

    // What the device wants to do next, and when (milliseconds on the runner's monotonic clock).
    ActionKind nextAction() const { return m_next; }
    qint64 nextDueMs() const { return m_due; }

    // Bootloader and agent start: at the start of a run, and after every power cut.
    void powerOn(qint64 nowMs);
    // A clean stop of the simulator freezes the device (suspend) and the next run thaws it (resume):
    // unlike a power cut, an install under way carries on where it was. start() picks the right one.
    void suspend();
    void resume(qint64 nowMs);
    void start(qint64 nowMs) { m_state.suspendedStep >= 0 ? resume(nowMs) : powerOn(nowMs); }

    v1::CheckInRequest checkInRequest(qint64 nowMs);
    void onCheckIn(const v1::CheckInResponse &response, qint64 nowMs);
    void onCheckInFailed(grpc::StatusCode code, qint64 nowMs);

    v1::ReportStatusRequest reportRequest() const;
    void onReportDone(grpc::StatusCode code, const v1::ReportStatusResponse &response, qint64 nowMs);

    v1::DownloadRequest downloadRequest() const;
    // Called for every chunk of the stream, in order. Drop and Reject end the stream (the caller cancels).
    ChunkVerdict onChunk(quint64 offset, std::string_view data);
    void onDownloadDone(grpc::StatusCode code, qint64 nowMs);

    // The next step of install, reboot and health check (nextAction() == Local).
    void runLocal(qint64 nowMs);

    // Cut the power at this point of the next install (tests; --power-loss draws one at random).
    void setPowerLossAt(PowerLossPoint point) { m_powerLossAt = point; }

    quint8 runningBank() const { return m_runningBank; }
    QString runningVersion() const { return m_state.banks[m_runningBank].version; }
    // The bank the device runs is whole and verified (what every power cut must preserve).
    bool runningGood() const { return m_state.banks[m_runningBank].valid; }
    bool busy(qint64 nowMs) const { return nowMs < m_busyUntilMs; }
    int powerLosses() const { return m_powerLosses; }
    int installs() const { return m_installs; }
    // Check-ins the server answered.
    int checkIns() const { return m_checkIns; }
    qint64 clockSkewMs() const { return m_clockSkewMs; }
    // The last terminal report the server acknowledged, with its error (tests and the summary).
    v1::DeploymentState lastOutcome() const { return m_lastOutcome; }
    v1::DeploymentError lastError() const { return m_lastError; }

private:
    struct Directive;
    struct Download;
    enum class LocalStep : quint8 { None, WriteBank, Arm, Reboot, HealthCheck, Commit };

    qint64 scaled(qint64 deviceMs) const;
    qint64 jittered(qint64 deviceMs);
    void schedule(ActionKind kind, qint64 dueMs);
    void scheduleCheckIn(qint64 nowMs, qint64 deviceMs);
    void report(v1::DeploymentState to, qint64 nowMs, v1::DeploymentError error = {});
    void decide(qint64 nowMs);
    void finish(v1::DeploymentState outcome, v1::DeploymentError error, const QString &detail, qint64 nowMs);
    void startDeployment(const v1::UpdateDirective &update);
    void discardDeployment();
    void startDownload(qint64 nowMs);
    void verifyDownload(qint64 nowMs);
    void beginInstall(qint64 nowMs);
    bool cutHere(PowerLossPoint point, qint64 nowMs);
    bool boot();
    void afterBoot(bool trialBooted, qint64 nowMs);

    DeviceState m_state;
    const DeviceConfig *m_config;
    SimRandom m_random;
    std::unique_ptr<Directive> m_directive;
    std::unique_ptr<Download> m_download;
    QString m_reportDetail;
    qint64 m_due = 0;
    qint64 m_busyUntilMs = 0;
    qint64 m_checkInMs;
    qint64 m_clockSkewMs = 0;
    int m_powerLosses = 0;
    int m_installs = 0;
    int m_checkIns = 0;
    int m_callFailures = 0;
    ActionKind m_next = ActionKind::CheckIn;
    LocalStep m_step = LocalStep::None;
    PowerLossPoint m_powerLossAt = PowerLossPoint::None;
    v1::DeploymentState m_serverState = v1::DEPLOYMENT_STATE_UNSPECIFIED; // unknown until a check-in
    v1::DeploymentState m_reportTo = v1::DEPLOYMENT_STATE_UNSPECIFIED;
    v1::DeploymentError m_reportError = v1::DEPLOYMENT_ERROR_UNSPECIFIED;
    v1::DeploymentState m_lastOutcome = v1::DEPLOYMENT_STATE_UNSPECIFIED;
    v1::DeploymentError m_lastError = v1::DEPLOYMENT_ERROR_UNSPECIFIED;
    quint8 m_runningBank = 0;
    bool m_installAllowed = false;
    bool m_dirty = false;
};

} // namespace otter::sim
