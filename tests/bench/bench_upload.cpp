// Release upload throughput through the console's client (ReleaseCalls: the file read chunk by chunk and
// streamed over TLS to a real otterd, which hashes and stores it) beside `openssl dgst -sha256` over the
// same file, measured in the same run: MB/s of both and their ratio (target: upload ≥ 0.5× the hash).
// Both read the file from the page cache, warmed before either is timed. A second baseline is the disk:
// writing the same number of bytes and making them durable, which otterd must do before it answers. Asserts
// only that the uploads succeeded.
#include "app/client/client_thread.h"
#include "app/client/console_client.h"
#include "app/client/release_calls.h"
#include "core/large_buffers.h"
#include "core/release_signing.h"
#include "otterd_harness.h"
#include "release_fixtures.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QProcess>
#include <QTemporaryDir>
#include <QTimer>
#include <QtEndian>

#include <cstdio>

#include <unistd.h>

using namespace otter;
using namespace otter::client;
using namespace otter::test;

namespace {

constexpr qint64 ImageBytes = qint64(512) << 20;
constexpr int Passes = 2;

bool writePattern(const QString &path, qint64 size)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    QByteArray block(1 << 20, Qt::Uninitialized);
    for (qint64 done = 0, index = 0; done < size; ++index, done += block.size()) {
        for (qsizetype at = 0; at + 8 <= block.size(); at += 8)
            qToLittleEndian<quint64>(quint64(index * 0x9E3779B97F4A7C15ull + quint64(at)), block.data() + at);
        if (file.write(block) != block.size())
            return false;
    }
    return true;
}

// Seconds to write `size` bytes to a new file and make them durable (fdatasync), or -1: the disk's pace for
// what otterd must do with every upload before it may say "stored".
double durableWriteSeconds(const QString &path, qint64 size)
{
    QElapsedTimer clock;
    clock.start();
    if (!writePattern(path, size))
        return -1;
    QFile file(path);
    if (!file.open(QIODevice::ReadWrite) || ::fdatasync(file.handle()) != 0)
        return -1;
    const double seconds = double(clock.nsecsElapsed()) / 1e9;
    file.remove();
    return seconds;
}

double opensslSeconds(const QString &path)
{
    QProcess openssl;
    QElapsedTimer clock;
    clock.start();
    openssl.start(QStringLiteral("openssl"), {QStringLiteral("dgst"), QStringLiteral("-sha256"), path});
    if (!openssl.waitForFinished(600000) || openssl.exitCode() != 0)
        return -1;
    return double(clock.nsecsElapsed()) / 1e9;
}

// Runs the event loop until `done` holds or the timeout passes. It sleeps between events (a timer wakes it
// to look at the clock): a loop that polled would take a core from the upload it measures.
bool waitUntil(const std::function<bool()> &done, int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    QTimer wake;
    wake.start(100);
    while (!done()) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    }
    return true;
}

double mbPerSecond(qint64 bytes, double seconds)
{
    return seconds > 0 ? double(bytes) / 1e6 / seconds : 0;
}

// Seconds to upload `image` (parts mode) through the generated stub, or -1 when it failed.
double bareUpload(const OtterdHarness &otterd, const TestKey &key, const QString &image,
                  const QString &version, const QString &uploadId)
{
    ReleaseSigningSpec spec;
    spec.imagePath = image;
    spec.hardwareClasses = {QStringLiteral("gw-200")};
    spec.version = version;
    spec.securityVersion = 1;
    spec.created = QDateTime::currentDateTimeUtc();
    auto made = signRelease(spec, {key.key});
    if (!made)
        return -1;
    v1::UploadHeader header;
    header.set_upload_id(uploadId.toStdString());
    header.set_total_size(quint64(ImageBytes));
    header.mutable_parts()->set_manifest(made->manifestBytes.toStdString());
    header.mutable_parts()->add_signatures()->set_signature(made->signatures.first().der.toStdString());
    UploadPlan plan;
    plan.chunkBytes = 1 << 20;
    plan.deadlineMs = 600000;
    QElapsedTimer clock;
    clock.start();
    const UploadResult result = upload(otterd, header, image, plan);
    if (!result.status.ok()) {
        std::fprintf(stderr, "bench_upload: bare upload failed: %s\n", qPrintable(result.message()));
        return -1;
    }
    return double(clock.nsecsElapsed()) / 1e9;
}

} // namespace

