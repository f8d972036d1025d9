// The device API under load: 10,000 devices provisioned from CSV, a running rollout targeting all of them,
// and with 32 calls in flight (one client thread on a gRPC CompletionQueue): check-ins per second and status
// report latency (p50/p99) as the whole fleet moves PENDING → … → SUCCEEDED, each printed next to a baseline
// measured in the same run — the empty unary round trip grpc.health.v1.Health/Check on the same otterd and
// connection settings. Then the image download stream's throughput beside an "empty chunk" stream: the same
// Download RPC, message and chunk size, served over TLS with otterd's own certificate by a separate server
// process that only hands out a preallocated buffer (no artifact file, no database). Prints figures; asserts
// only correctness (every call OK, every answer as expected, the rollout COMPLETED).
#include "otter/v1/device_api.grpc.pb.h"
#include "otterd_harness.h"
#include "release_fixtures.h"
#include "rollout_fixtures.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

#include <grpcpp/generic/generic_stub.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <vector>

using namespace otter;
using namespace otter::test;

namespace {

constexpr int DeviceCount = 10000;
constexpr int InFlight = 32;
constexpr int BaselineCalls = 20000;
constexpr qint64 ImageBytes = 32 << 20;
constexpr int DownloadPasses = 3;
constexpr int Rounds = 3;

struct Run
{
    int calls = 0;
    int failures = 0;
    double seconds = 0;
    std::vector<double> latenciesMs;
    std::string firstFailure;

    double rate() const { return seconds > 0 ? calls / seconds : 0; }
    double percentile(double p)
    {
        if (latenciesMs.empty())
            return 0;
        std::sort(latenciesMs.begin(), latenciesMs.end());
        return latenciesMs[std::min(latenciesMs.size() - 1, size_t(p / 100.0 * double(latenciesMs.size())))];
    }
};

template<typename Response>
struct Pending
{
    grpc::ClientContext context;
    Response response;
    grpc::Status status;
    std::unique_ptr<grpc::ClientAsyncResponseReader<Response>> reader;
    std::chrono::steady_clock::time_point started;
    int index = 0;
};

template<typename Response>
using Starter = std::function<std::unique_ptr<grpc::ClientAsyncResponseReader<Response>>(
    int index, grpc::ClientContext &context, grpc::CompletionQueue &queue)>;

// `total` unary calls, `InFlight` at a time; `check` says whether an OK answer is also the right one.
template<typename Response>
Run inFlight(int total, const Starter<Response> &start,
             const std::function<std::string(int index, const Response &)> &check)
{
    Run run;
    run.latenciesMs.reserve(size_t(total));
    grpc::CompletionQueue queue;
    int next = 0;
    auto launch = [&] {
        auto *call = new Pending<Response>;
        call->index = next++;
        call->context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
        call->started = std::chrono::steady_clock::now();
        call->reader = start(call->index, call->context, queue);
        call->reader->StartCall();
        call->reader->Finish(&call->response, &call->status, call);
    };
    QElapsedTimer timer;
    timer.start();
    while (next < std::min(InFlight, total))
        launch();
    void *tag = nullptr;
    bool ok = false;
    while (run.calls < total && queue.Next(&tag, &ok)) {
        std::unique_ptr<Pending<Response>> call(static_cast<Pending<Response> *>(tag));
        const auto elapsed = std::chrono::steady_clock::now() - call->started;
        run.latenciesMs.push_back(std::chrono::duration<double, std::milli>(elapsed).count());
        std::string failure = call->status.ok() ? check(call->index, call->response)
                                                : "status " + std::to_string(call->status.error_code()) +
                                                      ": " + call->status.error_message();
        if (!failure.empty()) {
            if (run.failures++ == 0)
                run.firstFailure = "call " + std::to_string(call->index) + ": " + failure;
        }
        ++run.calls;
        if (next < total)
            launch();
    }
    run.seconds = double(timer.nsecsElapsed()) / 1e9;
    queue.Shutdown();
    while (queue.Next(&tag, &ok)) {
    }
    return run;
}

QString deviceId(int index)
{
    return QStringLiteral("dev-%1").arg(index, 5, 10, QLatin1Char('0'));
}

bool report(const char *what, Run &run, double baseline = 0)
{
    std::printf("  %-46s %7d calls %7.2f s %9.0f /s   p50 %6.2f ms   p99 %6.2f ms", what, run.calls,
                run.seconds, run.rate(), run.percentile(50), run.percentile(99));
    if (baseline > 0)
        std::printf("   %.2f x baseline", run.rate() / baseline);
    std::printf("\n");
    if (run.failures > 0)
        std::fprintf(stderr, "FAIL: %s: %d failed calls, first: %s\n", what, run.failures,
                     run.firstFailure.c_str());
    return run.failures == 0;
}

// The "empty chunk" stream: Download answered from one preallocated chunk, nothing read or looked up.
class EmptyChunkService final : public v1::DeviceService::CallbackService
{
public:
    EmptyChunkService(qint64 size, qint64 chunk)
        : m_size(size)
    {
        m_chunk.resize(size_t(chunk));
    }

