// Faults the fleet runner injects: parsing of the flag values.
#include "simulator/fault_plan.h"

#include "core/semver.h"

#include <QCoreApplication>

namespace otter::sim {

Result<double> parseProbability(const QString &name, const QString &text)
{
    bool ok = false;
    const double value = text.toDouble(&ok);
    if (!ok || value < 0 || value > 1)
        return makeError(
            ErrorKind::InvalidInput,
            QCoreApplication::translate("otter::sim", "%1 must be a probability from 0 to 1, not \"%2\"")
                .arg(name, text));
    return value;
}

Result<void> FaultPlan::addBootFailure(const QString &text)
{
    const qsizetype eq = text.indexOf(u'=');
    const QString version = eq > 0 ? text.left(eq).trimmed() : QString();
    if (version.isEmpty() || !isSemVer(version))
        return makeError(
            ErrorKind::InvalidInput,
            QCoreApplication::translate("otter::sim",
                                        "--boot-fail takes VERSION=PROBABILITY (e.g. 2.0.0=0.2), not \"%1\"")
                .arg(text));
    auto probability = parseProbability(QStringLiteral("--boot-fail %1").arg(version), text.mid(eq + 1));
    if (!probability)
        return probability.error();
    bootFailure.insert(version, *probability);
    return {};
}

} // namespace otter::sim
