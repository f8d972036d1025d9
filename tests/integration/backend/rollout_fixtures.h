// Rollout scenarios against a real otterd: a fleet of TestDevices, releases, groups and rollouts created
// through the operator API, and waits on the rollout's state through GetRollout (never fixed sleeps).
#pragma once

#include "otter/v1/groups.grpc.pb.h"
#include "otter/v1/rollouts.grpc.pb.h"
#include "otter/v1/windows.grpc.pb.h"
#include "release_fixtures.h"
#include "test_device.h"

#include <QTemporaryDir>

#include <memory>
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

inline TestDevice::Outcome alwaysSucceed(const TestDevice &)
{
    return TestDevice::Outcome::Succeed;
}

} // namespace otter::test
