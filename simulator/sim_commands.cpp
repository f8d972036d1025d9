// otter-sim's subcommands: flag parsing with operator-readable refusals, then the runner or the generator.
#include "simulator/sim_commands.h"

#include "core/semver.h"
#include "core/signing.h"
#include "simulator/credentials.h"
#include "simulator/fleet_runner.h"
#include "simulator/fleet_setup.h"
#include "simulator/load_generator.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>

#include <cstdio>
#include <optional>

namespace otter::sim {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("otter::sim", text);
}

void printError(const QString &text)
{
    std::fprintf(stderr, "otter-sim: %s\n", qPrintable(text));
}

void printLine(const QString &text)
{
    std::fprintf(stdout, "%s\n", qPrintable(text));
    std::fflush(stdout);
}

QCommandLineOption option(const char *name, const QString &help, const char *value = nullptr)
{
    return value ? QCommandLineOption(QString::fromLatin1(name), help, QString::fromLatin1(value))
                 : QCommandLineOption(QString::fromLatin1(name), help);
}

void addConnectionOptions(QCommandLineParser &parser)
{
    parser.addOption(option("server", tr("otterd address host:port."), "host:port"));
    parser.addOption(option("ca", tr("CA certificate (PEM) that signed otterd's certificate."), "file"));
    parser.addOption(
        option("provision", tr("Device credentials: the id,token CSV of otterd device provision."), "file"));
    parser.addOption(option("channels", tr("Connections to spread the fleet over (default 4)."), "n"));
    parser.addOption(option("class", tr("Hardware class of the devices (default gw-200)."), "class"));
    parser.addOption(
        option("version", tr("Firmware version of devices new to the state (default 1.0.0)."), "semver"));
    parser.addOption(option("svn", tr("Security version of devices new to the state (default 1)."), "n"));
}

// A whole number within [low, high], or a message naming the flag.
std::optional<qint64> number(const QCommandLineParser &parser, const char *name, qint64 fallback, qint64 low,
                             qint64 high, QString *error)
{
    const QString flag = QString::fromLatin1(name);
    if (!parser.isSet(flag))
        return fallback;
    bool ok = false;
    const qint64 value = parser.value(flag).toLongLong(&ok);
    if (!ok || value < low || value > high) {
        *error = tr("--%1 must be a whole number from %2 to %3, not \"%4\"")
                     .arg(flag)
                     .arg(low)
                     .arg(high)
                     .arg(parser.value(flag));
        return std::nullopt;
    }
    return value;
}

struct Connection
{
    QString server;
    QByteArray caPem;
    QList<Credential> credentials;
    int channels = 4;
    FactoryImage image;
};

std::optional<Connection> connection(const QCommandLineParser &parser, QString *error)
{
    Connection c;
    for (const char *required : {"server", "ca", "provision"}) {
        if (!parser.isSet(QString::fromLatin1(required))) {
            *error = tr("--%1 is required").arg(QString::fromLatin1(required));
            return std::nullopt;
        }
    }
    c.server = parser.value(QStringLiteral("server"));
    QFile ca(parser.value(QStringLiteral("ca")));
    if (!ca.open(QIODevice::ReadOnly) || (c.caPem = ca.read(1 << 20)).isEmpty()) {
        *error = tr("cannot read the CA certificate %1").arg(ca.fileName());
        return std::nullopt;
    }
    auto credentials = readCredentials(parser.value(QStringLiteral("provision")));
    if (!credentials) {
        *error = credentials.errorMessage();
        return std::nullopt;
    }
    c.credentials = *credentials;
    const auto channels = number(parser, "channels", 4, 1, 64, error);
    const auto svn = number(parser, "svn", 1, 0, (qint64(1) << 53) - 1, error);
    if (!channels || !svn)
        return std::nullopt;
    c.channels = int(*channels);
    c.image.securityVersion = quint64(*svn);
    if (parser.isSet(QStringLiteral("class")))
        c.image.hardwareClass = parser.value(QStringLiteral("class"));
    if (parser.isSet(QStringLiteral("version"))) {
        c.image.version = parser.value(QStringLiteral("version"));
        if (!isSemVer(c.image.version)) {
            *error =
                tr("--version must be a semantic version such as 1.2.0, not \"%1\"").arg(c.image.version);
            return std::nullopt;
        }
    }
    return c;
}

