// What a simulated device keeps in flash: its banks, bootloader flags, anti-rollback counter and where it
// stands in a deployment. This is the part that survives a power loss and a simulator restart.
#pragma once

#include "otter/v1/deployments.pb.h"

#include <QByteArray>
#include <QString>

#include <array>

namespace otter::sim {

struct Bank
{
    QString version;
    quint64 securityVersion = 0;
    QByteArray sha256; // raw digest of the image written into the bank
    // False while the bank is being written (or after a broken write): the bootloader never boots it.
    bool valid = false;
};

// Where the device itself stands in a deployment; the server's view comes with every directive.
enum class Phase : quint8 {
    Idle,        // no deployment
    Downloading, // fetching into the inactive bank
    Downloaded,  // image verified in the inactive bank, waiting for an install directive
    Installing,  // finalising the inactive bank and arming the bootloader
    Rebooting,   // trial boot of the new bank and its health check
    Finishing,   // outcome decided (see DeviceState::outcome), report not yet acknowledged
};
inline constexpr int PhaseCount = 6;

const char *phaseName(Phase phase);

struct DeviceState
{
    QString id;
    QString token;
    QString hardwareClass;
    QString region;
    QString labels; // "key=value;key=value"

    std::array<Bank, 2> banks;
    quint8 committedBank = 0;    // what the bootloader boots unless a trial is armed
    qint8 trialBank = -1;        // armed one-shot trial boot (-1: none); cleared by the bootloader on use
    bool trialAttempted = false; // the bootloader tried the new bank during the current deployment
    quint64 securityCounter = 0;

    QString deploymentId;
    Phase phase = Phase::Idle;
    v1::DeploymentState outcome = v1::DEPLOYMENT_STATE_UNSPECIFIED; // with Phase::Finishing
    v1::DeploymentError outcomeError = v1::DEPLOYMENT_ERROR_UNSPECIFIED;

    // Set by a clean stop of the simulator: the device is frozen, not powered off, and on the next start
    // carries on with this step of its install (-1: start with a power-on instead).
    qint8 suspendedStep = -1;
    quint8 runningBank = 0; // the bank running when frozen (a trial under health check, say)

    const Bank &committed() const { return banks[committedBank]; }
    quint8 inactiveBank() const { return quint8(1 - committedBank); }
};

} // namespace otter::sim
