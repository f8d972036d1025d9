// The fleet runner's loop: scheduling, the state file, the summary and a clean stop.
#include "simulator/fleet_runner.h"

#include <future>

namespace otter::sim {

FleetRunner::FleetRunner(const DeviceConfig *deviceConfig, RunnerConfig config, QList<DeviceState> devices,
                         FleetStore *store)
    : m_deviceConfig(deviceConfig)
    , m_config(std::move(config))
    , m_store(store)
    , m_started(std::chrono::steady_clock::now())
{
    m_devices.reserve(size_t(devices.size()));
    for (DeviceState &state : devices)
        m_devices.emplace_back(std::move(state), m_deviceConfig);
    m_calls.assign(m_devices.size(), nullptr);
    grpc::SslCredentialsOptions tls;
    tls.pem_root_certs = m_config.caPem.toStdString();
    const auto credentials = grpc::SslCredentials(tls);
    for (int i = 0; i < qMax(1, m_config.channels); ++i) {
        grpc::ChannelArguments arguments;
        // A channel argument of its own and a local subchannel pool: each channel gets its own connection.
        arguments.SetInt("otter.sim.channel", i);
        arguments.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
        arguments.SetMaxReceiveMessageSize(4 << 20);
        m_channels.push_back(
            grpc::CreateCustomChannel(m_config.server.toStdString(), credentials, arguments));
        m_stubs.push_back(v1::DeviceService::NewStub(m_channels.back()));
    }
}

FleetRunner::~FleetRunner()
{
    stop();
}

qint64 FleetRunner::now() const
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - m_started)
        .count();
}

void FleetRunner::start()
{
    {
        std::lock_guard lock(m_mutex);
        m_looping = true;
    }
    m_thread = std::thread([this] { loop(nullptr); });
}

void FleetRunner::run(const std::atomic<bool> *stopFlag)
{
    {
        std::lock_guard lock(m_mutex);
        m_looping = true;
    }
    loop(stopFlag);
}

void FleetRunner::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopRequested = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

void FleetRunner::post(std::function<void()> work)
{
    {
        std::lock_guard lock(m_mutex);
        m_posted.push_back(std::move(work));
    }
    m_wake.notify_one();
}

void FleetRunner::onLoop(const std::function<void()> &work)
{
    std::unique_lock lock(m_mutex);
    if (!m_looping) {
        lock.unlock();
        work();
        return;
    }
    std::promise<void> done;
    m_posted.push_back([&] {
        work();
        done.set_value();
    });
    lock.unlock();
    m_wake.notify_one();
    done.get_future().wait();
}

FleetSummary FleetRunner::countNow() const
{
    FleetSummary summary;
    const qint64 t = now();
    summary.devices = int(m_devices.size());
    for (const SimDevice &device : m_devices) {
        ++summary.byPhase[size_t(device.state().phase)];
        ++summary.byVersion[device.runningVersion()];
        if (device.busy(t))
            ++summary.busy;
        if (device.checkIns() > 0)
            ++summary.checkedIn;
        if (!device.runningGood())
            ++summary.badBanks;
    }
    summary.inFlight = m_inFlight;
    summary.calls = m_callCount;
    summary.callErrors = m_callErrors;
    summary.elapsedMs = t;
    return summary;
}

FleetSummary FleetRunner::summary()
{
    FleetSummary result;
    onLoop([&] { result = countNow(); });
    return result;
}

std::vector<DeviceSnapshot> FleetRunner::snapshot()
{
    std::vector<DeviceSnapshot> result;
    onLoop([&] {
        result.reserve(m_devices.size());
        for (const SimDevice &device : m_devices) {
            const DeviceState &state = device.state();
            result.push_back(DeviceSnapshot{state.id, device.runningVersion(), state.committed().version,
                                            device.runningBank(), state.committedBank, device.runningGood(),
                                            state.phase, state.securityCounter, device.powerLosses(),
                                            device.installs(), device.checkIns(), device.lastOutcome(),
                                            device.lastError()});
        }
    });
    return result;
}

QString FleetRunner::storeError()
{
    QString result;
    onLoop([&] { result = m_storeError; });
    return result;
}

void FleetRunner::requeue(quint32 index)
{
    m_queue.push(Scheduled{m_devices[index].nextDueMs(), index});
}

void FleetRunner::flush(bool all)
{
    if (!m_store)
        return;
    std::vector<const DeviceState *> dirty;
    for (const SimDevice &device : m_devices) {
        if (all || device.isDirty())
            dirty.push_back(&device.state());
    }
    auto saved = m_store->save(dirty);
    if (!saved) {
        if (m_storeError.isEmpty())
            m_storeError = saved.errorMessage();
        return; // keep them dirty: the next flush tries again
    }
    for (SimDevice &device : m_devices)
        device.clearDirty();
}

void FleetRunner::loop(const std::atomic<bool> *stopFlag)
{
    const qint64 start = now();
    for (quint32 i = 0; i < m_devices.size(); ++i) {
        m_devices[i].start(start);
        requeue(i);
    }
    flush(true); // every device is in the state file from the start, changed or not
    qint64 nextFlush = start + m_config.flushIntervalMs;
    qint64 nextSummary = m_config.summaryIntervalMs > 0 ? start + m_config.summaryIntervalMs : -1;
    qint64 callsAtLastSummary = 0;
    qint64 lastSummaryAt = start;
    bool stopping = false;
    std::unique_lock lock(m_mutex);
    for (;;) {
        std::vector<std::function<void()>> posted;
        posted.swap(m_posted);
        if (m_stopRequested || (stopFlag && stopFlag->load()))
            stopping = true;
        lock.unlock();
        for (auto &work : posted)
            work();
        if (stopping) {
            // Cancel what is in flight; its completions still arrive (and may advance devices) below.
            for (grpc::ClientContext *call : m_calls) {
                if (call)
                    call->TryCancel();
            }
            if (m_inFlight == 0) {
                for (SimDevice &device : m_devices)
                    device.suspend();
                flush(false);
                lock.lock();
                m_looping = false;
                // Anyone still waiting in onLoop() gets the final state.
                for (auto &work : m_posted)
                    work();
                m_posted.clear();
                return;
            }
        }
        qint64 t = now();
        while (!stopping && !m_queue.empty() && m_queue.top().due <= t && m_inFlight < m_config.maxInFlight) {
            const quint32 index = m_queue.top().index;
            m_queue.pop();
            launch(index);
        }
        if (t >= nextFlush) {
            flush(false);
            nextFlush = t + m_config.flushIntervalMs;
        }
        if (nextSummary >= 0 && t >= nextSummary) {
            const double seconds = double(qMax<qint64>(1, t - lastSummaryAt)) / 1000.0;
            const QString text = countNow().line(double(m_callCount - callsAtLastSummary) / seconds);
            if (m_config.summarySink)
                m_config.summarySink(text);
            callsAtLastSummary = m_callCount;
            lastSummaryAt = t;
            nextSummary = t + m_config.summaryIntervalMs;
        }
        qint64 wakeAt = qMin(nextFlush, t + 200); // 200 ms: how soon a signal's stop flag is noticed
        if (nextSummary >= 0)
            wakeAt = qMin(wakeAt, nextSummary);
        if (!m_queue.empty() && m_inFlight < m_config.maxInFlight)
            wakeAt = qMin(wakeAt, m_queue.top().due);
        lock.lock();
        if (m_posted.empty() && !m_stopRequested) {
            t = now();
            if (wakeAt > t)
                m_wake.wait_for(lock, std::chrono::milliseconds(wakeAt - t));
        }
    }
}

} // namespace otter::sim
