// Runs a whole fleet of SimDevices in one process without a thread per device: a priority queue of the
// next-due devices, a cap on calls in flight, gRPC callback calls whose completions are posted back to the
// runner's one loop thread (the only thread that touches device state, apart from a download's own chunks).
#pragma once

#include "otter/v1/device_api.grpc.pb.h"
#include "simulator/fleet_store.h"
#include "simulator/fleet_summary.h"
#include "simulator/sim_device.h"

#include <grpcpp/grpcpp.h>

#include <QList>

#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <queue>
#include <thread>
#include <vector>

namespace otter::sim {

struct RunnerConfig
{
    QString server; // host:port
    QByteArray caPem;
    int channels = 4; // separate HTTP/2 connections the fleet spreads over
    int maxInFlight = 256;
    int callDeadlineMs = 30000;
    qint64 flushIntervalMs = 1000;
    qint64 summaryIntervalMs = 0; // 0: no summary line
    std::function<void(const QString &)> summarySink;
};

// A copy of what a test wants to know about one device.
struct DeviceSnapshot
{
    QString id;
    QString runningVersion;
    QString committedVersion;
    quint8 runningBank = 0;
    quint8 committedBank = 0;
    bool runningGood = false;
    Phase phase = Phase::Idle;
    quint64 securityCounter = 0;
    int powerLosses = 0;
    int installs = 0;
    int checkIns = 0;
    v1::DeploymentState lastOutcome = v1::DEPLOYMENT_STATE_UNSPECIFIED;
    v1::DeploymentError lastError = v1::DEPLOYMENT_ERROR_UNSPECIFIED;
};

class FleetRunner
{
public:
    // `store` may be null (no persistence); `deviceConfig` must outlive the runner.
    FleetRunner(const DeviceConfig *deviceConfig, RunnerConfig config, QList<DeviceState> devices,
                FleetStore *store);
    ~FleetRunner();
    FleetRunner(const FleetRunner &) = delete;
    FleetRunner &operator=(const FleetRunner &) = delete;

    // Runs the loop on its own thread (tests) ...
    void start();
    // ... or in the caller's thread until stop() or *stopFlag (set by a signal handler) turns true.
    void run(const std::atomic<bool> *stopFlag = nullptr);
    // Cancels what is in flight, waits for it, writes every changed device and ends the loop.
    void stop();

    FleetSummary summary();
    std::vector<DeviceSnapshot> snapshot();
    // The first error writing the state file, if any.
    QString storeError();

private:
    struct Scheduled
    {
        qint64 due;
        quint32 index;
        bool operator>(const Scheduled &other) const { return due > other.due; }
    };
    friend class DownloadReactor;

    qint64 now() const;
    void post(std::function<void()> work);
    // Runs `work` on the loop thread and waits for it (or runs it at once when the loop is not running).
    void onLoop(const std::function<void()> &work);
    void loop(const std::atomic<bool> *stopFlag);
    void launch(quint32 index);
    void callDone(quint32 index, bool failed);
    void requeue(quint32 index);
    void flush(bool all);
    FleetSummary countNow() const;
    std::unique_ptr<grpc::ClientContext> context(const SimDevice &device, int deadlineMs) const;

    const DeviceConfig *m_deviceConfig;
    RunnerConfig m_config;
    FleetStore *m_store;
    std::vector<SimDevice> m_devices;
    std::vector<grpc::ClientContext *> m_calls; // per device: the call in flight (loop thread only)
    std::vector<std::shared_ptr<grpc::Channel>> m_channels;
    std::vector<std::unique_ptr<v1::DeviceService::Stub>> m_stubs;
    std::priority_queue<Scheduled, std::vector<Scheduled>, std::greater<>> m_queue;
    std::chrono::steady_clock::time_point m_started;
    int m_inFlight = 0;
    qint64 m_callCount = 0;
    qint64 m_callErrors = 0;
    QString m_storeError;

    std::mutex m_mutex; // guards the fields below
    std::condition_variable m_wake;
    std::vector<std::function<void()>> m_posted;
    bool m_stopRequested = false;
    bool m_looping = false;
    std::thread m_thread;
};

} // namespace otter::sim
