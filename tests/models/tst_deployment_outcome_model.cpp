// DeploymentOutcomeModel: pages of device outcomes appended in order, cleared for a new filter, cells as the
// rollout detail's table shows them.
#include "models/deployment_outcome_model.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>
#include <QTimeZone>

using namespace otter::models;

namespace {

DeploymentRecord deployment(const QString &device, int stage, const QString &state)
{
    DeploymentRecord record;
    record.id = QStringLiteral("d-") + device;
    record.rolloutId = QStringLiteral("r1");
    record.deviceId = device;
    record.stage = stage;
    record.state = state;
    record.createdAt = QDateTime::fromMSecsSinceEpoch(1'700'000'000'000, QTimeZone::utc());
    return record;
}

} // namespace

class TestDeploymentOutcomeModel final : public QObject
{
    Q_OBJECT

private slots:
    void pagesAppendAndClear();
    void cells_data();
    void cells();
};

void TestDeploymentOutcomeModel::pagesAppendAndClear()
{
    DeploymentOutcomeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QVERIFY(inserted.isValid());
    model.appendPage({deployment(QStringLiteral("dev-1"), 0, QStringLiteral("SUCCEEDED")),
                      deployment(QStringLiteral("dev-2"), 1, QStringLiteral("FAILED"))});
    model.appendPage({});
    model.appendPage({deployment(QStringLiteral("dev-3"), 1, QStringLiteral("PENDING"))});
    QCOMPARE(inserted.size(), 2);
    QCOMPARE(inserted.at(1).at(1).toInt(), 2);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.deployment(2).deviceId, QStringLiteral("dev-3"));
    QCOMPARE(model.data(model.index(1, DeploymentOutcomeModel::Device), DeploymentOutcomeModel::StateRole)
                 .toString(),
             QStringLiteral("FAILED"));
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

void TestDeploymentOutcomeModel::cells_data()
{
    QTest::addColumn<DeploymentRecord>("record");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("text");
    DeploymentRecord rolledBack = deployment(QStringLiteral("dev-9"), 1, QStringLiteral("ROLLED_BACK"));
    rolledBack.error = QStringLiteral("HEALTH_CHECK_FAILED");
    rolledBack.detail = QStringLiteral("watchdog fired");
    DeploymentRecord skipped = deployment(QStringLiteral("dev-4"), -1, QStringLiteral("SKIPPED"));
    skipped.skipReason = QStringLiteral("ALREADY_CURRENT");
    QTest::newRow("device") << rolledBack << int(DeploymentOutcomeModel::Device) << QStringLiteral("dev-9");
    QTest::newRow("stage counted from 1")
        << rolledBack << int(DeploymentOutcomeModel::Stage) << QStringLiteral("2");
    QTest::newRow("state") << rolledBack << int(DeploymentOutcomeModel::State)
                           << QStringLiteral("rolled back");
    QTest::newRow("error and detail") << rolledBack << int(DeploymentOutcomeModel::Detail)
                                      << QStringLiteral("health check failed · watchdog fired");
    QTest::newRow("skipped has no stage")
        << skipped << int(DeploymentOutcomeModel::Stage) << QStringLiteral("none");
    QTest::newRow("skip reason") << skipped << int(DeploymentOutcomeModel::Detail)
                                 << QStringLiteral("already current");
    QTest::newRow("unfinished") << skipped << int(DeploymentOutcomeModel::Finished) << QString();
}

void TestDeploymentOutcomeModel::cells()
{
    QFETCH(DeploymentRecord, record);
    QFETCH(int, column);
    QFETCH(QString, text);
    DeploymentOutcomeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.appendPage({record});
    QCOMPARE(model.data(model.index(0, column)).toString(), text);
}

QTEST_GUILESS_MAIN(TestDeploymentOutcomeModel)
#include "tst_deployment_outcome_model.moc"
