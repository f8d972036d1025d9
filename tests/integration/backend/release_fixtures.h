// Test material for the release and trusted-key tests: real P-256 keys, signed manifests and bundles,
// streamed uploads through the generated stubs, and read-only looks into otterd's data directory with
// the stock sqlite3 tool.
#pragma once

#include "core/signing.h"
#include "otter/v1/errors.pb.h"
#include "otter/v1/keys.grpc.pb.h"
#include "otter/v1/releases.grpc.pb.h"
#include "otterd_harness.h"

#include <QFile>
#include <QJsonArray>
#include <QStringList>

#include <functional>
#include <optional>

namespace otter::test {

struct TestKey
{
    PrivateKey key;
    QString id;
    QByteArray publicPem;
};

TestKey newTestKey();

struct ReleaseSpec
{
    QString version = QStringLiteral("1.0.0");
    qint64 securityVersion = 1;
    QStringList hardwareClasses{QStringLiteral("gw-200")};
    qint64 imageSize = 64 * 1024;
    quint32 seed = 1; // image contents
};

// A signed release on disk: image.bin, the manifest bytes and signature, and the .otb bundle of them.
struct SignedRelease
{
    QByteArray manifest;
    QByteArray signature;
    QString keyId;
    QString imagePath;
    QString imageSha256; // hex
    QString bundlePath;
    QString releaseId; // hex SHA-256 of the manifest bytes
    qint64 imageSize = 0;
};

SignedRelease makeRelease(const QString &directory, const TestKey &key, const ReleaseSpec &spec);
// A bundle of arbitrary parts (for tampered variants); the lone signature goes to manifest.sig.
QString writeTestBundle(const QString &path, const QByteArray &manifest, const QByteArray &signature,
                        const QString &imagePath);
QString writeFile(const QString &path, const QByteArray &contents);
QByteArray readFile(const QString &path);

v1::UploadHeader bundleHeader(qint64 totalSize, const QString &uploadId = {});
v1::UploadHeader partsHeader(const SignedRelease &release, const QString &uploadId = {});

struct UploadResult
{
    grpc::Status status;
    v1::Release release;
    std::optional<v1::ErrorDetail> detail;

    v1::ErrorReason reason() const { return detail ? detail->reason() : v1::ERROR_REASON_UNSPECIFIED; }
    QString message() const { return QString::fromStdString(status.error_message()); }
};

struct UploadPlan
{
    QString operatorName = QStringLiteral("olga");
    qint64 offset = 0;     // first payload byte to send
    qint64 stopAfter = -1; // send only this many payload bytes (from offset), then half-close
    int chunkBytes = 64 * 1024;
    int deadlineMs = 120000;
};

// Streams `header` then the bytes of `payloadPath` as the plan says, half-closes and waits for the answer.
UploadResult upload(const OtterdHarness &otterd, const v1::UploadHeader &header, const QString &payloadPath,
                    const UploadPlan &plan = {});
UploadResult uploadBundle(const OtterdHarness &otterd, const SignedRelease &release,
                          const QString &operatorName = QStringLiteral("olga"));

std::optional<v1::ErrorDetail> errorDetail(const grpc::ClientContext &context);

// An upload stream driven by hand: to stop half-way, to cancel, to resume, to be cut off by a kill.
class UploadStream
{
public:
    UploadStream(const OtterdHarness &otterd, const v1::UploadHeader &header, const QString &payloadPath,
                 qint64 offset = 0, const QString &operatorName = QStringLiteral("olga"),
                 int deadlineMs = 300000);

    // Sends up to `bytes` more payload bytes in 256 KiB chunks; false once the stream has ended.
    bool send(qint64 bytes);
    grpc::Status cancel();
    // Half-closes and waits for the answer.
    grpc::Status finish();
    // Waits for the answer without half-closing: returns early only if the server ends the stream itself.
    grpc::Status awaitAnswer();
    std::optional<v1::ErrorDetail> detail() const { return errorDetail(*m_context); }

private:
    std::unique_ptr<v1::ReleaseService::Stub> m_stub;
    std::unique_ptr<grpc::ClientContext> m_context;
    v1::UploadReleaseResponse m_response;
    std::unique_ptr<grpc::ClientWriter<v1::UploadReleaseRequest>> m_writer;
    QFile m_payload;
    bool m_open = false;
};

// Adds `key` as ada (admin); returns the call's status.
grpc::Status trustKey(const OtterdHarness &otterd, const TestKey &key,
                      const QString &name = QStringLiteral("ci"));
grpc::Status revokeKey(const OtterdHarness &otterd, const QString &keyId, const QString &reason);

// Runs `sqlite3 -readonly -json` on otterd's database; the rows, or an empty array when the tool failed.
QJsonArray sqliteRows(const OtterdHarness &otterd, const QString &sql);
// Runs `sqlite3 <db> <sql>` and returns its trimmed standard output.
QString sqliteText(const OtterdHarness &otterd, const QString &sql);

// File names (recursively, relative) under a directory of otterd's data directory.
QStringList filesUnder(const OtterdHarness &otterd, const QString &subdirectory);
QString artifactPath(const OtterdHarness &otterd, const QString &sha256Hex);

// Polls `condition` until it holds or `timeoutMs` passes; the result of the last check.
bool waitFor(const std::function<bool()> &condition, int timeoutMs = 30000);

} // namespace otter::test
