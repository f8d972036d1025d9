// The live summary line of otter-sim run.
#include "simulator/fleet_summary.h"

#include <QStringList>

namespace otter::sim {

QString FleetSummary::line(double callsPerSecond) const
{
    QStringList phases;
    for (int i = 0; i < PhaseCount; ++i) {
        if (byPhase[size_t(i)] > 0)
            phases << QStringLiteral("%1 %2")
                          .arg(QLatin1StringView(phaseName(Phase(i))))
                          .arg(byPhase[size_t(i)]);
    }
    QStringList versions;
    for (auto it = byVersion.begin(); it != byVersion.end(); ++it)
        versions << QStringLiteral("%1:%2").arg(it.key()).arg(it.value());
    QString text =
        QStringLiteral(
            "[%1s] %2 devices, %3 checked in | %4 | %5 | busy %6 | %7 calls/s, %8 errors, %9 in flight")
            .arg(elapsedMs / 1000, 4)
            .arg(devices)
            .arg(checkedIn)
            .arg(phases.join(u' '))
            .arg(versions.join(u' '))
            .arg(busy)
            .arg(callsPerSecond, 0, 'f', 0)
            .arg(callErrors)
            .arg(inFlight);
    if (badBanks > 0)
        text += QStringLiteral(" | %1 ON A BROKEN BANK").arg(badBanks);
    return text;
}

} // namespace otter::sim
