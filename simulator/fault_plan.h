// Faults the fleet runner injects, chosen by command-line flags; every draw comes from the device's own
// seeded generator so that a run with the same --seed repeats the same faults.
#pragma once

#include "core/result.h"

#include <QHash>
#include <QString>

namespace otter::sim {

struct FaultPlan
{
    QHash<QString, double> bootFailure; // release version → probability that its trial boot fails
    double connectionDrop = 0;          // per received chunk: the stream breaks before it is stored
    double powerLoss = 0;               // per install: power is cut at a random point of it
    double busy = 0;                    // per idle check-in: the device turns busy for a while
    double corruptChunk = 0;            // per download: one chunk arrives with a flipped bit
    int clockSkewSeconds = 0;           // each device's clock is off by up to this much, either way

    double bootFailureFor(const QString &version) const { return bootFailure.value(version, 0.0); }

    // "2.0.0=0.2": a version and a probability. Adds to bootFailure.
    Result<void> addBootFailure(const QString &text);
};

// A probability flag value: a number within 0..1. `name` is the flag, for the message.
Result<double> parseProbability(const QString &name, const QString &text);

} // namespace otter::sim