int usage(const QString &message)
{
    printError(message);
    return 2;
}

} // namespace

int runFleetCommand(const QStringList &arguments, const std::atomic<bool> *stopFlag)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("otter-sim run: a fleet of simulated devices on the real device API, in one process."));
    parser.addHelpOption();
    addConnectionOptions(parser);
    parser.addOption(
        option("devices", tr("How many of the provisioned devices to run (default: all)."), "n"));
    parser.addOption(option("state", tr("SQLite state file; a restart resumes the devices in it."), "file"));
    parser.addOption(option("time-scale", tr("Device time runs this many times faster (default 1)."), "x"));
    parser.addOption(option("seed", tr("Seed for jitter and every fault draw (default 1)."), "n"));
    parser.addOption(option("region", tr("Region of devices new to the state."), "region"));
    parser.addOption(
        option("labels", tr("Labels of devices new to the state, key=value;key=value."), "labels"));
    parser.addOption(option("trust", tr("A public key (PEM) the devices trust; repeat for more."), "file"));
    parser.addOption(option(
        "boot-fail", tr("VERSION=P: trial boots of that version fail with probability P."), "version=p"));
    parser.addOption(option("drop", tr("Probability per chunk that the download stream breaks."), "p"));
    parser.addOption(
        option("power-loss", tr("Probability per install of a power cut at a random point."), "p"));
    parser.addOption(
        option("busy", tr("Probability per idle check-in that a device turns busy a while."), "p"));
    parser.addOption(
        option("corrupt-chunk", tr("Probability per download that one chunk arrives damaged."), "p"));
    parser.addOption(
        option("clock-skew", tr("Device clocks are off by up to this many seconds."), "seconds"));
    parser.addOption(option("max-in-flight", tr("Cap on calls in flight (default 256)."), "n"));
    parser.addOption(
        option("summary-interval", tr("Seconds between summary lines (default 5, 0: none)."), "seconds"));
    if (!parser.parse(arguments))
        return usage(parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        printLine(parser.helpText());
        return 0;
    }
    QString error;
    auto c = connection(parser, &error);
    if (!c)
        return usage(error);
    c->image.region = parser.value(QStringLiteral("region"));
    c->image.labels = parser.value(QStringLiteral("labels"));
    DeviceConfig device;
    const auto devices = number(parser, "devices", 0, 1, 10000000, &error);
    const auto seed = number(parser, "seed", 1, 0, std::numeric_limits<qint64>::max(), &error);
    const auto skew = number(parser, "clock-skew", 0, 0, 365 * 86400, &error);
    const auto inFlight = number(parser, "max-in-flight", 256, 1, 100000, &error);
    const auto summaryEvery = number(parser, "summary-interval", 5, 0, 86400, &error);
    if (!devices || !seed || !skew || !inFlight || !summaryEvery)
        return usage(error);
    device.seed = quint64(*seed);
    device.faults.clockSkewSeconds = int(*skew);
    if (parser.isSet(QStringLiteral("time-scale"))) {
        bool ok = false;
        device.timeScale = parser.value(QStringLiteral("time-scale")).toDouble(&ok);
        if (!ok || device.timeScale < 0.01 || device.timeScale > 10000)
            return usage(tr("--time-scale must be a number from 0.01 to 10000, not \"%1\"")
                             .arg(parser.value(QStringLiteral("time-scale"))));
    }
    const std::pair<const char *, double *> probabilities[] = {
        {"drop", &device.faults.connectionDrop},
        {"power-loss", &device.faults.powerLoss},
        {"busy", &device.faults.busy},
        {"corrupt-chunk", &device.faults.corruptChunk}};
    for (const auto &[name, target] : probabilities) {
        const QString flag = QString::fromLatin1(name);
        if (!parser.isSet(flag))
            continue;
        auto p = parseProbability(QStringLiteral("--") + flag, parser.value(flag));
        if (!p)
            return usage(p.errorMessage());
        *target = *p;
    }
    for (const QString &text : parser.values(QStringLiteral("boot-fail"))) {
        if (auto ok = device.faults.addBootFailure(text); !ok)
            return usage(ok.errorMessage());
    }
    for (const QString &path : parser.values(QStringLiteral("trust"))) {
        auto key = PublicKey::load(path);
        if (!key)
            return usage(tr("--trust %1: %2").arg(path, key.errorMessage()));
        device.trust.trustedKeys.append(*key);
    }
    if (device.trust.trustedKeys.isEmpty())
        printError(tr("no --trust key given: every release will be refused (SIGNATURE_INVALID)"));

    FleetStore store;
    QList<DeviceState> stored;
    if (parser.isSet(QStringLiteral("state"))) {
        auto opened = store.open(parser.value(QStringLiteral("state")));
        if (!opened) {
            printError(opened.errorMessage());
            return 1;
        }
        auto loaded = store.load();
        if (!loaded) {
            printError(loaded.errorMessage());
            return 1;
        }
        stored = *loaded;
    }
    QList<DeviceState> fleet = assembleFleet(c->credentials, stored, int(*devices), c->image);
    RunnerConfig config;
    config.server = c->server;
    config.caPem = c->caPem;
    config.channels = c->channels;
    config.maxInFlight = int(*inFlight);
    config.summaryIntervalMs = *summaryEvery * 1000;
    config.summarySink = printLine;
    printLine(tr("otter-sim: %1 devices (%2 from the state file), server %3")
                  .arg(fleet.size())
                  .arg(stored.size())
                  .arg(c->server));
    FleetRunner runner(&device, config, std::move(fleet),
                       parser.isSet(QStringLiteral("state")) ? &store : nullptr);
    runner.run(stopFlag);
    printLine(runner.summary().line(0));
    const QString storeError = runner.storeError();
    if (!storeError.isEmpty()) {
        printError(storeError);
        return 1;
    }
    printLine(tr("otter-sim: stopped; state written"));
    return 0;
}

