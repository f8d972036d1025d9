// RolloutTimeline: coalescing and thinning of the outcome series.
#include "models/rollout_timeline.h"

#include <algorithm>
#include <utility>

namespace otter::models {

RolloutTimeline::RolloutTimeline(int capacity, qint64 minSpacingMs)
    : m_capacity(std::max(16, capacity))
    , m_minSpacingMs(std::max<qint64>(0, minSpacingMs))
{
    m_points.reserve(size_t(m_capacity));
}

void RolloutTimeline::add(const RolloutProgressRecord &progress)
{
    TimelinePoint point;
    point.msecsSinceEpoch = progress.asOf.isValid() ? progress.asOf.toMSecsSinceEpoch() : 0;
    point.succeeded = double(progress.total.succeeded);
    point.failed = double(progress.total.failed);
    point.rolledBack = double(progress.total.rolledBack);
    point.failurePercent = progress.failurePercent;
    add(point);
}

void RolloutTimeline::add(const TimelinePoint &point)
{
    ++m_updates;
    m_maxCount = std::max({m_maxCount, point.succeeded, point.failed, point.rolledBack});
    m_maxFailure = std::max(m_maxFailure, point.failurePercent);
    m_dirty = true;
    if (!m_points.empty()) {
        TimelinePoint &last = m_points.back();
        // Older than what is shown (a late message of a stream that has been replaced): the newer one stands.
        if (point.msecsSinceEpoch < last.msecsSinceEpoch)
            return;
        // Keep the first point of the series where it is, so the chart always starts at the beginning.
        if (m_points.size() > 1 &&
            point.msecsSinceEpoch - m_points[m_points.size() - 2].msecsSinceEpoch < m_minSpacingMs) {
            last = point;
            return;
        }
    }
    if (qsizetype(m_points.size()) >= m_capacity)
        thin();
    m_points.push_back(point);
}

void RolloutTimeline::thin()
{
    // Drop every second point of the older half: the recent past keeps its resolution, the distant past
    // gets coarser, and each call frees a quarter of the capacity (amortised constant cost per point).
    // The very first point stays, so the time axis still starts where the rollout did.
    const size_t older = m_points.size() / 2;
    size_t out = 1;
    for (size_t in = 2; in < older; in += 2)
        m_points[out++] = m_points[in];
    for (size_t in = older; in < m_points.size(); ++in)
        m_points[out++] = m_points[in];
    m_points.resize(out);
}

void RolloutTimeline::clear()
{
    m_points.clear();
    m_updates = 0;
    m_maxCount = 0;
    m_maxFailure = 0;
    m_dirty = true;
}

bool RolloutTimeline::takeDirty()
{
    return std::exchange(m_dirty, false);
}

} // namespace otter::models