int main(int argc, char **argv)
{
    keepLargeBuffersInHeap(); // as otter-console's main() does
    QCoreApplication app(argc, argv);
    QTemporaryDir scratch;
    OtterdHarness otterd;
    if (!scratch.isValid() || !otterd.start()) {
        std::fprintf(stderr, "bench_upload: cannot start otterd: %s\n", qPrintable(otterd.error()));
        return 1;
    }
    const TestKey key = newTestKey();
    if (!trustKey(otterd, key).ok())
        return 1;
    const QString image = scratch.filePath(QStringLiteral("image.bin"));
    if (!writePattern(image, ImageBytes))
        return 1;

    ClientThread thread;
    ConsoleClient *client = thread.client();
    bool online = false;
    QObject context;
    QObject::connect(client, &ConsoleClient::signedIn, &context, [&] { online = true; });
    models::ServerProfile profile;
    profile.name = QStringLiteral("bench");
    profile.address = otterd.address();
    profile.caPem = otterd.caPem();
    client->connectTo(profile, otterd.token(QStringLiteral("olga")));
    if (!waitUntil([&] { return online; }, 30000)) {
        std::fprintf(stderr, "bench_upload: the client did not sign in\n");
        return 1;
    }

    int finished = 0;
    QString failure;
    QObject::connect(client->releases(), &ReleaseCalls::uploadFinished, &context, [&] { ++finished; });
    QObject::connect(client->releases(), &ReleaseCalls::uploadFailed, &context,
                     [&](const QString &, const QString &message) { failure = message; });

    opensslSeconds(image); // warms the page cache for both
    std::printf("bench_upload: %lld MiB image, %d passes each\n", ImageBytes >> 20, Passes);
    double bestHash = 0;
    double bestUpload = 0;
    double bestBare = 0;
    double bestResumable = 0;
    double bestDisk = 0;
    for (int pass = 0; pass < Passes; ++pass) {
        const double hashSeconds = opensslSeconds(image);
        bestHash = qMax(bestHash, mbPerSecond(ImageBytes, hashSeconds));
        const double diskSeconds =
            durableWriteSeconds(scratch.filePath(QStringLiteral("disk.bin")), ImageBytes);
        if (diskSeconds < 0)
            return 1;
        bestDisk = qMax(bestDisk, mbPerSecond(ImageBytes, diskSeconds));

        // A new version each pass (same image), so the server stores every upload.
        ReleaseSigningSpec spec;
        spec.imagePath = image;
        spec.hardwareClasses = {QStringLiteral("gw-200")};
        spec.version = QStringLiteral("1.0.%1").arg(pass);
        spec.securityVersion = 1;
        spec.created = QDateTime::currentDateTimeUtc();
        auto made = signRelease(spec, {key.key});
        if (!made)
            return 1;
        QElapsedTimer clock;
        clock.start();
        client->releases()->upload(ReleaseUploadSource::parts(image, made->manifestBytes, made->signatures));
        if (!waitUntil([&] { return finished == pass + 1 || !failure.isEmpty(); }, 600000) ||
            !failure.isEmpty()) {
            std::fprintf(stderr, "bench_upload: upload failed: %s\n", qPrintable(failure));
            return 1;
        }
        const double uploadSeconds = double(clock.nsecsElapsed()) / 1e9;

        // The same payload through the bare generated stub (sync API, 1 MiB chunks): once one-shot (no
        // upload_id, nothing made durable mid-way) and once resumable, as the console sends it. What otterd
        // itself takes, without the console client.
        const double bareSeconds = bareUpload(otterd, key, image, QStringLiteral("1.1.%1").arg(pass), {});
        const double resumableSeconds = bareUpload(otterd, key, image, QStringLiteral("1.2.%1").arg(pass),
                                                   QStringLiteral("bench-%1").arg(pass));
        if (bareSeconds < 0 || resumableSeconds < 0)
            return 1;
        bestResumable = qMax(bestResumable, mbPerSecond(ImageBytes, resumableSeconds));
        bestBare = qMax(bestBare, mbPerSecond(ImageBytes, bareSeconds));
        bestUpload = qMax(bestUpload, mbPerSecond(ImageBytes, uploadSeconds));
        std::printf("  pass %d: openssl dgst -sha256 %.1f MB/s; durable write %.1f MB/s; console upload %.1f "
                    "MB/s; bare "
                    "stub upload %.1f MB/s one-shot, %.1f MB/s resumable\n",
                    pass + 1, mbPerSecond(ImageBytes, hashSeconds), mbPerSecond(ImageBytes, diskSeconds),
                    mbPerSecond(ImageBytes, uploadSeconds), mbPerSecond(ImageBytes, bareSeconds),
                    mbPerSecond(ImageBytes, resumableSeconds));
    }
    std::printf(
        "best: openssl dgst -sha256 %.1f MB/s, console upload %.1f MB/s, ratio %.2f (target >= 0.50); "
        "bare stub upload %.1f MB/s one-shot (ratio %.2f), %.1f MB/s resumable (ratio %.2f)\n",
        bestHash, bestUpload, bestHash > 0 ? bestUpload / bestHash : 0, bestBare,
        bestHash > 0 ? bestBare / bestHash : 0, bestResumable, bestHash > 0 ? bestResumable / bestHash : 0);
    // An upload is stored only once its bytes are durable, so the disk bounds it as much as the CPU does.
    std::printf(
        "durable write (write + fdatasync) of the same size: %.1f MB/s; console upload = %.2f x that\n",
        bestDisk, bestDisk > 0 ? bestUpload / bestDisk : 0);
    return 0;
}