int runLoadCommand(const QStringList &arguments, const std::atomic<bool> *stopFlag)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("otter-sim load: check-ins at a target rate; prints the achieved "
                                        "rate, latency p50/p99 and this process's CPU share."));
    parser.addHelpOption();
    addConnectionOptions(parser);
    parser.addOption(option("rate", tr("Check-ins per second, or max (default max)."), "n|max"));
    parser.addOption(option("duration", tr("Seconds to run (default 10)."), "seconds"));
    parser.addOption(option("concurrency", tr("Cap on calls in flight (default 64)."), "n"));
    if (!parser.parse(arguments))
        return usage(parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        printLine(parser.helpText());
        return 0;
    }
    QString error;
    auto c = connection(parser, &error);
    if (!c)
        return usage(error);
    LoadConfig config;
    config.server = c->server;
    config.caPem = c->caPem;
    config.channels = c->channels;
    config.hardwareClass = c->image.hardwareClass;
    config.version = c->image.version;
    config.securityVersion = c->image.securityVersion;
    const QString rate = parser.value(QStringLiteral("rate"));
    if (!rate.isEmpty() && rate != QLatin1StringView("max")) {
        bool ok = false;
        config.rate = rate.toDouble(&ok);
        if (!ok || config.rate <= 0)
            return usage(
                tr("--rate must be a positive number of check-ins per second or max, not \"%1\"").arg(rate));
    }
    const auto duration = number(parser, "duration", 10, 1, 86400, &error);
    const auto concurrency = number(parser, "concurrency", 64, 1, 100000, &error);
    if (!duration || !concurrency)
        return usage(error);
    config.durationSeconds = double(*duration);
    config.concurrency = int(*concurrency);
    LoadGenerator generator(config, c->credentials);
    const LoadReport report = generator.run(stopFlag);
    printLine(report.line());
    if (report.calls == 0) {
        printError(tr("no check-in succeeded: %1").arg(report.firstError));
        return 1;
    }
    return 0;
}

} // namespace otter::sim