    grpc::ServerWriteReactor<v1::DownloadResponse> *Download(grpc::CallbackServerContext *,
                                                             const v1::DownloadRequest *request) override
    {
        class Writer final : public grpc::ServerWriteReactor<v1::DownloadResponse>
        {
        public:
            Writer(const std::string &chunk, qint64 offset, qint64 size)
                : m_chunk(chunk)
                , m_offset(offset)
                , m_size(size)
            {
                next();
            }
            void OnWriteDone(bool ok) override { ok ? next() : Finish(grpc::Status::CANCELLED); }
            void OnDone() override { delete this; }

        private:
            void next()
            {
                if (m_offset >= m_size)
                    return Finish(grpc::Status::OK);
                const qint64 n = std::min<qint64>(qint64(m_chunk.size()), m_size - m_offset);
                m_message.set_offset(quint64(m_offset));
                m_message.set_data(m_chunk.data(), size_t(n));
                m_offset += n;
                StartWrite(&m_message);
            }
            const std::string &m_chunk;
            qint64 m_offset;
            qint64 m_size;
            v1::DownloadResponse m_message;
        };
        return new Writer(m_chunk, qint64(request->offset()), m_size);
    }

private:
    std::string m_chunk;
    qint64 m_size;
};

// Streams the whole image `passes` times; MiB/s of the best pass, or 0 when a stream failed.
double downloadRate(v1::DeviceService::Stub &stub, const QString &device, const QString &token,
                    const std::string &deploymentId, qint64 size, double *mean)
{
    double best = 0;
    double sum = 0;
    for (int pass = 0; pass < DownloadPasses; ++pass) {
        grpc::ClientContext context;
        context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(120));
        context.AddMetadata("x-otter-device-id", device.toStdString());
        context.AddMetadata("x-otter-device-token", token.toStdString());
        v1::DownloadRequest request;
        request.set_deployment_id(deploymentId);
        QElapsedTimer timer;
        timer.start();
        auto reader = stub.Download(&context, request);
        v1::DownloadResponse chunk;
        qint64 received = 0;
        bool inOrder = true;
        while (reader->Read(&chunk)) {
            inOrder &= chunk.offset() == quint64(received);
            received += qint64(chunk.data().size());
        }
        const grpc::Status status = reader->Finish();
        const double seconds = double(timer.nsecsElapsed()) / 1e9;
        if (!status.ok() || received != size || !inOrder) {
            std::fprintf(stderr, "FAIL: download: %s, %lld of %lld bytes%s\n", status.error_message().c_str(),
                         static_cast<long long>(received), static_cast<long long>(size),
                         inOrder ? "" : ", chunks out of order");
            return 0;
        }
        const double rate = double(size) / (1 << 20) / seconds;
        best = std::max(best, rate);
        sum += rate;
    }
    *mean = sum / DownloadPasses;
    return best;
}

// The empty-chunk server runs in a process of its own (this program with --empty-chunk-server), as otterd
// does, so that neither stream shares a process with the client. Returns its port, 0 if it did not start.
int startEmptyChunkServer(QProcess &process, const QString &dataDir, qint64 size, quint32 chunk)
{
    process.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--empty-chunk-server"), dataDir,
                                                            QString::number(size), QString::number(chunk)});
    if (!process.waitForStarted(10000) || !process.waitForReadyRead(30000))
        return 0;
    return process.readLine().trimmed().toInt();
}

