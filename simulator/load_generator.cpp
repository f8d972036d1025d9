// otter-sim load: check-ins at a target rate with a cap on calls in flight.
#include "simulator/load_generator.h"

#include "otter/v1/device_api.grpc.pb.h"

#include <grpcpp/grpcpp.h>

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <vector>

namespace otter::sim {

namespace {

double cpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    auto seconds = [](const timeval &t) { return double(t.tv_sec) + double(t.tv_usec) / 1e6; };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

double percentile(std::vector<double> &sorted, double p)
{
    if (sorted.empty())
        return 0;
    return sorted[std::min(sorted.size() - 1, size_t(p / 100.0 * double(sorted.size())))];
}

} // namespace

QString LoadReport::line() const
{
    return QStringLiteral("check-ins/s %1 p50 %2 ms p99 %3 ms calls %4 errors %5 seconds %6 cpu %7")
        .arg(rate(), 0, 'f', 1)
        .arg(p50Ms, 0, 'f', 2)
        .arg(p99Ms, 0, 'f', 2)
        .arg(calls)
        .arg(errors)
        .arg(seconds, 0, 'f', 1)
        .arg(cpuShare, 0, 'f', 3);
}

LoadGenerator::LoadGenerator(LoadConfig config, QList<Credential> devices)
    : m_config(std::move(config))
    , m_devices(std::move(devices))
{}

LoadReport LoadGenerator::run(const std::atomic<bool> *stopFlag)
{
    grpc::SslCredentialsOptions tls;
    tls.pem_root_certs = m_config.caPem.toStdString();
    const auto credentials = grpc::SslCredentials(tls);
    std::vector<std::unique_ptr<v1::DeviceService::Stub>> stubs;
    for (int i = 0; i < qMax(1, m_config.channels); ++i) {
        grpc::ChannelArguments arguments;
        arguments.SetInt("otter.sim.channel", i);
        arguments.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
        stubs.push_back(v1::DeviceService::NewStub(
            grpc::CreateCustomChannel(m_config.server.toStdString(), credentials, arguments)));
    }
    // Requests built once: the generator's own work per call is a copy, not a rebuild.
    std::vector<v1::CheckInRequest> requests;
    std::vector<std::pair<std::string, std::string>> metadata;
    for (const Credential &device : m_devices) {
        v1::CheckInRequest request;
        request.set_device_id(device.id.toStdString());
        request.set_hardware_class(m_config.hardwareClass.toStdString());
        request.set_firmware_version(m_config.version.toStdString());
        request.set_security_version(m_config.securityVersion);
        request.set_active_bank(v1::BANK_A);
        requests.push_back(std::move(request));
        metadata.emplace_back(device.id.toStdString(), device.token.toStdString());
    }

    struct Call
    {
        grpc::ClientContext context;
        v1::CheckInResponse response;
        std::chrono::steady_clock::time_point started;
    };
    std::mutex mutex;
    std::condition_variable wake;
    int inFlight = 0;
    LoadReport report;
    std::vector<double> latencies;
    latencies.reserve(1 << 16);

    using Clock = std::chrono::steady_clock;
    const auto start = Clock::now();
    const double cpuStart = cpuSeconds();
    const auto end = start + std::chrono::duration_cast<Clock::duration>(
                                 std::chrono::duration<double>(m_config.durationSeconds));
    qint64 sent = 0;
    std::unique_lock lock(mutex);
    for (;;) {
        const auto now = Clock::now();
        if (now >= end || (stopFlag && stopFlag->load()))
            break;
        if (inFlight >= m_config.concurrency) {
            wake.wait_for(lock, std::chrono::milliseconds(100));
            continue;
        }
        if (m_config.rate > 0) {
            const auto due = start + std::chrono::duration_cast<Clock::duration>(
                                         std::chrono::duration<double>(double(sent) / m_config.rate));
            if (due > now) {
                wake.wait_until(lock, std::min(due, end));
                continue;
            }
        }
        const size_t device = size_t(sent % qint64(requests.size()));
        auto *call = new Call;
        call->context.set_deadline(std::chrono::system_clock::now() +
                                   std::chrono::milliseconds(m_config.callDeadlineMs));
        call->context.AddMetadata("x-otter-device-id", metadata[device].first);
        call->context.AddMetadata("x-otter-device-token", metadata[device].second);
        call->started = Clock::now();
        ++inFlight;
        ++sent;
        lock.unlock();
        stubs[device % stubs.size()]->async()->CheckIn(
            &call->context, &requests[device], &call->response, [&, call](grpc::Status status) {
                const double ms =
                    std::chrono::duration<double, std::milli>(Clock::now() - call->started).count();
                delete call;
                std::lock_guard guard(mutex);
                --inFlight;
                if (status.ok()) {
                    ++report.calls;
                    latencies.push_back(ms);
                } else {
                    ++report.errors;
                    if (report.firstError.isEmpty())
                        report.firstError = QString::fromStdString(status.error_message());
                }
                wake.notify_one();
            });
        lock.lock();
    }
    // Calls still in flight are measured too; none is left running when the stubs go away.
    wake.wait(lock, [&] { return inFlight == 0; });
    report.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    report.cpuShare = report.seconds > 0 ? (cpuSeconds() - cpuStart) / report.seconds : 0;
    std::sort(latencies.begin(), latencies.end());
    report.p50Ms = percentile(latencies, 50);
    report.p99Ms = percentile(latencies, 99);
    return report;
}

} // namespace otter::sim
