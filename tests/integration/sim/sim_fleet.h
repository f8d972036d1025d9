// otter-sim devices on a real otterd for the scenario tests: provisioned through `otterd device provision`,
// run in-process by a FleetRunner, with rollouts driven through the operator API (RolloutScenario) and
// waits on GetRollout conditions with timeouts.
#pragma once

#include "rollout_fixtures.h"
#include "simulator/fleet_runner.h"
#include "simulator/fleet_setup.h"

#include <memory>

namespace otter::test {

class SimFleet
{
public:
    SimFleet(OtterdHarness &otterd, const TestKey &key);
    ~SimFleet();

    // Devices dev-<firstIndex>… of a class and region, new to the simulator, running `version`/`svn`.
    void provision(int count, int firstIndex, const QString &region,
                   const QString &version = QStringLiteral("1.0.0"), quint64 svn = 1,
                   const QString &hardwareClass = QStringLiteral("gw-200"));
    // Faults and timings the devices will run with (before start()).
    sim::DeviceConfig &config() { return m_config; }
    // Starts the runner; waits until every device has checked in once (so the inventory knows its version).
    bool start(sim::FleetStore *store = nullptr, QList<sim::DeviceState> devices = {});
    void stop();
    sim::FleetRunner &runner() { return *m_runner; }
    QList<sim::DeviceState> devices() const { return m_devices; }
    QHash<QString, sim::DeviceSnapshot> snapshot();

private:
    OtterdHarness &m_otterd;
    sim::DeviceConfig m_config;
    QList<sim::DeviceState> m_devices;
    std::unique_ptr<sim::FleetRunner> m_runner;
};

// A release signed with `key`, uploaded; its image is small so that a thousand devices fetch it quickly.
SignedRelease uploadSimRelease(OtterdHarness &otterd, const TestKey &key, const QString &directory,
                               const QString &version, qint64 svn);

// Waits until `done` holds for GetRollout (polling), up to `timeoutMs`; prints the last progress on failure.
bool waitForRollout(RolloutScenario &scenario, const QString &rolloutId,
                    const std::function<bool(const v1::GetRolloutResponse &)> &done, int timeoutMs);

quint64 finished(const v1::DeploymentCounts &counts);

} // namespace otter::test
