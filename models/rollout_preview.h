// Plain values of a rollout's pre-flight (PreviewRollout): what starting it now would do to the fleet —
// devices per stage, devices skipped and why, the first window opening and the estimated time to 100 %.
#pragma once

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace otter::models {

struct StagePreviewRecord
{
    int index = 0; // 0-based; operators read index + 1
    int cumulativePercent = 0;
    qint64 deviceCount = 0;           // devices this stage adds
    qint64 cumulativeDeviceCount = 0; // devices covered once it has started
};

struct SkippedDevicesRecord
{
    QString reason; // INCOMPATIBLE_HARDWARE | DOWNGRADE | ALREADY_CURRENT (the API's name without prefix)
    qint64 count = 0;
    QStringList sampleDeviceIds;
};

struct RolloutPreviewRecord
{
    qint64 targetedDevices = 0;
    qint64 eligibleDevices = 0;
    QList<StagePreviewRecord> stages;
    QList<SkippedDevicesRecord> skipped;
    // Invalid when the rollout has no maintenance window.
    QDateTime firstWindowOpening;
    qint64 estimatedSeconds = 0;
    QStringList warnings;
};

} // namespace otter::models

Q_DECLARE_METATYPE(otter::models::RolloutPreviewRecord)
