// The releases otterd holds: rows and artifact files kept consistent.
#include "backend/services/release_catalog.h"

#include "backend/services/stored_object_refusals.h"
#include "backend/storage/artifact_store.h"
#include "backend/storage/releases.h"
#include "backend/storage/upload_sessions.h"
#include "core/semver.h"
#include "core/sha256.h"
#include "otter/v1/rollouts.pb.h"

#include <google/protobuf/util/time_util.h>

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QJsonArray>
#include <QLoggingCategory>
#include <QSet>

#include <fcntl.h>
#include <unistd.h>

Q_LOGGING_CATEGORY(lcReleases, "otter.backend.releases")

namespace otter::backend {
namespace {

using google::protobuf::util::TimeUtil;

QStringList classesOf(const v1::Release &release)
{
    QStringList classes;
    for (const std::string &hardwareClass : release.hardware_classes())
        classes << QString::fromStdString(hardwareClass);
    return classes;
}

QString sharedClass(const v1::Release &stored, const QStringList &classes)
{
    for (const QString &hardwareClass : classesOf(stored)) {
        if (classes.contains(hardwareClass))
            return hardwareClass;
    }
    return {};
}

ApiError releaseError(grpc::StatusCode code, v1::ErrorReason reason, const QString &message,
                      const v1::Release &current)
{
    return conflictError(code, message, reason, v1::OBJECT_KIND_RELEASE, current);
}

// The rules between releases that share a hardware class (releases.proto, UploadRelease errors).
Result<ApiStatus> checkVersionRules(SqliteConnection &connection, const QString &releaseId,
                                    const Manifest &manifest)
{
    auto existing = findRelease(connection, releaseId);
    if (!existing)
        return existing.error();
    if (existing->has_value()) {
        const v1::Release &stored = **existing;
        return ApiStatus(
            releaseError(grpc::StatusCode::ALREADY_EXISTS, v1::ERROR_REASON_ALREADY_EXISTS,
                         QStringLiteral("release %1 (version %2) is already stored: %3 uploaded it on %4")
                             .arg(releaseId, QString::fromStdString(stored.version()),
                                  QString::fromStdString(stored.uploaded_by()),
                                  QDateTime::fromMSecsSinceEpoch(
                                      TimeUtil::TimestampToMilliseconds(stored.uploaded_at()), Qt::UTC)
                                      .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"))),
                         stored));
    }
    auto others = releasesSharingClasses(connection, manifest.hardwareClasses);
    if (!others)
        return others.error();
    for (const v1::Release &other : *others) {
        if (compareVersions(QString::fromStdString(other.version()), manifest.version) != 0)
            continue;
        return ApiStatus(releaseError(
            grpc::StatusCode::ALREADY_EXISTS, v1::ERROR_REASON_ALREADY_EXISTS,
            QStringLiteral("release %1 already has version %2 for hardware class %3; give this build a new "
                           "version")
                .arg(QString::fromStdString(other.id()), QString::fromStdString(other.version()),
                     sharedClass(other, manifest.hardwareClasses)),
            other));
    }
    for (const v1::Release &other : *others) {
        if (qint64(other.security_version()) <= manifest.securityVersion)
            continue;
        return ApiStatus(releaseError(
            grpc::StatusCode::FAILED_PRECONDITION, v1::ERROR_REASON_DOWNGRADE,
            QStringLiteral("security version %1 is below the %2 of release %3 (version %4) for hardware "
                           "class %5: devices that installed it would refuse this one")
                .arg(manifest.securityVersion)
                .arg(other.security_version())
                .arg(QString::fromStdString(other.id()), QString::fromStdString(other.version()),
                     sharedClass(other, manifest.hardwareClasses)),
            other));
    }
    return ApiStatus();
}

v1::Release describe(const VerifiedRelease &verified, const UploadOrigin &origin, const QDateTime &now)
{
    const Manifest &manifest = verified.manifest;
    v1::Release release;
    release.set_id(toHex(Sha256::hash(verified.manifestBytes)).toStdString());
    release.set_version(manifest.version.toStdString());
    release.set_security_version(quint64(manifest.securityVersion));
    for (const QString &hardwareClass : manifest.hardwareClasses)
        release.add_hardware_classes(hardwareClass.toStdString());
    release.set_vendor_id(manifest.vendor.toStdString());
    release.set_payload_type(manifest.payloadType.toStdString());
    release.set_image_size(quint64(manifest.imageSize));
    release.set_image_sha256(toHex(manifest.imageSha256).toStdString());
    *release.mutable_created_at() = TimeUtil::MillisecondsToTimestamp(manifest.created.toMSecsSinceEpoch());
    for (const QString &keyId : verified.signerKeyIds)
        release.add_signer_key_ids(keyId.toStdString());
    for (const BundleSignature &signature : verified.signatures) {
        v1::ManifestSignature *stored = release.add_signatures();
        stored->set_key_id(signature.keyId.toStdString());
        stored->set_signature(signature.der.toStdString());
    }
    release.set_manifest(verified.manifestBytes.toStdString());
    release.set_uploaded_by(origin.actor.toStdString());
    *release.mutable_uploaded_at() = TimeUtil::MillisecondsToTimestamp(now.toMSecsSinceEpoch());
    return release;
}

QJsonObject uploadDetails(const v1::Release &release, const UploadOrigin &origin)
{
    QJsonArray classes;
    for (const std::string &hardwareClass : release.hardware_classes())
        classes.append(QString::fromStdString(hardwareClass));
    QJsonArray signers;
    for (const std::string &keyId : release.signer_key_ids())
        signers.append(QString::fromStdString(keyId));
    QJsonObject details{{QStringLiteral("version"), QString::fromStdString(release.version())},
                        {QStringLiteral("security_version"), double(release.security_version())},
                        {QStringLiteral("hardware_classes"), classes},
                        {QStringLiteral("signer_key_ids"), signers},
                        {QStringLiteral("image_sha256"), QString::fromStdString(release.image_sha256())},
                        {QStringLiteral("image_size"), double(release.image_size())},
                        {QStringLiteral("format"), origin.format}};
    if (!origin.fileName.isEmpty())
        details.insert(QStringLiteral("file_name"), origin.fileName);
    if (!origin.uploadId.isEmpty())
        details.insert(QStringLiteral("upload_id"), origin.uploadId);
    return details;
}

// A rename is durable only once its directory is: without this a power cut could keep the release row
// (the WAL is synced) but lose the artifact's name.
void syncDirectory(const QString &directory)
{
    const int fd = ::open(QFile::encodeName(directory).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

ApiError storageError(const QString &what, const Error &error)
{
    return apiError(grpc::StatusCode::UNAVAILABLE, QStringLiteral("%1: %2").arg(what, error.message));
}

} // namespace

Result<QStringList> releaseInUseBy(SqliteConnection &connection, const QString &releaseId)
{
    auto query = connection.prepare(
        "SELECT id FROM rollouts WHERE release_id = ? AND state NOT IN (?, ?) ORDER BY id");
    if (!query)
        return query.error();
    query->bind(1, releaseId)
        .bind(2, int(v1::ROLLOUT_STATE_COMPLETED))
        .bind(3, int(v1::ROLLOUT_STATE_ABORTED));
    QStringList rollouts;
    while (query->next())
        rollouts << query->text(0);
    if (query->failed())
        return query->error();
    return rollouts;
}

ReleaseCatalog::ReleaseCatalog(ServiceContext &context)
    : m_context(context)
{
    // A few uploads hashing at once already keep a disk busy; more would only queue inside the kernel.
    // Header checks run here too, so a long verification must not hold the only thread.
    m_workers.setMaxThreadCount(4);
}

ReleaseCatalog::~ReleaseCatalog()
{
    m_workers.waitForDone();
}

void ReleaseCatalog::sweep()
{
    expireSessions();
    const QString scratch = m_context.artifacts.scratchDirectory();
    auto sessions =
        m_context.database.read([](SqliteConnection &connection) { return allUploadSessionIds(connection); });
    if (sessions) {
        const QSet<QString> known(sessions->begin(), sessions->end());
        static const QString prefix = QStringLiteral("upload-");
        static const QString suffix = QStringLiteral(".part");
        for (const QFileInfo &file :
             QDir(scratch).entryInfoList({QStringLiteral("upload-*.part")}, QDir::Files)) {
            const QString name = file.fileName();
            const QString id = name.mid(prefix.size(), name.size() - prefix.size() - suffix.size());
            if (!known.contains(id))
                QFile::remove(file.absoluteFilePath());
        }
    }
    // An image extraction killed half-way leaves its temporary file (QSaveFile names it *.tmp.XXXXXX).
    for (const QFileInfo &file : QDir(scratch).entryInfoList({QStringLiteral("*.tmp.*")}, QDir::Files))
        QFile::remove(file.absoluteFilePath());

    // A crash between moving an image into the store and committing its release leaves an unnamed image.
    auto images =
        m_context.database.read([](SqliteConnection &connection) { return referencedImages(connection); });
    if (!images) {
        qCWarning(lcReleases) << "cannot check the artifact store:" << images.errorMessage();
        return;
    }
    QDirIterator walk(m_context.config.artifactDir(), {QStringLiteral("*.bin")}, QDir::Files,
                      QDirIterator::Subdirectories);
    while (walk.hasNext()) {
        const QFileInfo file(walk.next());
        const QString sha = file.completeBaseName();
        if (sha256FromHex(sha).isEmpty() || images->contains(sha))
            continue;
        qCInfo(lcReleases) << "removing artifact" << sha << "that no release refers to";
        QFile::remove(file.absoluteFilePath());
    }
}

void ReleaseCatalog::expireSessions()
{
    const QDateTime now = m_context.clock.now();
    auto expired = m_context.database.read(
        [&](SqliteConnection &connection) { return expiredUploadSessions(connection, now); });
    if (!expired)
        return;
    for (const QString &id : *expired) {
        {
            std::lock_guard lock(m_activeMutex);
            if (m_active.contains(id))
                continue; // a stream is writing to it right now: it is not idle
        }
        if (auto ok = discardSession(id); !ok)
            qCWarning(lcReleases) << "cannot discard expired upload" << id << ":" << ok.errorMessage();
    }
}

Checked<v1::Release> ReleaseCatalog::store(const VerifiedRelease &verified, const UploadOrigin &origin)
{
    std::lock_guard lock(m_storeMutex);
    v1::Release release = describe(verified, origin, m_context.clock.now());
    const QString releaseId = QString::fromStdString(release.id());
    const QString sha = QString::fromStdString(release.image_sha256());

    // Under the lock the rules cannot change between this check and the insert below.
    auto rules = m_context.database.read([&](SqliteConnection &connection) {
        return checkVersionRules(connection, releaseId, verified.manifest);
    });
    if (!rules || *rules) {
        QFile::remove(verified.imagePath);
        return rules ? **rules
                     : storageError(QStringLiteral("cannot check the stored releases"), rules.error());
    }

    // The artifact first, then the row: a release row never exists without its image.
    if (auto ok = m_context.artifacts.adopt(verified.imagePath, sha); !ok) {
        QFile::remove(verified.imagePath);
        return storageError(QStringLiteral("cannot store the image"), ok.error());
    }
    syncDirectory(QFileInfo(m_context.artifacts.pathFor(sha)).absolutePath());

    auto written = m_context.database.write([&](WriteContext &tx) -> Result<bool> {
        auto revision = tx.revision();
        if (!revision)
            return revision.error();
        release.set_revision(*revision);
        if (auto ok = insertRelease(tx.sql(), release); !ok)
            return ok.error();
        if (!origin.uploadId.isEmpty()) {
            if (auto ok = completeUploadSession(tx.sql(), origin.uploadId, releaseId); !ok)
                return ok.error();
        }
        if (auto ok = tx.audit({origin.actor, QStringLiteral("release.upload"),
                                QStringLiteral("release/%1").arg(releaseId), uploadDetails(release, origin)});
            !ok)
            return ok.error();
        return true;
    });
    if (!written) {
        (void)removeUnreferencedImage(sha);
        return storageError(QStringLiteral("cannot record the release"), written.error());
    }
    qCInfo(lcReleases) << "stored release" << releaseId << "version" << verified.manifest.version << "from"
                       << origin.actor;
    return release;
}

Checked<qint64> ReleaseCatalog::remove(const QString &releaseId, const QString &actor)
{
    std::lock_guard lock(m_storeMutex);
    ApiStatus refusal;
    QString sha;
    bool imageUnused = false;
    auto written = m_context.database.write([&](WriteContext &tx) -> Result<qint64> {
        auto stored = findRelease(tx.sql(), releaseId);
        if (!stored)
            return stored.error();
        if (!stored->has_value()) {
            refusal = apiError(grpc::StatusCode::NOT_FOUND,
                               QStringLiteral("no release has the id %1").arg(releaseId));
            return makeError(ErrorKind::NotFound, refusal->message);
        }
        const v1::Release &release = **stored;
        auto users = releaseInUseBy(tx.sql(), releaseId);
        if (!users)
            return users.error();
        if (!users->isEmpty()) {
            refusal =
                releaseError(grpc::StatusCode::FAILED_PRECONDITION, v1::ERROR_REASON_IN_USE,
                             QStringLiteral("release %1 (version %2) is still used by rollout %3, which is "
                                            "neither completed nor aborted; complete or abort it first")
                                 .arg(releaseId, QString::fromStdString(release.version()),
                                      users->join(QStringLiteral(", "))),
                             release);
            for (const QString &rollout : std::as_const(*users))
                refusal->detail->add_used_by_rollout_ids(rollout.toStdString());
            return makeError(ErrorKind::InvalidInput, refusal->message);
        }
        sha = QString::fromStdString(release.image_sha256());
        auto deleted = deleteReleaseRow(tx.sql(), releaseId);
        if (!deleted)
            return deleted.error();
        if (auto ok = tx.tombstone(int(v1::OBJECT_KIND_RELEASE), releaseId); !ok)
            return ok.error();
        auto images = referencedImages(tx.sql());
        if (!images)
            return images.error();
        imageUnused = !images->contains(sha);
        if (auto ok = tx.audit(
                {actor, QStringLiteral("release.delete"), QStringLiteral("release/%1").arg(releaseId),
                 QJsonObject{{QStringLiteral("version"), QString::fromStdString(release.version())},
                             {QStringLiteral("image_sha256"), sha},
                             {QStringLiteral("image_removed"), imageUnused}}});
            !ok)
            return ok.error();
        return tx.revision();
    });
    if (refusal)
        return *refusal;
    if (!written)
        return storageError(QStringLiteral("cannot delete the release"), written.error());
    // After the commit: a crash right here leaves an unnamed image, which the next start removes.
    if (imageUnused) {
        if (auto ok = m_context.artifacts.remove(sha); !ok)
            qCWarning(lcReleases) << "cannot remove the image of deleted release" << releaseId << ":"
                                  << ok.errorMessage();
    }
    return *written;
}

Result<void> ReleaseCatalog::removeUnreferencedImage(const QString &sha256Hex)
{
    auto images =
        m_context.database.read([](SqliteConnection &connection) { return referencedImages(connection); });
    if (!images)
        return images.error();
    if (images->contains(sha256Hex))
        return {};
    return m_context.artifacts.remove(sha256Hex);
}

bool ReleaseCatalog::claimUpload(const QString &uploadId, std::function<void()> cancel)
{
    std::lock_guard lock(m_activeMutex);
    if (m_active.contains(uploadId))
        return false;
    m_active.insert(uploadId, std::move(cancel));
    return true;
}

void ReleaseCatalog::releaseUpload(const QString &uploadId)
{
    std::lock_guard lock(m_activeMutex);
    m_active.remove(uploadId);
}

bool ReleaseCatalog::cancelActiveUpload(const QString &uploadId)
{
    // Under the lock the stream cannot finish (it releases its claim first), so `cancel` is safe to call.
    std::lock_guard lock(m_activeMutex);
    const auto it = m_active.constFind(uploadId);
    if (it == m_active.constEnd())
        return false;
    it.value()();
    return true;
}

Result<void> ReleaseCatalog::discardSession(const QString &uploadId)
{
    auto deleted = m_context.database.write([&](WriteContext &tx) -> Result<bool> {
        if (auto ok = deleteUploadSession(tx.sql(), uploadId); !ok)
            return ok.error();
        return true;
    });
    QFile::remove(uploadPartPath(m_context.artifacts.scratchDirectory(), uploadId));
    if (!deleted)
        return deleted.error();
    return {};
}

} // namespace otter::backend
