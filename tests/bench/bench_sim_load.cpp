// otter-sim load against a real otterd: achieved check-ins/s and latency p50/p99 at "as fast as it
// answers" with 64 calls in flight, next to the CPU share of otter-sim itself (its own getrusage) and of
// otterd (/proc/<pid>/stat over the same interval), so the figures show which side is the bottleneck.
// The baseline in the same run is a paced run at 200 check-ins/s. Prints figures; asserts nothing on time.
#include "otterd_harness.h"
#include "release_fixtures.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <unistd.h>

#include <cstdio>

using namespace otter::test;

namespace {

constexpr int DeviceCount = 2000;

// otterd is the harness's child; it is found by its data directory on the command line.
qint64 otterdPid(const OtterdHarness &otterd)
{
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs);
    for (const QString &entry : entries) {
        bool numeric = false;
        const qint64 pid = entry.toLongLong(&numeric);
        if (!numeric)
            continue;
        QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(pid));
        if (!cmdline.open(QIODevice::ReadOnly))
            continue;
        const QByteArray text = cmdline.readAll();
        if (text.contains(otterd.dataDir().toUtf8()) && text.contains("--listen"))
            return pid;
    }
    return -1;
}

double cpuSecondsOf(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray text = stat.readAll();
    // Fields after the parenthesised command name; utime and stime are the 14th and 15th fields.
    const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
    return double(fields.value(11).toLongLong() + fields.value(12).toLongLong()) /
           double(sysconf(_SC_CLK_TCK));
}

struct Figures
{
    QString line;
    double otterdCpu = 0;
    bool ok = false;
};

Figures load(const OtterdHarness &otterd, qint64 pid, const QString &ca, const QString &credentials,
             const QString &rate)
{
    Figures figures;
    QProcess sim;
    endWithTest(sim);
    const double cpuBefore = cpuSecondsOf(pid);
    QElapsedTimer clock;
    clock.start();
    sim.start(qEnvironmentVariable("OTTER_SIM", QStringLiteral("otter-sim")),
              {QStringLiteral("load"), QStringLiteral("--server"), otterd.address(), QStringLiteral("--ca"),
               ca, QStringLiteral("--provision"), credentials, QStringLiteral("--rate"), rate,
               QStringLiteral("--duration"), QStringLiteral("15"), QStringLiteral("--concurrency"),
               QStringLiteral("64")});
    sim.waitForFinished(120000);
    figures.otterdCpu = (cpuSecondsOf(pid) - cpuBefore) / (double(clock.elapsed()) / 1000.0);
    figures.line = QString::fromUtf8(sim.readAllStandardOutput()).trimmed();
    figures.ok = sim.exitCode() == 0;
    if (!figures.ok)
        std::fprintf(stderr, "otter-sim load failed: %s\n", sim.readAllStandardError().constData());
    return figures;
}

} // namespace

int main()
{
    OtterdHarness otterd;
    if (!otterd.start()) {
        std::fprintf(stderr, "%s\n", qPrintable(otterd.error()));
        return 1;
    }
    const qint64 pid = otterdPid(otterd);
    QTemporaryDir dir;
    const auto tokens = otterd.provision(DeviceCount);
    QByteArray csv = "id,token\n";
    for (auto it = tokens.begin(); it != tokens.end(); ++it)
        csv += it.key().toUtf8() + ',' + it.value().toUtf8() + '\n';
    const QString credentials = writeFile(dir.filePath(QStringLiteral("creds.csv")), csv);
    const QString ca = writeFile(dir.filePath(QStringLiteral("ca.pem")), otterd.caPem());

    const Figures paced = load(otterd, pid, ca, credentials, QStringLiteral("200"));
    const Figures max = load(otterd, pid, ca, credentials, QStringLiteral("max"));
    if (!paced.ok || !max.ok)
        return 1;
    std::printf(
        "%d devices, 64 calls in flight, 15 s each; cpu = cores busy (1.0 = one core), %ld cores here\n",
        DeviceCount, sysconf(_SC_NPROCESSORS_ONLN));
    std::printf("baseline  rate 200: otter-sim %s | otterd cpu %.3f\n", qPrintable(paced.line),
                paced.otterdCpu);
    std::printf("max       rate max: otter-sim %s | otterd cpu %.3f\n", qPrintable(max.line), max.otterdCpu);
    return 0;
}
