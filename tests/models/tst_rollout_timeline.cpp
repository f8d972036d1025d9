// RolloutTimeline: progress at any rate becomes a bounded series — coalesced within the spacing, the
// oldest points thinned, the first and the latest always kept — with a dirty flag the view polls.
#include "models/rollout_timeline.h"

#include <QTest>
#include <QTimeZone>

using namespace otter::models;

namespace {

TimelinePoint at(qint64 ms, double succeeded, double failed = 0, double rolledBack = 0, double rate = 0)
{
    return {ms, succeeded, failed, rolledBack, rate};
}

} // namespace

class TestRolloutTimeline final : public QObject
{
    Q_OBJECT

private slots:
    void coalescesWithinSpacing_data();
    void coalescesWithinSpacing();
    void takesProgressRecords();
    void dirtyFlag();
    void olderUpdateIsIgnored();
    void boundedWithAMillionUpdates();
};

void TestRolloutTimeline::coalescesWithinSpacing_data()
{
    QTest::addColumn<qint64>("spacing");
    QTest::addColumn<qint64>("step");
    QTest::addColumn<int>("updates");
    QTest::addColumn<int>("minPoints");
    QTest::addColumn<int>("maxPoints");
    // About one kept point per spacing interval, plus the first and the newest.
    QTest::newRow("10 per interval") << qint64(250) << qint64(25) << 101 << 11 << 13;
    QTest::newRow("one per interval") << qint64(250) << qint64(250) << 10 << 10 << 10;
    QTest::newRow("no spacing") << qint64(0) << qint64(1) << 50 << 50 << 50;
    QTest::newRow("all at once") << qint64(250) << qint64(0) << 20 << 2 << 2;
}

void TestRolloutTimeline::coalescesWithinSpacing()
{
    QFETCH(qint64, spacing);
    QFETCH(qint64, step);
    QFETCH(int, updates);
    QFETCH(int, minPoints);
    QFETCH(int, maxPoints);
    RolloutTimeline timeline(1000, spacing);
    for (int i = 0; i < updates; ++i)
        timeline.add(at(1000 + i * step, i));
    QVERIFY2(timeline.size() >= minPoints && timeline.size() <= maxPoints,
             qPrintable(QString::number(timeline.size())));
    // Kept points (all but the newest, which is still being replaced) are close to the spacing apart.
    const auto &points = timeline.points();
    for (size_t i = 2; i + 1 < points.size(); ++i)
        QVERIFY(points[i].msecsSinceEpoch - points[i - 1].msecsSinceEpoch >= spacing - step);
    QCOMPARE(timeline.updatesTaken(), quint64(updates));
    // Absolute counters: the newest value is never lost, the start never moves.
    QCOMPARE(timeline.points().back().succeeded, double(updates - 1));
    QCOMPARE(timeline.points().front().msecsSinceEpoch, 1000);
    QCOMPARE(timeline.points().front().succeeded, 0.0);
}

void TestRolloutTimeline::takesProgressRecords()
{
    RolloutTimeline timeline;
    RolloutProgressRecord progress;
    progress.asOf = QDateTime::fromMSecsSinceEpoch(1'700'000'000'000, QTimeZone::utc());
    progress.total.succeeded = 40;
    progress.total.failed = 3;
    progress.total.rolledBack = 2;
    progress.total.pending = 500; // not charted
    progress.failurePercent = 11.1;
    timeline.add(progress);
    QCOMPARE(timeline.size(), 1);
    const TimelinePoint &point = timeline.points().front();
    QCOMPARE(point.msecsSinceEpoch, 1'700'000'000'000);
    QCOMPARE(point.succeeded, 40.0);
    QCOMPARE(point.failed, 3.0);
    QCOMPARE(point.rolledBack, 2.0);
    QCOMPARE(point.failurePercent, 11.1);
    QCOMPARE(timeline.maxCount(), 40.0);
    QCOMPARE(timeline.maxFailurePercent(), 11.1);
}

void TestRolloutTimeline::dirtyFlag()
{
    RolloutTimeline timeline;
    QVERIFY(!timeline.takeDirty());
    timeline.add(at(1000, 1));
    QVERIFY(timeline.isDirty());
    QVERIFY(timeline.takeDirty());
    QVERIFY(!timeline.takeDirty());
    // A coalesced update changes what is drawn too.
    timeline.add(at(1001, 2));
    timeline.add(at(1002, 3));
    QVERIFY(timeline.takeDirty());
    timeline.clear();
    QVERIFY(timeline.takeDirty());
    QCOMPARE(timeline.size(), 0);
    QCOMPARE(timeline.maxCount(), 0.0);
}

void TestRolloutTimeline::olderUpdateIsIgnored()
{
    RolloutTimeline timeline(100, 0);
    timeline.add(at(5000, 10));
    timeline.add(at(6000, 12));
    timeline.add(at(5500, 11)); // late message of a replaced stream
    QCOMPARE(timeline.size(), 2);
    QCOMPARE(timeline.points().back().succeeded, 12.0);
}

void TestRolloutTimeline::boundedWithAMillionUpdates()
{
    constexpr int Updates = 1'000'000;
    constexpr int Capacity = 1200;
    constexpr qint64 Start = 1'700'000'000'000;
    RolloutTimeline timeline(Capacity, 250);
    qsizetype largest = 0;
    for (int i = 0; i < Updates; ++i) {
        // 1,000 updates a second for 1,000 s: 4,000 intervals of 250 ms, more than the capacity.
        timeline.add(at(Start + i, i / 2, i / 10, i / 20, double(i % 100) / 10));
        largest = qMax(largest, timeline.size());
    }
    QVERIFY2(largest <= Capacity, qPrintable(QString::number(largest)));
    QVERIFY(timeline.size() > Capacity / 2);
    QCOMPARE(timeline.updatesTaken(), quint64(Updates));
    const auto &points = timeline.points();
    QCOMPARE(points.front().msecsSinceEpoch, Start);
    QCOMPARE(points.back().msecsSinceEpoch, Start + Updates - 1);
    QCOMPARE(points.back().succeeded, double((Updates - 1) / 2));
    for (size_t i = 1; i < points.size(); ++i) {
        QVERIFY(points[i].msecsSinceEpoch > points[i - 1].msecsSinceEpoch);
        QVERIFY(points[i].succeeded >= points[i - 1].succeeded);
    }
    // The recent past keeps the fine resolution; the distant past is coarser.
    const qint64 recentGap =
        points[points.size() - 2].msecsSinceEpoch - points[points.size() - 3].msecsSinceEpoch;
    const qint64 oldGap = points[2].msecsSinceEpoch - points[1].msecsSinceEpoch;
    QVERIFY2(recentGap <= 251, qPrintable(QString::number(recentGap)));
    QVERIFY2(oldGap > recentGap, qPrintable(QStringLiteral("%1 vs %2").arg(oldGap).arg(recentGap)));
}

QTEST_GUILESS_MAIN(TestRolloutTimeline)
#include "tst_rollout_timeline.moc"
