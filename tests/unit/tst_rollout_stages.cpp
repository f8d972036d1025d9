// Tests for rollout stage maths (stable order, cumulative sizes) and the failure-policy and gate decisions.
#include "core/rollout_policy.h"
#include "core/rollout_stages.h"

#include <QCryptographicHash>
#include <QTest>
#include <QtEndian>

#include <algorithm>
#include <cmath>
#include <random>

Q_DECLARE_METATYPE(otter::StageCounts)

using namespace otter;
using namespace std::chrono_literals;

namespace {

QStringList deviceIds(int count)
{
    QStringList ids;
    ids.reserve(count);
    for (int i = 0; i < count; ++i)
        ids.append(QStringLiteral("dev-%1").arg(i, 6, 10, QLatin1Char('0')));
    return ids;
}

QList<int> everyFivePercent()
{
    QList<int> percents;
    for (int p = 5; p <= 100; p += 5)
        percents.append(p);
    return percents;
}

StageCounts counts(qint64 pending, qint64 inProgress, qint64 succeeded, qint64 failed, qint64 rolledBack)
{
    StageCounts c;
    c.pending = pending;
    c.inProgress = inProgress;
    c.succeeded = succeeded;
    c.failed = failed;
    c.rolledBack = rolledBack;
    return c;
}

} // namespace

class TestRolloutStages : public QObject
{
    Q_OBJECT

private slots:
    void stageSizes_data();
    void stageSizes();
    void invalidStageLists_data();
    void invalidStageLists();
    void invalidDeviceCount();
    void stageOfRank_data();
    void stageOfRank();
    void devicesAddedInStage();
    void orderKeyMatchesDefinition_data();
    void orderKeyMatchesDefinition();
    void orderKeySeparatesIds();
    void orderIsStable();
    void orderIsPerRollout();
    void orderOfSubsetIsSubsequence();
    void distributionOverHundredThousand();
    void autoPause_data();
    void autoPause();
    void policyValidation();
    void gate_data();
    void gate();
    void gateValidation();
    void formatting();
};

