// otter-sim devices on a real otterd for the scenario tests.
#include "sim_fleet.h"

#include <QDir>

namespace otter::test {

SimFleet::SimFleet(OtterdHarness &otterd, const TestKey &key)
    : m_otterd(otterd)
{
    m_config.trust.trustedKeys = {key.key.publicKey()};
    // Short device timings keep scenarios quick; the server's check-in interval sets the pace.
    m_config.installMs = 600;
    m_config.rebootMs = 800;
    m_config.retryMs = 500;
}

SimFleet::~SimFleet()
{
    stop();
}

void SimFleet::provision(int count, int firstIndex, const QString &region, const QString &version,
                         quint64 svn, const QString &hardwareClass)
{
    const auto tokens =
        m_otterd.provision(count, hardwareClass, region, QStringLiteral("ring=main"), firstIndex);
    sim::FactoryImage image;
    image.hardwareClass = hardwareClass;
    image.region = region;
    image.version = version;
    image.securityVersion = svn;
    for (auto it = tokens.begin(); it != tokens.end(); ++it)
        m_devices.append(sim::factoryDevice(sim::Credential{it.key(), it.value()}, image));
}

bool SimFleet::start(sim::FleetStore *store, QList<sim::DeviceState> devices)
{
    if (!devices.isEmpty())
        m_devices = devices;
    sim::RunnerConfig config;
    config.server = m_otterd.address();
    config.caPem = m_otterd.caPem();
    config.maxInFlight = 128;
    m_runner = std::make_unique<sim::FleetRunner>(&m_config, config, m_devices, store);
    m_runner->start();
    const int count = int(m_devices.size());
    return waitFor([&] { return m_runner->summary().checkedIn == count; }, 60000);
}

void SimFleet::stop()
{
    if (m_runner)
        m_runner->stop();
}

QHash<QString, sim::DeviceSnapshot> SimFleet::snapshot()
{
    QHash<QString, sim::DeviceSnapshot> byId;
    for (const sim::DeviceSnapshot &device : m_runner->snapshot())
        byId.insert(device.id, device);
    return byId;
}

SignedRelease uploadSimRelease(OtterdHarness &otterd, const TestKey &key, const QString &directory,
                               const QString &version, qint64 svn)
{
    ReleaseSpec spec;
    spec.version = version;
    spec.securityVersion = svn;
    spec.imageSize = 48 * 1024 + 100;
    spec.seed = quint32(qHash(version));
    SignedRelease release = makeRelease(QDir(directory).filePath(version), key, spec);
    const UploadResult uploaded = uploadBundle(otterd, release);
    if (!uploaded.status.ok())
        qWarning("upload of %s refused: %s", qPrintable(version), qPrintable(uploaded.message()));
    return release;
}

quint64 finished(const v1::DeploymentCounts &counts)
{
    return counts.succeeded() + counts.failed() + counts.rolled_back();
}

bool waitForRollout(RolloutScenario &scenario, const QString &rolloutId,
                    const std::function<bool(const v1::GetRolloutResponse &)> &done, int timeoutMs)
{
    v1::GetRolloutResponse last;
    const bool ok = waitFor(
        [&] {
            last = scenario.get(rolloutId);
            return done(last);
        },
        timeoutMs);
    if (!ok)
        qWarning("rollout %s: state %d, progress %s", qPrintable(rolloutId), int(last.rollout().state()),
                 last.progress().ShortDebugString().c_str());
    return ok;
}

} // namespace otter::test
