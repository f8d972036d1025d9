// otter-sim's memory per device: 20,000 provisioned devices run by one otter-sim process against a real
// otterd until every device has checked in, then the child's peak RSS (VmHWM) is printed in total and per
// device, beside a baseline measured in the same run — the same process with 100 devices — so that the
// per-device figure excludes the fixed cost of Qt, gRPC and TLS. Prints figures; asserts only that the runs
// worked.
#include "otterd_harness.h"
#include "release_fixtures.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

#include <csignal>
#include <cstdio>

using namespace otter::test;

namespace {

constexpr int DeviceCount = 20000;
constexpr int BaselineCount = 100;

qint64 peakRssKiB(qint64 pid)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

struct Run
{
    bool ok = false;
    double secondsToCheckIn = 0;
    qint64 peakKiB = 0;
};

Run runFleet(const OtterdHarness &otterd, const QString &dir, const QString &credentials, int devices)
{
    Run run;
    QProcess sim;
    sim.setProcessChannelMode(QProcess::SeparateChannels);
    endWithTest(sim);
    QElapsedTimer clock;
    clock.start();
    sim.start(qEnvironmentVariable("OTTER_SIM", QStringLiteral("otter-sim")),
              {QStringLiteral("run"), QStringLiteral("--server"), otterd.address(), QStringLiteral("--ca"),
               writeFile(dir + QStringLiteral("/ca.pem"), otterd.caPem()), QStringLiteral("--provision"),
               credentials, QStringLiteral("--devices"), QString::number(devices), QStringLiteral("--state"),
               QStringLiteral("%1/fleet-%2.db").arg(dir).arg(devices), QStringLiteral("--summary-interval"),
               QStringLiteral("1")});
    if (!sim.waitForStarted())
        return run;
    const QByteArray goal = QByteArray::number(devices) + " checked in";
    QByteArray out;
    run.ok = waitFor(
                 [&] {
                     sim.waitForReadyRead(200);
                     out += sim.readAllStandardOutput();
                     return out.contains(goal) || sim.state() == QProcess::NotRunning;
                 },
                 600000) &&
             out.contains(goal);
    run.secondsToCheckIn = double(clock.elapsed()) / 1000.0;
    run.peakKiB = peakRssKiB(sim.processId());
    ::kill(pid_t(sim.processId()), SIGINT);
    sim.waitForFinished(120000);
    run.ok = run.ok && sim.exitCode() == 0;
    if (!run.ok)
        std::fprintf(stderr, "otter-sim with %d devices failed: %s\n%s\n", devices,
                     out.right(2000).constData(), sim.readAllStandardError().constData());
    return run;
}

} // namespace

int main()
{
    OtterdHarness otterd;
    if (!otterd.start({QStringLiteral("--check-in-interval"), QStringLiteral("60")})) {
        std::fprintf(stderr, "%s\n", qPrintable(otterd.error()));
        return 1;
    }
    QTemporaryDir dir;
    QElapsedTimer clock;
    clock.start();
    const auto tokens = otterd.provision(DeviceCount);
    const double provisionSeconds = double(clock.elapsed()) / 1000.0;
    if (tokens.size() != DeviceCount) {
        std::fprintf(stderr, "provisioned %lld of %d devices\n", qlonglong(tokens.size()), DeviceCount);
        return 1;
    }
    QByteArray csv = "id,token\n";
    for (auto it = tokens.begin(); it != tokens.end(); ++it)
        csv += it.key().toUtf8() + ',' + it.value().toUtf8() + '\n';
    const QString credentials = writeFile(dir.filePath(QStringLiteral("creds.csv")), csv);

    const Run baseline = runFleet(otterd, dir.path(), credentials, BaselineCount);
    const Run fleet = runFleet(otterd, dir.path(), credentials, DeviceCount);
    if (!baseline.ok || !fleet.ok)
        return 1;
    const double perDevice =
        double(fleet.peakKiB - baseline.peakKiB) * 1024.0 / (DeviceCount - BaselineCount);
    std::printf("provisioning %d devices (otterd device provision --csv): %.1f s\n", DeviceCount,
                provisionSeconds);
    std::printf("otter-sim %6d devices: peak RSS %8.1f MiB, all checked in after %.1f s\n", BaselineCount,
                double(baseline.peakKiB) / 1024.0, baseline.secondsToCheckIn);
    std::printf("otter-sim %6d devices: peak RSS %8.1f MiB, all checked in after %.1f s\n", DeviceCount,
                double(fleet.peakKiB) / 1024.0, fleet.secondsToCheckIn);
    std::printf("per device beyond the %d-device baseline: %.0f bytes; whole process per device: %.0f bytes "
                "(budget: 1 GiB for 20,000 = 53687 bytes)\n",
                BaselineCount, perDevice, double(fleet.peakKiB) * 1024.0 / DeviceCount);
    return 0;
}
