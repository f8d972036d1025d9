// Rollout stage maths: the stable order in which a rollout reaches devices, and how many devices each
// cumulative stage includes.
//
// Order: each device gets stageOrderKey(rolloutId, deviceId) =
//     the first 8 bytes, read as a big-endian unsigned 64-bit integer, of
//     SHA-256(UTF-8(rolloutId) ‖ 0x00 ‖ UTF-8(deviceId))
// and devices are sorted by ascending key, ties (astronomically rare) by device id in UTF-16 code unit order.
// The position in that order is the device's rank (0-based). The order depends only on the two ids: it never
// reshuffles on pause, resume or restart, it is independent of the order devices are listed in, and every
// rollout gets its own pseudo-random order, so the same unlucky devices are not always first.
//
// Stages: a list of cumulative percentages, strictly increasing, each in 1..100, the last exactly 100, at
// most kMaxRolloutStages entries (default 1, 10, 25, 50, 100). For N eligible devices stage i includes the
// first size(i) = ceil(N × p(i) / 100) devices of the order. Hence every stage includes at least one device
// when N > 0, sizes never decrease, and the last stage includes exactly N. When N is small several stages can
// have the same size: the later ones add no devices (see rollout_policy.h for how their gates behave).
//
// Stage indexes are 0-based in code; operators see them 1-based ("stage 1" is the first stage).
#pragma once

#include "core/result.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

namespace otter {

inline constexpr int kMaxRolloutStages = 20;

// 1, 10, 25, 50, 100.
QList<int> defaultStagePercents();

// Checks the rules above; the error says which stage breaks which rule.
Result<void> validateStagePercents(const QList<int> &percents);

// Cumulative device counts per stage for `deviceCount` eligible devices (validated percents, N ≥ 0).
Result<QList<qint64>> cumulativeStageSizes(qint64 deviceCount, const QList<int> &percents);

// Devices a stage adds on top of the stages before it.
qint64 devicesAddedInStage(const QList<qint64> &cumulativeSizes, int stageIndex);

// The 0-based index of the first stage whose cumulative size exceeds `rank`, i.e. the stage that brings the
// device at that rank into the rollout; -1 when rank < 0 or rank ≥ the last size.
int stageOfRank(qint64 rank, const QList<qint64> &cumulativeSizes);

quint64 stageOrderKey(QStringView rolloutId, QStringView deviceId);

// The device ids in the rollout's stage order (index in the result = rank). Duplicates are kept.
QStringList sortByStageOrder(QStringView rolloutId, const QStringList &deviceIds);

} // namespace otter