int serveEmptyChunks(const QStringList &arguments)
{
    const QString tls = QDir(arguments.value(2)).filePath(QStringLiteral("tls/"));
    grpc::SslServerCredentialsOptions options;
    options.pem_key_cert_pairs.push_back({readFile(tls + QStringLiteral("server-key.pem")).toStdString(),
                                          readFile(tls + QStringLiteral("server.pem")).toStdString()});
    EmptyChunkService service(arguments.value(3).toLongLong(), arguments.value(4).toLongLong());
    grpc::ServerBuilder builder;
    int port = 0;
    builder.AddListeningPort("127.0.0.1:0", grpc::SslServerCredentials(options), &port);
    builder.RegisterService(&service);
    auto server = builder.BuildAndStart();
    if (!server || port == 0)
        return 1;
    std::printf("%d\n", port);
    std::fflush(stdout);
    QFile input;
    input.open(stdin, QIODevice::ReadOnly);
    input.readAll(); // until the benchmark closes our standard input
    server->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(5));
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (app.arguments().value(1) == QLatin1StringView("--empty-chunk-server"))
        return serveEmptyChunks(app.arguments());
    QElapsedTimer total;
    total.start();
    OtterdHarness otterd;
    if (!otterd.start()) {
        std::fprintf(stderr, "otterd did not start: %s\n", qPrintable(otterd.error()));
        return 1;
    }
    QElapsedTimer step;
    step.start();
    const QMap<QString, QString> tokens = otterd.provision(DeviceCount, QStringLiteral("gw-200"));
    std::printf("provisioned %lld devices from CSV in %.1f s\n", static_cast<long long>(tokens.size()),
                double(step.elapsed()) / 1000.0);
    if (tokens.size() != DeviceCount) {
        std::fprintf(stderr, "FAIL: provisioned %lld devices\n", static_cast<long long>(tokens.size()));
        return 1;
    }
    std::vector<std::string> ids(DeviceCount), secrets(DeviceCount);
    for (int i = 0; i < DeviceCount; ++i) {
        ids[size_t(i)] = deviceId(i).toStdString();
        secrets[size_t(i)] = tokens.value(deviceId(i)).toStdString();
    }

    // A 32 MiB release and a one-stage rollout of it to the whole fleet, started.
    step.restart();
    QTemporaryDir scratch;
    const TestKey key = newTestKey();
    if (!trustKey(otterd, key).ok()) {
        std::fprintf(stderr, "FAIL: AddTrustedKey\n");
        return 1;
    }
    ReleaseSpec spec;
    spec.version = QStringLiteral("2.0.0");
    spec.securityVersion = 2;
    spec.imageSize = ImageBytes;
    const SignedRelease release = makeRelease(scratch.filePath(QStringLiteral("release")), key, spec);
    const UploadResult uploaded = uploadBundle(otterd, release);
    RolloutScenario scenario(otterd);
    if (!uploaded.status.ok() ||
        !scenario.createGroup(QStringLiteral("fleet"), QStringLiteral("class == \"gw-200\"")).ok() ||
        !scenario
             .createApproved(QStringLiteral("bench"), release.releaseId, {QStringLiteral("fleet")}, {100}, 50,
                             20, nullptr)
             .ok() ||
        !scenario.act(QStringLiteral("Start"), QStringLiteral("bench")).ok()) {
        std::fprintf(stderr, "FAIL: release upload or rollout start: %s\n", qPrintable(uploaded.message()));
        return 1;
    }
    std::printf("uploaded a %lld MiB release and started a rollout to %d devices in %.1f s\n\n",
                static_cast<long long>(ImageBytes >> 20), DeviceCount, double(step.elapsed()) / 1000.0);

    auto channel = otterd.channel();
    auto devices = v1::DeviceService::NewStub(channel);
    auto authenticate = [&](grpc::ClientContext &context, int device) {
        context.AddMetadata("x-otter-device-id", ids[size_t(device)]);
        context.AddMetadata("x-otter-device-token", secrets[size_t(device)]);
    };
    bool ok = true;
    std::printf("unary calls, %d in flight, one client thread, TLS:\n", InFlight);

    // Baseline: the emptiest unary call otterd serves.
    grpc::GenericStub generic(channel);
    grpc::Slice empty("");
    const grpc::ByteBuffer emptyRequest(&empty, 1);
    const auto emptyCalls = [&](int calls) {
        return inFlight<grpc::ByteBuffer>(
            calls,
            [&](int, grpc::ClientContext &context, grpc::CompletionQueue &queue) {
                return generic.PrepareUnaryCall(&context, "/grpc.health.v1.Health/Check", emptyRequest,
                                                &queue);
            },
            [](int, const grpc::ByteBuffer &response) -> std::string {
                std::vector<grpc::Slice> slices;
                (void)response.Dump(&slices);
                std::string bytes;
                for (const grpc::Slice &slice : slices)
                    bytes.append(reinterpret_cast<const char *>(slice.begin()), slice.size());
                return bytes == std::string("\x08\x01", 2) ? std::string() : "not SERVING";
            });
    };
    Run baseline = emptyCalls(BaselineCalls);
    ok &= report("baseline: empty Health/Check", baseline);

    // Check-ins: the first contact writes each device's inventory record; later passes are the steady state.
    std::vector<std::string> deployments(DeviceCount);
    quint32 chunkSize = 0;
    v1::CheckInRequest checkIn;
    checkIn.set_hardware_class("gw-200");
    checkIn.set_firmware_version("1.0.0");
    checkIn.set_security_version(1);
    checkIn.set_active_bank(v1::BANK_A);
    const Starter<v1::CheckInResponse> startCheckIn = [&](int index, grpc::ClientContext &context,
                                                          grpc::CompletionQueue &queue) {
        const int device = index % DeviceCount;
        authenticate(context, device);
        v1::CheckInRequest request = checkIn;
        request.set_device_id(ids[size_t(device)]);
        return devices->PrepareAsyncCheckIn(&context, request, &queue);
    };
    const auto checkDirective = [&](int index, const v1::CheckInResponse &response) -> std::string {
        if (!response.has_update() || response.update().state() != v1::DEPLOYMENT_STATE_PENDING)
            return "no update directive for " + ids[size_t(index % DeviceCount)];
        deployments[size_t(index % DeviceCount)] = response.update().deployment_id();
        chunkSize = response.update().chunk_size();
        return {};
    };
    Run firstContact = inFlight<v1::CheckInResponse>(DeviceCount, startCheckIn, checkDirective);
    ok &= report("check-ins, first contact (inventory written)", firstContact, baseline.rate());
    // The steady state, alternating with the baseline so that each pair sees the same background load on
    // this shared machine; the median of the paired ratios is the figure.
    std::vector<double> ratios;
    Run steady;
    for (int round = 1; round <= Rounds; ++round) {
        Run again = emptyCalls(DeviceCount);
        ok &= report(("baseline: empty Health/Check, round " + std::to_string(round)).c_str(), again);
        Run pass = inFlight<v1::CheckInResponse>(DeviceCount, startCheckIn, checkDirective);
        ok &= report(("check-ins, steady state, round " + std::to_string(round)).c_str(), pass, again.rate());
        ratios.push_back(again.rate() > 0 ? pass.rate() / again.rate() : 0);
        steady.calls += pass.calls;
        steady.seconds += pass.seconds;
        steady.latenciesMs.insert(steady.latenciesMs.end(), pass.latenciesMs.begin(), pass.latenciesMs.end());
    }
    std::sort(ratios.begin(), ratios.end());
    const double ratio = ratios[ratios.size() / 2];
    ok &= report("check-ins, steady state, all rounds", steady);

    // Status reports, one transition at a time across the fleet.
    const auto reportPass = [&](v1::DeploymentState from, v1::DeploymentState to) {
        return inFlight<v1::ReportStatusResponse>(
            DeviceCount,
            [&](int device, grpc::ClientContext &context, grpc::CompletionQueue &queue) {
                authenticate(context, device);
                v1::ReportStatusRequest request;
                request.set_deployment_id(deployments[size_t(device)]);
                request.set_from_state(from);
                request.set_state(to);
                return devices->PrepareAsyncReportStatus(&context, request, &queue);
            },
            [to](int, const v1::ReportStatusResponse &response) -> std::string {
                return response.applied() && response.state() == to ? std::string() : "report not applied";
            });
    };
    const std::vector<std::pair<v1::DeploymentState, v1::DeploymentState>> arrows{
        {v1::DEPLOYMENT_STATE_PENDING, v1::DEPLOYMENT_STATE_DOWNLOADING},
        {v1::DEPLOYMENT_STATE_DOWNLOADING, v1::DEPLOYMENT_STATE_DOWNLOADED},
        {v1::DEPLOYMENT_STATE_DOWNLOADED, v1::DEPLOYMENT_STATE_INSTALLING},
        {v1::DEPLOYMENT_STATE_INSTALLING, v1::DEPLOYMENT_STATE_REBOOTING},
        {v1::DEPLOYMENT_STATE_REBOOTING, v1::DEPLOYMENT_STATE_SUCCEEDED}};
    Run allReports;
    double downloadMean = 0, emptyMean = 0, download = 0, emptyChunks = 0;
    for (const auto &[from, to] : arrows) {
        Run pass = reportPass(from, to);
        const std::string what = "reports " + v1::DeploymentState_Name(from).substr(17) + " -> " +
                                 v1::DeploymentState_Name(to).substr(17);
        ok &= report(what.c_str(), pass, baseline.rate());
        allReports.calls += pass.calls;
        allReports.failures += pass.failures;
        allReports.seconds += pass.seconds;
        allReports.latenciesMs.insert(allReports.latenciesMs.end(), pass.latenciesMs.begin(),
                                      pass.latenciesMs.end());

        if (to != v1::DEPLOYMENT_STATE_DOWNLOADING)
            continue;
        // Every device is DOWNLOADING now: measure the image stream against the empty-chunk stream.
        download = downloadRate(*devices, deviceId(0), tokens.value(deviceId(0)), deployments[0],
                                release.imageSize, &downloadMean);
        QProcess server;
        const int port = startEmptyChunkServer(server, otterd.dataDir(), release.imageSize, chunkSize);
        grpc::SslCredentialsOptions client;
        client.pem_root_certs = otterd.caPem().toStdString();
        grpc::ChannelArguments arguments;
        arguments.SetMaxReceiveMessageSize(64 << 20);
        auto local = v1::DeviceService::NewStub(grpc::CreateCustomChannel(
            "127.0.0.1:" + std::to_string(port), grpc::SslCredentials(client), arguments));
        emptyChunks =
            port > 0 ? downloadRate(*local, deviceId(0), QString(), "baseline", release.imageSize, &emptyMean)
                     : 0;
        server.closeWriteChannel(); // it exits when its standard input closes
        server.waitForFinished(30000);
        ok &= download > 0 && emptyChunks > 0;
    }
    ok &= report("all status reports", allReports, baseline.rate());

    std::printf("\ndownload stream of a %lld MiB image, %u KiB chunks, TLS, one stream:\n",
                static_cast<long long>(ImageBytes >> 20), chunkSize >> 10);
    std::printf("  otterd Download (artifact file)              best %7.1f MiB/s  mean %7.1f MiB/s\n",
                download, downloadMean);
    std::printf("  baseline: empty-chunk stream, same RPC       best %7.1f MiB/s  mean %7.1f MiB/s\n",
                emptyChunks, emptyMean);
    std::printf("  ratio %.2f (target >= 0.5)\n\n", emptyChunks > 0 ? download / emptyChunks : 0.0);
    std::printf(
        "steady check-ins/s = %.2f x the empty-RPC rate measured beside them (median of %d rounds; target "
        ">= 0.4); check-in p99 %.2f ms, report p99 %.2f ms (target < 5 ms)\n",
        ratio, Rounds, steady.percentile(99), allReports.percentile(99));

    // Correctness: every device succeeded and the rollout completed.
    const bool completed = waitFor(
        [&] {
            return scenario.get(QStringLiteral("bench")).rollout().state() == v1::ROLLOUT_STATE_COMPLETED;
        },
        60000);
    const v1::GetRolloutResponse done = scenario.get(QStringLiteral("bench"));
    if (!completed || done.progress().total().succeeded() != quint64(DeviceCount)) {
        std::fprintf(stderr, "FAIL: rollout %s with %llu of %d devices succeeded\n",
                     v1::RolloutState_Name(done.rollout().state()).c_str(),
                     static_cast<unsigned long long>(done.progress().total().succeeded()), DeviceCount);
        ok = false;
    }
    std::printf("total run time %.1f s\n", double(total.elapsed()) / 1000.0);
    otterd.stop();
    return ok ? 0 : 1;
}
