// Counts over the fleet for the live summary line and for tests: devices by phase and by running version.
#pragma once

#include "simulator/device_state.h"

#include <QMap>
#include <QString>

#include <array>

namespace otter::sim {

struct FleetSummary
{
    int devices = 0;
    std::array<int, PhaseCount> byPhase{};
    QMap<QString, int> byVersion; // running version → devices
    int busy = 0;
    int checkedIn = 0; // devices the server has answered at least once
    int badBanks = 0;  // devices running a bank that is not whole (must stay 0)
    int inFlight = 0;
    qint64 calls = 0;
    qint64 callErrors = 0;
    qint64 elapsedMs = 0;

    int inPhase(Phase phase) const { return byPhase[size_t(phase)]; }
    // One compact line, e.g. "[ 12s] 1000 devices | idle 990 downloading 10 | 1.0.0:900 2.0.0:100 | …".
    QString line(double callsPerSecond) const;
};

} // namespace otter::sim
