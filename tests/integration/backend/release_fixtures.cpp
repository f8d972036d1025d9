// Test material for the release and trusted-key tests.
#include "release_fixtures.h"

#include "core/bundle.h"
#include "core/manifest.h"
#include "core/sha256.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QRandomGenerator>
#include <QTest>

namespace otter::test {

TestKey newTestKey()
{
    auto key = PrivateKey::generate();
    Q_ASSERT(key.ok());
    return TestKey{*key, key->keyId(), key->publicKey().toPem()};
}

QString writeFile(const QString &path, const QByteArray &contents)
{
    QFile file(path);
    if (file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        file.write(contents);
    return path;
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

SignedRelease makeRelease(const QString &directory, const TestKey &key, const ReleaseSpec &spec)
{
    QDir().mkpath(directory);
    SignedRelease release;
    release.imagePath = QDir(directory).filePath(QStringLiteral("image.bin"));
    // Written in blocks, so that large images never sit in memory whole.
    {
        QFile image(release.imagePath);
        image.open(QIODevice::WriteOnly | QIODevice::Truncate);
        QRandomGenerator random(spec.seed);
        QByteArray block(1 << 20, Qt::Uninitialized);
        for (qint64 done = 0; done < spec.imageSize;) {
            const qint64 n = qMin<qint64>(block.size(), spec.imageSize - done);
            random.fillRange(reinterpret_cast<quint32 *>(block.data()), block.size() / 4);
            image.write(block.constData(), n);
            done += n;
        }
    }
    auto digest = hashFile(release.imagePath);
    Manifest manifest;
    manifest.vendor = QStringLiteral("otter-test");
    manifest.hardwareClasses = spec.hardwareClasses;
    manifest.version = spec.version;
    manifest.securityVersion = spec.securityVersion;
    manifest.imageSize = digest->size;
    manifest.imageSha256 = digest->sha256;
    manifest.created = QDateTime::fromSecsSinceEpoch(QDateTime::currentSecsSinceEpoch(), Qt::UTC);
    manifest.keyId = key.id;
    release.manifest = manifest.serialize();
    release.signature = *key.key.sign(release.manifest);
    release.keyId = key.id;
    release.imageSha256 = toHex(digest->sha256);
    release.imageSize = digest->size;
    release.releaseId = toHex(Sha256::hash(release.manifest));
    release.bundlePath = writeTestBundle(QDir(directory).filePath(QStringLiteral("release.otb")),
                                         release.manifest, release.signature, release.imagePath);
    return release;
}

QString writeTestBundle(const QString &path, const QByteArray &manifest, const QByteArray &signature,
                        const QString &imagePath)
{
    BundleWriteSpec spec;
    spec.manifestBytes = manifest;
    spec.signatures = {BundleSignature{QString(), signature}};
    spec.imagePath = imagePath;
    auto written = writeBundle(path, spec);
    Q_ASSERT(written.ok());
    return path;
}

v1::UploadHeader bundleHeader(qint64 totalSize, const QString &uploadId)
{
    v1::UploadHeader header;
    header.set_upload_id(uploadId.toStdString());
    header.set_total_size(quint64(totalSize));
    header.mutable_bundle()->set_file_name("release.otb");
    return header;
}

v1::UploadHeader partsHeader(const SignedRelease &release, const QString &uploadId)
{
    v1::UploadHeader header;
    header.set_upload_id(uploadId.toStdString());
    header.set_total_size(quint64(release.imageSize));
    v1::PartsFormat *parts = header.mutable_parts();
    parts->set_manifest(release.manifest.toStdString());
    v1::ManifestSignature *signature = parts->add_signatures();
    signature->set_key_id(release.keyId.toStdString());
    signature->set_signature(release.signature.toStdString());
    return header;
}

std::optional<v1::ErrorDetail> errorDetail(const grpc::ClientContext &context)
{
    const auto &trailers = context.GetServerTrailingMetadata();
    const auto it = trailers.find("x-otter-error-bin");
    if (it == trailers.end())
        return std::nullopt;
    v1::ErrorDetail detail;
    if (!detail.ParseFromArray(it->second.data(), int(it->second.size())))
        return std::nullopt;
    return detail;
}

UploadStream::UploadStream(const OtterdHarness &otterd, const v1::UploadHeader &header,
                           const QString &payloadPath, qint64 offset, const QString &operatorName,
                           int deadlineMs)
    : m_stub(v1::ReleaseService::NewStub(otterd.channel()))
    , m_context(otterd.as(operatorName, deadlineMs))
    , m_payload(payloadPath)
{
    m_writer = m_stub->UploadRelease(m_context.get(), &m_response);
    v1::UploadReleaseRequest message;
    *message.mutable_header() = header;
    m_open = m_writer->Write(message);
    m_payload.open(QIODevice::ReadOnly);
    m_payload.seek(offset);
}

bool UploadStream::send(qint64 bytes)
{
    QByteArray block(256 * 1024, Qt::Uninitialized);
    v1::UploadReleaseRequest message;
    while (m_open && bytes > 0) {
        const qint64 n = m_payload.read(block.data(), qMin<qint64>(block.size(), bytes));
        if (n <= 0)
            break;
        message.set_chunk(block.constData(), size_t(n));
        m_open = m_writer->Write(message);
        bytes -= n;
    }
    return m_open;
}

grpc::Status UploadStream::cancel()
{
    m_context->TryCancel();
    return m_writer->Finish();
}

grpc::Status UploadStream::finish()
{
    m_writer->WritesDone();
    return m_writer->Finish();
}

grpc::Status UploadStream::awaitAnswer()
{
    return m_writer->Finish();
}

UploadResult upload(const OtterdHarness &otterd, const v1::UploadHeader &header, const QString &payloadPath,
                    const UploadPlan &plan)
{
    auto stub = v1::ReleaseService::NewStub(otterd.channel());
    auto context = plan.operatorName.isEmpty() ? otterd.anonymous(plan.deadlineMs)
                                               : otterd.as(plan.operatorName, plan.deadlineMs);
    UploadResult result;
    v1::UploadReleaseResponse response;
    auto writer = stub->UploadRelease(context.get(), &response);
    v1::UploadReleaseRequest message;
    *message.mutable_header() = header;
    bool open = writer->Write(message);
    QFile payload(payloadPath);
    if (open && payload.open(QIODevice::ReadOnly) && payload.seek(plan.offset)) {
        qint64 budget = plan.stopAfter < 0 ? payload.size() - plan.offset : plan.stopAfter;
        QByteArray block(plan.chunkBytes, Qt::Uninitialized);
        while (open && budget > 0) {
            const qint64 n = payload.read(block.data(), qMin<qint64>(block.size(), budget));
            if (n <= 0)
                break;
            message.set_chunk(block.constData(), size_t(n));
            open = writer->Write(message);
            budget -= n;
        }
    }
    writer->WritesDone();
    result.status = writer->Finish();
    result.release = response.release();
    result.detail = errorDetail(*context);
    return result;
}

UploadResult uploadBundle(const OtterdHarness &otterd, const SignedRelease &release,
                          const QString &operatorName)
{
    UploadPlan plan;
    plan.operatorName = operatorName;
    return upload(otterd, bundleHeader(QFileInfo(release.bundlePath).size()), release.bundlePath, plan);
}

grpc::Status trustKey(const OtterdHarness &otterd, const TestKey &key, const QString &name)
{
    auto stub = v1::TrustedKeyService::NewStub(otterd.channel());
    v1::AddTrustedKeyRequest request;
    request.set_public_key_pem(key.publicPem.toStdString());
    request.set_name(name.toStdString());
    v1::AddTrustedKeyResponse response;
    return stub->AddTrustedKey(otterd.as(QStringLiteral("ada")).get(), request, &response);
}

grpc::Status revokeKey(const OtterdHarness &otterd, const QString &keyId, const QString &reason)
{
    auto stub = v1::TrustedKeyService::NewStub(otterd.channel());
    v1::RevokeTrustedKeyRequest request;
    request.set_key_id(keyId.toStdString());
    request.set_reason(reason.toStdString());
    v1::RevokeTrustedKeyResponse response;
    return stub->RevokeTrustedKey(otterd.as(QStringLiteral("ada")).get(), request, &response);
}

namespace {

QByteArray runSqlite(const QStringList &arguments)
{
    QProcess sqlite;
    sqlite.start(QStringLiteral("sqlite3"), arguments);
    if (!sqlite.waitForFinished(60000) || sqlite.exitCode() != 0)
        return {};
    return sqlite.readAllStandardOutput();
}

QString databasePath(const OtterdHarness &otterd)
{
    return QDir(otterd.dataDir()).filePath(QStringLiteral("otterd.sqlite"));
}

} // namespace

QJsonArray sqliteRows(const OtterdHarness &otterd, const QString &sql)
{
    const QByteArray out =
        runSqlite({QStringLiteral("-readonly"), QStringLiteral("-json"), databasePath(otterd), sql});
    return QJsonDocument::fromJson(out).array();
}

QString sqliteText(const OtterdHarness &otterd, const QString &sql)
{
    // otterd may hold the write lock for a moment: wait for it rather than fail.
    return QString::fromUtf8(runSqlite({QStringLiteral("-cmd"), QStringLiteral(".timeout 10000"),
                                        databasePath(otterd), sql}))
        .trimmed();
}

QStringList filesUnder(const OtterdHarness &otterd, const QString &subdirectory)
{
    const QDir root(QDir(otterd.dataDir()).filePath(subdirectory));
    QStringList files;
    QDirIterator walk(root.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (walk.hasNext())
        files << root.relativeFilePath(walk.next());
    files.sort();
    return files;
}

QString artifactPath(const OtterdHarness &otterd, const QString &sha256Hex)
{
    return QStringLiteral("%1/artifacts/%2/%3.bin").arg(otterd.dataDir(), sha256Hex.left(2), sha256Hex);
}

bool waitFor(const std::function<bool()> &condition, int timeoutMs)
{
    // QTest's own condition wait: it keeps the event loop running between checks.
    return QTest::qWaitFor(condition, timeoutMs);
}

} // namespace otter::test