void TestRolloutStages::stageSizes_data()
{
    QTest::addColumn<qint64>("devices");
    QTest::addColumn<QList<int>>("percents");
    QTest::addColumn<QList<qint64>>("expected");

    const QList<int> defaults = defaultStagePercents();
    QTest::newRow("N=0") << qint64(0) << defaults << QList<qint64>{0, 0, 0, 0, 0};
    QTest::newRow("N=1: every stage has the one device")
        << qint64(1) << defaults << QList<qint64>{1, 1, 1, 1, 1};
    QTest::newRow("N=2") << qint64(2) << defaults << QList<qint64>{1, 1, 1, 1, 2};
    QTest::newRow("N=7") << qint64(7) << defaults << QList<qint64>{1, 1, 2, 4, 7};
    QTest::newRow("N=99") << qint64(99) << defaults << QList<qint64>{1, 10, 25, 50, 99};
    QTest::newRow("N=100") << qint64(100) << defaults << QList<qint64>{1, 10, 25, 50, 100};
    QTest::newRow("N=101") << qint64(101) << defaults << QList<qint64>{2, 11, 26, 51, 101};
    QTest::newRow("N=1000") << qint64(1000) << defaults << QList<qint64>{10, 100, 250, 500, 1000};
    QTest::newRow("N=100000") << qint64(100000) << defaults
                              << QList<qint64>{1000, 10000, 25000, 50000, 100000};
    QTest::newRow("single stage") << qint64(5) << QList<int>{100} << QList<qint64>{5};
    QTest::newRow("thirds") << qint64(10) << QList<int>{33, 66, 100} << QList<qint64>{4, 7, 10};
    QTest::newRow("half") << qint64(3) << QList<int>{50, 100} << QList<qint64>{2, 3};
    QTest::newRow("small first stage") << qint64(19) << QList<int>{5, 100} << QList<qint64>{1, 19};
    // 7 × 100 / 100 is exactly 7; floating point would make it 7.000000000000001 and round up to 8.
    QTest::newRow("exact multiple 7%") << qint64(100) << QList<int>{7, 100} << QList<qint64>{7, 100};
    QTest::newRow("exact multiple 7% of 300") << qint64(300) << QList<int>{7, 100} << QList<qint64>{21, 300};
    QTest::newRow("20 stages, N=7") << qint64(7) << everyFivePercent()
                                    << QList<qint64>{1, 1, 2, 2, 2, 3, 3, 3, 4, 4,
                                                     4, 5, 5, 5, 6, 6, 6, 7, 7, 7};
    QTest::newRow("20 stages, N=20") << qint64(20) << everyFivePercent()
                                     << QList<qint64>{1,  2,  3,  4,  5,  6,  7,  8,  9,  10,
                                                      11, 12, 13, 14, 15, 16, 17, 18, 19, 20};
    QTest::newRow("a billion devices")
        << qint64(1'000'000'000) << defaults
        << QList<qint64>{10'000'000, 100'000'000, 250'000'000, 500'000'000, 1'000'000'000};
}

void TestRolloutStages::stageSizes()
{
    QFETCH(qint64, devices);
    QFETCH(QList<int>, percents);
    QFETCH(QList<qint64>, expected);

    const auto sizes = cumulativeStageSizes(devices, percents);
    QVERIFY2(sizes.ok(), qPrintable(sizes.errorMessage()));
    QCOMPARE(*sizes, expected);

    // The invariants the rollout engine relies on, checked on every row.
    QCOMPARE(sizes->last(), devices);
    for (qsizetype i = 0; i < sizes->size(); ++i) {
        if (devices > 0)
            QVERIFY((*sizes)[i] >= 1);
        if (i > 0)
            QVERIFY((*sizes)[i] >= (*sizes)[i - 1]);
        QVERIFY((*sizes)[i] * 100 >= devices * percents[i]); // never fewer than the percentage
        QVERIFY(((*sizes)[i] - 1) * 100 < devices * percents[i] || devices == 0); // and the smallest such
    }
}

void TestRolloutStages::invalidStageLists_data()
{
    QTest::addColumn<QList<int>>("percents");
    QTest::addColumn<QString>("expectedError");

    QList<int> tooMany;
    for (int i = 1; i <= 21; ++i)
        tooMany.append(i == 21 ? 100 : i);

    QTest::newRow("empty") << QList<int>{} << QStringLiteral("at least one stage");
    QTest::newRow("zero") << QList<int>{0, 100}
                          << QStringLiteral("stage 1 is 0%: each stage must be between 1% and 100%");
    QTest::newRow("negative") << QList<int>{-5, 100} << QStringLiteral("stage 1 is -5%");
    QTest::newRow("above 100") << QList<int>{50, 101} << QStringLiteral("stage 2 is 101%");
    QTest::newRow("repeated") << QList<int>{10, 10, 100}
                              << QStringLiteral("stage 2 is 10%, but stages are cumulative");
    QTest::newRow("decreasing") << QList<int>{50, 25, 100}
                                << QStringLiteral("it must be more than stage 1 (50%)");
    QTest::newRow("100 twice") << QList<int>{100, 100}
                               << QStringLiteral("stage 2 is 100%, but stages are cumulative");
    QTest::newRow("last not 100") << QList<int>{1, 10, 50}
                                  << QStringLiteral("the last stage is 50%, but it must be 100%");
    QTest::newRow("21 stages") << tooMany << QStringLiteral("at most 20 stages, not 21");
}

void TestRolloutStages::invalidStageLists()
{
    QFETCH(QList<int>, percents);
    QFETCH(QString, expectedError);

    const auto valid = validateStagePercents(percents);
    QVERIFY(!valid.ok());
    QCOMPARE(valid.error().kind, ErrorKind::InvalidInput);
    QVERIFY2(valid.errorMessage().contains(expectedError), qPrintable(valid.errorMessage()));

    const auto sizes = cumulativeStageSizes(100, percents);
    QVERIFY(!sizes.ok());
    QCOMPARE(sizes.errorMessage(), valid.errorMessage());
}

void TestRolloutStages::invalidDeviceCount()
{
    const auto negative = cumulativeStageSizes(-1, defaultStagePercents());
    QVERIFY(!negative.ok());
    QVERIFY(negative.errorMessage().contains(QStringLiteral("device count -1 is out of range")));

    // N × 100 would overflow a qint64.
    const auto huge = cumulativeStageSizes(std::numeric_limits<qint64>::max() / 10, defaultStagePercents());
    QVERIFY(!huge.ok());

    QVERIFY(validateStagePercents(defaultStagePercents()).ok());
    QVERIFY(validateStagePercents(everyFivePercent()).ok());
}

void TestRolloutStages::stageOfRank_data()
{
    QTest::addColumn<QList<qint64>>("sizes");
    QTest::addColumn<qint64>("rank");
    QTest::addColumn<int>("stage");

    const QList<qint64> hundred{1, 10, 25, 50, 100};
    QTest::newRow("first device") << hundred << qint64(0) << 0;
    QTest::newRow("second device opens stage 2") << hundred << qint64(1) << 1;
    QTest::newRow("last of stage 2") << hundred << qint64(9) << 1;
    QTest::newRow("first of stage 3") << hundred << qint64(10) << 2;
    QTest::newRow("last of stage 3") << hundred << qint64(24) << 2;
    QTest::newRow("first of stage 4") << hundred << qint64(25) << 3;
    QTest::newRow("last of stage 4") << hundred << qint64(49) << 3;
    QTest::newRow("first of stage 5") << hundred << qint64(50) << 4;
    QTest::newRow("last device") << hundred << qint64(99) << 4;
    QTest::newRow("past the end") << hundred << qint64(100) << -1;
    QTest::newRow("negative rank") << hundred << qint64(-1) << -1;
    // With 2 devices stages 2 to 4 add nobody: the second device belongs to stage 5.
    QTest::newRow("empty stages skipped") << QList<qint64>{1, 1, 1, 1, 2} << qint64(1) << 4;
    QTest::newRow("no devices") << QList<qint64>{0, 0, 0, 0, 0} << qint64(0) << -1;
}

void TestRolloutStages::stageOfRank()
{
    QFETCH(QList<qint64>, sizes);
    QFETCH(qint64, rank);
    QFETCH(int, stage);
    QCOMPARE(otter::stageOfRank(rank, sizes), stage);
}

void TestRolloutStages::devicesAddedInStage()
{
    const QList<qint64> sizes{1, 1, 1, 1, 2};
    QCOMPARE(otter::devicesAddedInStage(sizes, 0), qint64(1));
    QCOMPARE(otter::devicesAddedInStage(sizes, 1), qint64(0));
    QCOMPARE(otter::devicesAddedInStage(sizes, 3), qint64(0));
    QCOMPARE(otter::devicesAddedInStage(sizes, 4), qint64(1));
    QCOMPARE(otter::devicesAddedInStage(sizes, 5), qint64(0));
    QCOMPARE(otter::devicesAddedInStage({10, 100, 250, 500, 1000}, 2), qint64(150));
}

void TestRolloutStages::orderKeyMatchesDefinition_data()
{
    QTest::addColumn<QString>("rolloutId");
    QTest::addColumn<QString>("deviceId");
    QTest::addColumn<quint64>("expected");

    // Values computed with Python's hashlib from the definition in rollout_stages.h.
    QTest::newRow("ascii") << QStringLiteral("r-1") << QStringLiteral("dev-0001")
                           << quint64(16639379022038971090ull);
    QTest::newRow("non-ascii") << QStringLiteral("rollout-42") << QStringLiteral("gw-200-ÄÖ-😀")
                               << quint64(12817595850740951553ull);
    QTest::newRow("empty ids") << QString() << QString() << quint64(7940984811893783192ull);
}

void TestRolloutStages::orderKeyMatchesDefinition()
{
    QFETCH(QString, rolloutId);
    QFETCH(QString, deviceId);
    QFETCH(quint64, expected);

    QCOMPARE(stageOrderKey(rolloutId, deviceId), expected);

    // The same definition through Qt's own SHA-256, which does not use OpenSSL.
    const QByteArray digest =
        QCryptographicHash::hash(rolloutId.toUtf8() + '\0' + deviceId.toUtf8(), QCryptographicHash::Sha256);
    QCOMPARE(stageOrderKey(rolloutId, deviceId), qFromBigEndian<quint64>(digest.constData()));
}

void TestRolloutStages::orderKeySeparatesIds()
{
    // Without the 0x00 separator these two pairs would hash the same bytes.
    QCOMPARE(stageOrderKey(u"ab", u"c"), quint64(7783115584253305165ull));
    QCOMPARE(stageOrderKey(u"a", u"bc"), quint64(4664414737393237297ull));
    QVERIFY(stageOrderKey(u"ab", u"c") != stageOrderKey(u"a", u"bc"));
}

void TestRolloutStages::orderIsStable()
{
    const QStringList ids = deviceIds(2000);
    const QStringList first = sortByStageOrder(u"rollout-a", ids);
    QCOMPARE(first.size(), ids.size());
    QVERIFY(first != ids); // it really is reordered

    // Again (a restart or a resume recomputes it): identical.
    QCOMPARE(sortByStageOrder(u"rollout-a", ids), first);

    // The order devices are listed in does not matter.
    QStringList reversed = ids;
    std::reverse(reversed.begin(), reversed.end());
    QCOMPARE(sortByStageOrder(u"rollout-a", reversed), first);
    QStringList shuffled = ids;
    std::mt19937 random(12345);
    std::shuffle(shuffled.begin(), shuffled.end(), random);
    QCOMPARE(sortByStageOrder(u"rollout-a", shuffled), first);

    // Keys ascend along the order, and each id appears once.
    for (qsizetype i = 1; i < first.size(); ++i)
        QVERIFY(stageOrderKey(u"rollout-a", first[i - 1]) <= stageOrderKey(u"rollout-a", first[i]));
    QStringList sortedBack = first;
    sortedBack.sort();
    QCOMPARE(sortedBack, ids);
}

void TestRolloutStages::orderIsPerRollout()
{
    const QStringList ids = deviceIds(2000);
    const QStringList a = sortByStageOrder(u"rollout-a", ids);
    const QStringList b = sortByStageOrder(u"rollout-b", ids);
    QVERIFY(a != b);

    // Not merely rotated or slightly perturbed: the first stages of the two rollouts barely overlap.
    const QStringList firstA = a.mid(0, 200);
    const QStringList firstB = b.mid(0, 200);
    const auto shared =
        std::count_if(firstA.cbegin(), firstA.cend(), [&](const QString &id) { return firstB.contains(id); });
    QVERIFY2(shared < 60, qPrintable(QStringLiteral("%1 of 200 shared").arg(shared)));
}

void TestRolloutStages::orderOfSubsetIsSubsequence()
{
    // Devices leaving the target set (decommissioned, now incompatible) never reorder the rest.
    const QStringList ids = deviceIds(1000);
    const QStringList full = sortByStageOrder(u"r-7", ids);
    QStringList subset;
    for (qsizetype i = 0; i < ids.size(); ++i) {
        if (i % 3 != 0)
            subset.append(ids[i]);
    }
    QStringList expected;
    for (const QString &id : full) {
        if (subset.contains(id))
            expected.append(id);
    }
    QCOMPARE(sortByStageOrder(u"r-7", subset), expected);
}

void TestRolloutStages::distributionOverHundredThousand()
{
    const int total = 100000;
    const QStringList ids = deviceIds(total);
    const QStringList order = sortByStageOrder(u"fleet-wide-rollout", ids);
    const auto sizes = cumulativeStageSizes(total, defaultStagePercents());
    QVERIFY(sizes.ok());

    QList<qint64> perStage(sizes->size(), 0);
    qint64 firstStageInLowerHalf = 0;
    for (qsizetype rank = 0; rank < order.size(); ++rank) {
        const int stage = otter::stageOfRank(rank, *sizes);
        QVERIFY(stage >= 0);
        ++perStage[stage];
        if (stage == 0 && order[rank] < QStringLiteral("dev-050000"))
            ++firstStageInLowerHalf;
    }
    QCOMPARE(perStage, (QList<qint64>{1000, 9000, 15000, 25000, 50000}));
    for (int stage = 0; stage < sizes->size(); ++stage)
        QCOMPARE(perStage[stage], otter::devicesAddedInStage(*sizes, stage));

    // The 1% canary is spread over the fleet, not the first ids: about half from each half of the id range
    // (binomial, σ ≈ 16; the hash makes the exact figure fixed, the bound leaves it room).
    QVERIFY2(std::abs(firstStageInLowerHalf - 500) < 100, qPrintable(QString::number(firstStageInLowerHalf)));
}

void TestRolloutStages::autoPause_data()
{
    QTest::addColumn<StageCounts>("counts");
    QTest::addColumn<double>("maxPercent");
    QTest::addColumn<qint64>("minFinished");
    QTest::addColumn<int>("stageIndex");
    QTest::addColumn<QString>("reason"); // empty: no pause

    QTest::newRow("below the sample, all failed")
        << counts(0, 0, 0, 19, 0) << 5.0 << qint64(20) << 0 << QString();
    QTest::newRow("nothing finished") << counts(100, 10, 0, 0, 0) << 5.0 << qint64(20) << 0 << QString();
    QTest::newRow("exactly at threshold, sample 20")
        << counts(0, 0, 19, 1, 0) << 5.0 << qint64(20) << 0 << QString();
    QTest::newRow("exactly at threshold, 40")
        << counts(0, 0, 38, 1, 1) << 5.0 << qint64(20) << 1 << QString();
    QTest::newRow("7 of 100 at 7% is not above")
        << counts(0, 0, 93, 7, 0) << 7.0 << qint64(20) << 0 << QString();
    QTest::newRow("the issue's example") << counts(0, 0, 37, 2, 1) << 5.0 << qint64(20) << 1
                                         << QStringLiteral("stage 2 failure rate 7.5% > 5% over 40 devices");
    QTest::newRow("8 of 100 over 7%") << counts(0, 0, 92, 8, 0) << 7.0 << qint64(20) << 0
                                      << QStringLiteral("stage 1 failure rate 8% > 7% over 100 devices");
    QTest::newRow("rollbacks count as failures")
        << counts(0, 0, 18, 0, 2) << 5.0 << qint64(20) << 0
        << QStringLiteral("stage 1 failure rate 10% > 5% over 20 devices");
    QTest::newRow("pending devices do not dilute")
        << counts(1000, 50, 18, 2, 0) << 5.0 << qint64(20) << 2
        << QStringLiteral("stage 3 failure rate 10% > 5% over 20 devices");
    QTest::newRow("just above: more digits")
        << counts(0, 0, 1899, 101, 0) << 5.0 << qint64(20) << 2
        << QStringLiteral("stage 3 failure rate 5.05% > 5% over 2000 devices");
    QTest::newRow("barely above: three digits")
        << counts(0, 0, 19000, 1001, 0) << 5.0 << qint64(20) << 0
        << QStringLiteral("stage 1 failure rate 5.005% > 5% over 20001 devices");
    QTest::newRow("fractional threshold")
        << counts(0, 0, 97, 3, 0) << 2.5 << qint64(20) << 0
        << QStringLiteral("stage 1 failure rate 3% > 2.5% over 100 devices");
    QTest::newRow("zero tolerance, none failed")
        << counts(0, 0, 20, 0, 0) << 0.0 << qint64(20) << 0 << QString();
    QTest::newRow("zero tolerance, one failed")
        << counts(0, 0, 19, 1, 0) << 0.0 << qint64(20) << 0
        << QStringLiteral("stage 1 failure rate 5% > 0% over 20 devices");
    QTest::newRow("threshold 100% never pauses")
        << counts(0, 0, 0, 50, 50) << 100.0 << qint64(20) << 0 << QString();
    QTest::newRow("sample of one") << counts(0, 0, 0, 1, 0) << 5.0 << qint64(1) << 0
                                   << QStringLiteral("stage 1 failure rate 100% > 5% over 1 device");
}

void TestRolloutStages::autoPause()
{
    QFETCH(StageCounts, counts);
    QFETCH(double, maxPercent);
    QFETCH(qint64, minFinished);
    QFETCH(int, stageIndex);
    QFETCH(QString, reason);

    const FailurePolicy policy{maxPercent, minFinished};
    QVERIFY(validateFailurePolicy(policy).ok());
    const std::optional<QString> decision = shouldAutoPause(counts, policy, stageIndex);
    if (reason.isEmpty()) {
        QVERIFY2(!decision, qPrintable(decision.value_or(QString())));
    } else {
        QVERIFY(decision);
        QCOMPARE(*decision, reason);
    }
}

void TestRolloutStages::policyValidation()
{
    QVERIFY(validateFailurePolicy({}).ok());
    QVERIFY(!validateFailurePolicy({101.0, 20}).ok());
    QVERIFY(!validateFailurePolicy({-1.0, 20}).ok());
    QVERIFY(!validateFailurePolicy({std::nan(""), 20}).ok());
    const auto noSample = validateFailurePolicy({5.0, 0});
    QVERIFY(!noSample.ok());
    QVERIFY(noSample.errorMessage().contains(QStringLiteral("at least 1 device")));

    QCOMPARE(failurePercent(counts(5, 5, 0, 0, 0)), 0.0);
    QCOMPARE(failurePercent(counts(0, 0, 3, 1, 0)), 25.0);
    QCOMPARE(failurePercent(counts(0, 0, 2, 1, 1)), 50.0);

    StageCounts sum = counts(1, 2, 3, 4, 5);
    sum += counts(10, 20, 30, 40, 50);
    QCOMPARE(sum, counts(11, 22, 33, 44, 55));
    QCOMPARE(sum.finished(), qint64(132));
    QCOMPARE(sum.total(), qint64(165));
}

void TestRolloutStages::gate_data()
{
    QTest::addColumn<StageCounts>("counts");
    QTest::addColumn<double>("minSuccess");
    QTest::addColumn<qint64>("minSoakSeconds");
    QTest::addColumn<qint64>("soakedSeconds");
    QTest::addColumn<int>("state");
    QTest::addColumn<QString>("reason");

    const int passed = int(GateState::Passed);
    const int waiting = int(GateState::Waiting);
    const int blocked = int(GateState::Blocked);
    const qint64 halfHour = 30 * 60;

    QTest::newRow("empty stage passes at once")
        << counts(0, 0, 0, 0, 0) << 95.0 << halfHour << qint64(0) << passed
        << QStringLiteral("stage 2 has no devices; nothing to wait for");
    QTest::newRow("one device not started")
        << counts(1, 0, 39, 0, 0) << 95.0 << halfHour << halfHour << waiting
        << QStringLiteral("stage 2: waiting for 1 device not started");
    QTest::newRow("both") << counts(2, 1, 37, 0, 0) << 95.0 << qint64(0) << qint64(0) << waiting
                          << QStringLiteral(
                                 "stage 2: waiting for 1 device in progress and 2 devices not started");
    QTest::newRow("devices in flight") << counts(0, 3, 37, 0, 0) << 95.0 << halfHour << halfHour << waiting
                                       << QStringLiteral("stage 2: waiting for 3 devices in progress");
    QTest::newRow("exactly at the gate, soaked")
        << counts(0, 0, 38, 1, 1) << 95.0 << halfHour << halfHour << passed
        << QStringLiteral("stage 2 passed its gate: success 95% (38 of 40) "
                          "meets 95%, soaked 30m");
    QTest::newRow("19 of 20 is exactly 95%")
        << counts(0, 0, 19, 1, 0) << 95.0 << qint64(0) << qint64(0) << passed
        << QStringLiteral("stage 2 passed its gate: success 95% (19 of 20) "
                          "meets 95%, soaked 0s");
    QTest::newRow("below the gate") << counts(0, 0, 37, 3, 0) << 95.0 << halfHour << halfHour << blocked
                                    << QStringLiteral(
                                           "stage 2: success 92.5% (37 of 40) is below the 95% gate");
    QTest::newRow("below the gate before soak too")
        << counts(0, 0, 37, 0, 3) << 95.0 << halfHour << qint64(0) << blocked
        << QStringLiteral("stage 2: success 92.5% (37 of 40) is below the 95% gate");
    QTest::newRow("one second short of the soak")
        << counts(0, 0, 40, 0, 0) << 95.0 << halfHour << halfHour - 1 << waiting
        << QStringLiteral("stage 2: soaking, 29m 59s of 30m elapsed");
    QTest::newRow("gate 100%, one failure")
        << counts(0, 0, 99, 1, 0) << 100.0 << qint64(0) << qint64(0) << blocked
        << QStringLiteral("stage 2: success 99% (99 of 100) is below the 100% gate");
    QTest::newRow("gate 0% lets failures through")
        << counts(0, 0, 0, 10, 0) << 0.0 << qint64(60) << qint64(3600) << passed
        << QStringLiteral("stage 2 passed its gate: success 0% (0 of 10) "
                          "meets 0%, soaked 1h");
    QTest::newRow("just below: more digits")
        << counts(0, 0, 1899, 101, 0) << 95.0 << qint64(0) << qint64(0) << blocked
        << QStringLiteral("stage 2: success 94.95% (1899 of 2000) is below the 95% gate");
}

void TestRolloutStages::gate()
{
    QFETCH(StageCounts, counts);
    QFETCH(double, minSuccess);
    QFETCH(qint64, minSoakSeconds);
    QFETCH(qint64, soakedSeconds);
    QFETCH(int, state);
    QFETCH(QString, reason);

    const StageGate gate{minSuccess, std::chrono::seconds(minSoakSeconds)};
    QVERIFY(validateStageGate(gate).ok());
    const std::chrono::milliseconds soaked = std::chrono::seconds(soakedSeconds);
    const GateDecision decision = evaluateGate(counts, gate, soaked, 1);
    QCOMPARE(int(decision.state), state);
    QCOMPARE(decision.reason, reason);
    QCOMPARE(gatePassed(counts, gate, soaked), state == int(GateState::Passed));
}

void TestRolloutStages::gateValidation()
{
    QVERIFY(validateStageGate({}).ok());
    QVERIFY(!validateStageGate({100.5, 0ms}).ok());
    QVERIFY(!validateStageGate({-0.1, 0ms}).ok());
    const auto negativeSoak = validateStageGate({95.0, -1ms});
    QVERIFY(!negativeSoak.ok());
    QVERIFY(negativeSoak.errorMessage().contains(QStringLiteral("soak time")));
    QVERIFY(validateStageGate({95.0, kMaxStageSoak}).ok());
    const auto longSoak = validateStageGate({95.0, kMaxStageSoak + 1s});
    QVERIFY(!longSoak.ok());
    QCOMPARE(longSoak.errorMessage(), QStringLiteral("the gate's soak time must be at most 30 days"));
}

void TestRolloutStages::formatting()
{
    QCOMPARE(formatPercent(7.5), QStringLiteral("7.5"));
    QCOMPARE(formatPercent(5.0), QStringLiteral("5"));
    QCOMPARE(formatPercent(200.0 / 3.0), QStringLiteral("66.7"));
    QCOMPARE(formatPercent(5.0, 5.0), QStringLiteral("5"));
    QCOMPARE(formatPercent(5.04, 5.0), QStringLiteral("5.04"));

    QCOMPARE(formatDuration(0ms), QStringLiteral("0s"));
    QCOMPARE(formatDuration(999ms), QStringLiteral("0s"));
    QCOMPARE(formatDuration(45s), QStringLiteral("45s"));
    QCOMPARE(formatDuration(30min), QStringLiteral("30m"));
    QCOMPARE(formatDuration(65min), QStringLiteral("1h 5m"));
    QCOMPARE(formatDuration(1h), QStringLiteral("1h"));
    QCOMPARE(formatDuration(std::chrono::seconds(90061)), QStringLiteral("1d 1h"));
}

QTEST_APPLESS_MAIN(TestRolloutStages)
#include "tst_rollout_stages.moc"
