// DashboardPage: the summary fills the version chart (semver order, long tail folded), the count tiles,
// the state table and the active rollouts; a second summary replaces the first.
#include "tst_pages_fixtures.h"

#include "ui/pages/dashboard_page.h"
#include "ui/pages/version_chart.h"

#include <QSignalSpy>
#include <QTest>
#include <QTreeWidget>
#include <QtCharts/QBarSeries>
#include <QtCharts/QChart>

using namespace otter;
using namespace otter::ui;
using namespace otter::ui::testing;

class TestDashboardPage final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void summaryFillsChartAndTiles()
    {
        DashboardPage page;
        page.setSummary(sampleSummary());
        VersionChart *chart = page.versionChart();
        QCOMPARE(chart->categories(),
                 (QStringList{QStringLiteral("2.2.4"), QStringLiteral("2.3.0"), QStringLiteral("2.4.0"),
                              QStringLiteral("2.4.1"), QStringLiteral("2.10.0-rc.1")}));
        QCOMPARE(chart->values(), (QList<qint64>{4420, 38110, 15020, 41250, 1200}));
        QCOMPARE(page.tileText(DashboardPage::Tile::Devices), QStringLiteral("100,000"));
        QCOMPARE(page.tileText(DashboardPage::Tile::Updating), QStringLiteral("2,950"));
        QCOMPARE(page.tileText(DashboardPage::Tile::Failed), QStringLiteral("312"));
        QCOMPARE(page.tileText(DashboardPage::Tile::ActiveRollouts), QStringLiteral("2"));
        QCOMPARE(page.statesView()->topLevelItemCount(), 4);
        QCOMPARE(page.statesView()->topLevelItem(2)->text(2), QStringLiteral("0.3 %"));

        QTreeWidget *rollouts = page.rolloutsView();
        QCOMPARE(rollouts->topLevelItemCount(), 2);
        QCOMPARE(rollouts->topLevelItem(0)->text(3), QStringLiteral("2 of 5 (10 %)"));
        QCOMPARE(rollouts->topLevelItem(1)->text(1), QStringLiteral("2.4.1")); // release named by version
        QVERIFY(rollouts->topLevelItem(1)->text(2).contains(QStringLiteral("failure threshold")));
        QSignalSpy activated(&page, &DashboardPage::rolloutActivated);
        emit rollouts->itemActivated(rollouts->topLevelItem(1), 0);
        QCOMPARE(activated.count(), 1);
        QCOMPARE(activated.at(0).at(0).toString(), QStringLiteral("r-19aa"));
    }

    void newSummaryReplacesTheBars()
    {
        DashboardPage page;
        page.setSummary(sampleSummary());
        FleetSummary next;
        next.byVersion = {{QStringLiteral("3.0.0"), 10}, {QStringLiteral("2.4.1"), 90}};
        next.byState = {{QStringLiteral("IDLE"), 100}};
        page.setSummary(next);
        const auto *series = qobject_cast<QBarSeries *>(page.versionChart()->chart()->series().constFirst());
        QVERIFY(series);
        QCOMPARE(page.versionChart()->chart()->series().size(), 1);
        QCOMPARE(series->barSets().size(), 1);
        QCOMPARE(page.versionChart()->categories(),
                 (QStringList{QStringLiteral("2.4.1"), QStringLiteral("3.0.0")}));
        QCOMPARE(page.versionChart()->values(), (QList<qint64>{90, 10}));
        QCOMPARE(page.tileText(DashboardPage::Tile::Failed), QStringLiteral("0"));
        QCOMPARE(page.rolloutsView()->topLevelItemCount(), 0);
    }

    void longTailIsFoldedIntoOther()
    {
        FleetSummary summary;
        qint64 tail = 0;
        for (int minor = 0; minor < 15; ++minor) {
            const qint64 count = 1000 - minor * 10;
            summary.byVersion.append({QStringLiteral("1.%1.0").arg(minor), count});
            if (minor >= VersionChart::MaxBars - 1)
                tail += count;
        }
        DashboardPage page;
        page.setSummary(summary);
        const QStringList categories = page.versionChart()->categories();
        QCOMPARE(categories.size(), VersionChart::MaxBars);
        QCOMPARE(categories.first(), QStringLiteral("1.0.0"));
        QCOMPARE(categories.last(), QStringLiteral("other"));
        QCOMPARE(page.versionChart()->values().last(), tail);
    }
};

QTEST_MAIN(TestDashboardPage)
#include "tst_pages_dashboard.moc"
