// DeploymentHistoryEntry: one line of a device's update history as the device detail pane lists it.
#pragma once

#include <QDateTime>
#include <QString>

namespace otter::ui {

struct DeploymentHistoryEntry
{
    QString rolloutId;
    QString rolloutName;    // shown when known, else the id
    QString releaseVersion; // the version the rollout brought
    QString fromVersion;    // what the device ran before
    QString state;          // PENDING … SUCCEEDED | FAILED | ROLLED_BACK | SKIPPED
    QDateTime time;         // of the last state change
    QString detail;         // e.g. the failure or skip reason
};

} // namespace otter::ui
