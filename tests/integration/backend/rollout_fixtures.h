// Rollout scenarios against a real otterd: a fleet of TestDevices, releases, groups and rollouts created
// through the operator API, and waits on the rollout's state through GetRollout (never fixed sleeps).
#pragma once

#include "otter/v1/groups.grpc.pb.h"
#include "otter/v1/rollouts.grpc.pb.h"
#include "otter/v1/windows.grpc.pb.h"
#include "release_fixtures.h"
#include "test_device.h"

#include <QDateTime>
#include <QTemporaryDir>

#include <memory>
#include <optional>
#include <vector>

namespace otter::test {

class RolloutScenario
{
public:
    explicit RolloutScenario(OtterdHarness &otterd)
        : m_otterd(otterd)
    {}

    // Trusts a new key (once) and uploads a signed release of `version` for gw-200.
    bool uploadRelease(const QString &version, qint64 securityVersion, SignedRelease *out);
    // Provisions `count` devices of a class (ids dev-<firstIndex>…) running `version` with `svn`.
    void addDevices(int count, const QString &hardwareClass, const QString &version, quint64 svn,
                    int firstIndex);
    std::vector<std::unique_ptr<TestDevice>> &devices() { return m_devices; }
    TestDevice &device(const QString &id);

    grpc::Status createGroup(const QString &id, const QString &filter);
    // Creates, submits (olga), approves (abe) and returns the rollout; stages as cumulative percents.
    grpc::Status createApproved(const QString &id, const QString &releaseId, const QStringList &groups,
                                const QList<int> &stages, double maxFailurePercent, quint32 minFinished,
                                v1::Rollout *out, const QString &windowId = {});
    grpc::Status act(const QString &rpc, const QString &rolloutId, const QString &as = QStringLiteral("olga"),
                     const QString &comment = QStringLiteral("ok"), v1::Rollout *out = nullptr,
                     std::optional<v1::ErrorDetail> *detail = nullptr);
    v1::GetRolloutResponse get(const QString &rolloutId);
    // Every deployment of a rollout through ListDeployments (as vera), following next_page_token.
    // `pages` receives the number of pages; `status` the first failure (the list so far is returned).
    QList<v1::Deployment> deployments(const QString &rolloutId, const QList<v1::DeploymentState> &states = {},
                                      std::optional<quint32> stage = std::nullopt, quint32 pageSize = 0,
                                      int *pages = nullptr, grpc::Status *status = nullptr);

    // Every device takes one step of its update loop (the outcome chosen per device).
    void stepAll(const std::function<TestDevice::Outcome(const TestDevice &)> &outcome);
    // Steps the fleet until `done` holds for the rollout (or `rounds` pass).
    bool runUntil(const QString &rolloutId, const std::function<bool(const v1::GetRolloutResponse &)> &done,
                  const std::function<TestDevice::Outcome(const TestDevice &)> &outcome, int rounds = 60);

private:
    OtterdHarness &m_otterd;
    QTemporaryDir m_scratch;
    std::optional<TestKey> m_key;
    std::vector<std::unique_ptr<TestDevice>> m_devices;
};

// The server clock a test controls: otterd started with serverArgs() follows the offset file within
// ~100 ms. Wait on a condition after setServerTime (e.g. a check-in's server_time), never a fixed time.
class TestClock
{
public:
    TestClock();
    QStringList serverArgs() const;
    // Shifts otterd's clock so that it reads `time` now (and runs on from there).
    void setServerTime(const QDateTime &time);

private:
    QTemporaryDir m_dir;
    QString m_path;
};

inline TestDevice::Outcome alwaysSucceed(const TestDevice &)
{
    return TestDevice::Outcome::Succeed;
}

} // namespace otter::test
