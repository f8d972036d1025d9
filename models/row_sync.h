// syncRows: turns the rows a model shows into freshly read rows with the fewest coarse signals: removals,
// insertions and ranged dataChanged instead of a reset, so the view keeps its scroll position and selection.
#pragma once

#include <QHash>
#include <QList>
#include <QString>

#include <functional>

namespace otter::models {

// Callbacks the model implements around its begin/end signal pairs (they are protected members, so the
// model passes lambdas). Row numbers are current at the time of each call.
struct RowSyncSink
{
    std::function<void(int first, int last)> remove;
    std::function<void(int at, int freshFirst, int freshLast)> insert; // insert fresh[freshFirst..freshLast]
    std::function<bool(int row, int freshIndex)> update;               // replace; true when content changed
    std::function<void(int first, int last)> changed;
};

// currentIds: ids of the rows shown now, in order; freshIds: ids of the rows to show, in order.
// A row that moved is removed and inserted again (moves are rare: a sort value changed).
inline void syncRows(const QStringList &currentIds, const QStringList &freshIds, const RowSyncSink &sink)
{
    QHash<QString, int> freshIndex;
    freshIndex.reserve(freshIds.size());
    for (int i = 0; i < freshIds.size(); ++i)
        freshIndex.insert(freshIds.at(i), i);

    // Keep the rows still present whose fresh positions increase (a greedy increasing subsequence).
    QList<bool> keep(currentIds.size(), false);
    QList<bool> freshKept(freshIds.size(), false);
    int lastKept = -1;
    for (int i = 0; i < currentIds.size(); ++i) {
        const int at = freshIndex.value(currentIds.at(i), -1);
        if (at > lastKept) {
            keep[i] = true;
            freshKept[at] = true;
            lastKept = at;
        }
    }
    for (int i = int(currentIds.size()) - 1; i >= 0;) {
        if (keep.at(i)) {
            --i;
            continue;
        }
        const int last = i;
        while (i >= 0 && !keep.at(i))
            --i;
        sink.remove(i + 1, last);
    }

    int row = 0;
    int changedFirst = -1;
    const auto flushChanged = [&](int end) {
        if (changedFirst >= 0)
            sink.changed(changedFirst, end - 1);
        changedFirst = -1;
    };
    for (int j = 0; j < freshIds.size();) {
        if (freshKept.at(j)) {
            if (sink.update(row, j)) {
                if (changedFirst < 0)
                    changedFirst = row;
            } else {
                flushChanged(row);
            }
            ++row;
            ++j;
            continue;
        }
        flushChanged(row);
        const int first = j;
        while (j < freshIds.size() && !freshKept.at(j))
            ++j;
        sink.insert(row, first, j - 1);
        row += j - first;
    }
    flushChanged(row);
}

} // namespace otter::models
