// The otter-sim binary as operators run it: --version, a usage error that names the flag, and a fleet of a
// few hundred devices against a real otterd, stopped with SIGINT in the middle of a rollout: exit code 0 and
// a state file that the stock sqlite3 tool finds whole and in line with what otterd recorded.
#include "sim_fleet.h"

#include "otter_version.h"

#include <QProcess>
#include <QTest>

#include <csignal>

using namespace otter;
using namespace otter::test;

namespace {

QString simPath()
{
    return qEnvironmentVariable("OTTER_SIM", QStringLiteral("otter-sim"));
}

QString sqlite(const QString &database, const QString &sql)
{
    QProcess process;
    process.start(QStringLiteral("sqlite3"), {database, sql});
    process.waitForFinished(60000);
    return QString::fromUtf8(process.readAllStandardOutput()).trimmed();
}

} // namespace

class TestSimCli : public QObject
{
    Q_OBJECT

private slots:
    void printsItsVersion()
    {
        QProcess sim;
        sim.start(simPath(), {QStringLiteral("--version")});
        QVERIFY(sim.waitForFinished(30000));
        QCOMPARE(sim.exitCode(), 0);
        QCOMPARE(sim.readAllStandardOutput().trimmed(), QByteArray("otter-sim " OTTER_VERSION));
    }

    void usageErrorsNameTheFlag_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("no server") << QStringList{QStringLiteral("run")} << "--server is required";
        QTest::newRow("no subcommand") << QStringList{QStringLiteral("fly")} << "usage: otter-sim run";
    }

    void usageErrorsNameTheFlag()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        QProcess sim;
        sim.start(simPath(), arguments);
        QVERIFY(sim.waitForFinished(30000));
        QCOMPARE(sim.exitCode(), 2);
        const QString error = QString::fromUtf8(sim.readAllStandardError());
        QVERIFY2(error.contains(message), qPrintable(error));
    }

    void sigintStopsCleanly()
    {
        OtterdHarness otterd;
        QVERIFY2(otterd.start({QStringLiteral("--check-in-interval"), QStringLiteral("6")}),
                 qPrintable(otterd.error()));
        const TestKey key = newTestKey();
        QVERIFY(trustKey(otterd, key).ok());
        QTemporaryDir dir;
        const QString keyPath = writeFile(dir.filePath(QStringLiteral("fleet.pub.pem")), key.publicPem);
        const QString caPath = writeFile(dir.filePath(QStringLiteral("ca.pem")), otterd.caPem());
        const QString state = dir.filePath(QStringLiteral("fleet.db"));
        // The credentials file exactly as `otterd device provision` printed it.
        const auto tokens = otterd.provision(300, QStringLiteral("gw-200"), QStringLiteral("cli"));
        QByteArray csv = "id,token\n";
        for (auto it = tokens.begin(); it != tokens.end(); ++it)
            csv += it.key().toUtf8() + ',' + it.value().toUtf8() + '\n';
        const QString credentials = writeFile(dir.filePath(QStringLiteral("creds.csv")), csv);

        QProcess sim;
        sim.setProcessChannelMode(QProcess::SeparateChannels);
        sim.start(simPath(), {QStringLiteral("run"), QStringLiteral("--server"), otterd.address(),
                              QStringLiteral("--ca"), caPath, QStringLiteral("--provision"), credentials,
                              QStringLiteral("--devices"), QStringLiteral("300"), QStringLiteral("--state"),
                              state, QStringLiteral("--trust"), keyPath, QStringLiteral("--region"),
                              QStringLiteral("cli"), QStringLiteral("--summary-interval"),
                              QStringLiteral("1"), QStringLiteral("--seed"), QStringLiteral("7")});
        QVERIFY(sim.waitForStarted());
        QByteArray out;
        QVERIFY(waitFor(
            [&] {
                sim.waitForReadyRead(100);
                out += sim.readAllStandardOutput();
                return out.contains("300 checked in");
            },
            60000));

        RolloutScenario scenario(otterd);
        const SignedRelease release = uploadSimRelease(otterd, key, dir.path(), QStringLiteral("2.0.0"), 2);
        QVERIFY(scenario.createGroup(QStringLiteral("cli"), QStringLiteral("region == \"cli\"")).ok());
        QVERIFY(scenario
                    .createApproved(QStringLiteral("cli"), release.releaseId, {QStringLiteral("cli")}, {100},
                                    10, 10, nullptr)
                    .ok());
        QVERIFY(scenario.act(QStringLiteral("Start"), QStringLiteral("cli")).ok());
        QVERIFY(waitForRollout(
            scenario, QStringLiteral("cli"),
            [](const auto &r) { return r.progress().total().succeeded() >= 30; }, 90000));

        ::kill(pid_t(sim.processId()), SIGINT);
        QVERIFY(sim.waitForFinished(60000));
        out += sim.readAllStandardOutput();
        QCOMPARE(sim.exitStatus(), QProcess::NormalExit);
        QVERIFY2(sim.exitCode() == 0, sim.readAllStandardError().constData());
        QVERIFY(out.contains("stopped; state written"));

        QCOMPARE(sqlite(state, QStringLiteral("PRAGMA integrity_check")), QStringLiteral("ok"));
        QCOMPARE(sqlite(state, QStringLiteral("SELECT count(*) FROM devices")), QStringLiteral("300"));
        // No device may be left to boot a bank that is not whole.
        QCOMPARE(sqlite(state,
                        QStringLiteral(
                            "SELECT count(*) FROM devices WHERE "
                            "(committed_bank = 0 AND a_valid = 0) OR (committed_bank = 1 AND b_valid = 0)")),
                 QStringLiteral("0"));
        // Every device otterd counts as updated has the new version committed in the state file.
        const QStringList updated =
            sqlite(state,
                   QStringLiteral("SELECT id FROM devices WHERE "
                                  "CASE committed_bank WHEN 0 THEN a_version ELSE b_version END = '2.0.0'"))
                .split(u'\n', Qt::SkipEmptyParts);
        const auto succeeded = scenario.deployments(QStringLiteral("cli"), {v1::DEPLOYMENT_STATE_SUCCEEDED});
        QVERIFY(succeeded.size() >= 30);
        for (const v1::Deployment &deployment : succeeded)
            QVERIFY2(updated.contains(QString::fromStdString(deployment.device_id())),
                     deployment.device_id().c_str());
        QCOMPARE(sqlite(state, QStringLiteral("SELECT count(*) FROM devices WHERE security_counter = 2")),
                 QString::number(updated.size()));
    }
};

QTEST_GUILESS_MAIN(TestSimCli)
#include "tst_sim_cli.moc"
