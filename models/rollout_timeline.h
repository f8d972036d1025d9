// RolloutTimeline: a rollout's outcomes over time (succeeded, failed, rolled back, failure rate) for the live
// charts. Takes progress at any rate, keeps a bounded number of points (older points are thinned as new ones
// come), and says whether anything changed since the view last looked, so the view redraws on its own clock.
#pragma once

#include "models/rollout_progress.h"

#include <QList>

#include <vector>

namespace otter::models {

struct TimelinePoint
{
    qint64 msecsSinceEpoch = 0;
    double succeeded = 0;
    double failed = 0;
    double rolledBack = 0;
    double failurePercent = 0;
};

class RolloutTimeline final
{
public:
    static constexpr int DefaultCapacity = 1200;
    static constexpr qint64 DefaultMinSpacingMs = 250;

    // `capacity` points at most (at least 16). Progress closer than `minSpacingMs` to the newest point
    // replaces it: the counters are absolute, so the latest value of an interval is the exact one.
    explicit RolloutTimeline(int capacity = DefaultCapacity, qint64 minSpacingMs = DefaultMinSpacingMs);

    void add(const RolloutProgressRecord &progress);
    void add(const TimelinePoint &point);
    void clear();

    // True when points changed since the last takeDirty(); clears the flag.
    bool takeDirty();
    bool isDirty() const { return m_dirty; }

    int capacity() const { return m_capacity; }
    qsizetype size() const { return qsizetype(m_points.size()); }
    const std::vector<TimelinePoint> &points() const { return m_points; }
    // Updates taken since the last clear(), including those folded into an existing point.
    quint64 updatesTaken() const { return m_updates; }
    // Highest values since the last clear(), for the charts' axes (a thinned-out peak still fits).
    double maxCount() const { return m_maxCount; }
    double maxFailurePercent() const { return m_maxFailure; }

private:
    void thin();

    std::vector<TimelinePoint> m_points;
    int m_capacity;
    qint64 m_minSpacingMs;
    quint64 m_updates = 0;
    double m_maxCount = 0;
    double m_maxFailure = 0;
    bool m_dirty = false;
};

} // namespace otter::models
