// ReleaseVerifier: the work runs on QThreadPool; results come back queued to the application object (on
// the GUI thread, where the verifier lives) and are checked against the verifier's life and generation,
// so a stale verdict never lands in the dialog.
#include "app/console/release_verifier.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QPointer>
#include <QThreadPool>

namespace otter::console {

namespace {

// Progress is posted every this many bytes: often enough for a smooth bar, rarely enough to cost nothing.
constexpr qint64 ProgressStepBytes = 16 << 20;

} // namespace

struct ReleaseVerifier::Job
{
    QPointer<ReleaseVerifier> owner;
    quint64 generation = 0;
    qint64 total = 0;
    std::shared_ptr<std::atomic_bool> cancel;
    qint64 reported = 0;

    // On the pool thread: posts progress, and says whether to go on.
    bool step(qint64 done)
    {
        if (done - reported >= ProgressStepBytes || done == total) {
            reported = done;
            QMetaObject::invokeMethod(
                QCoreApplication::instance(),
                [owner = owner, generation = generation, done, total = total] {
                    if (owner && owner->m_generation == generation)
                        emit owner->progress(done, total);
                },
                Qt::QueuedConnection);
        }
        return !cancel->load();
    }
};

ReleaseVerifier::ReleaseVerifier(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<ReleasePrecheck>();
}

ReleaseVerifier::~ReleaseVerifier()
{
    cancel();
}

std::shared_ptr<ReleaseVerifier::Job> ReleaseVerifier::begin(const QString &path)
{
    cancel();
    m_verified.reset();
    m_signed.reset();
    m_verifiedPath.clear();
    m_cancel = std::make_shared<std::atomic_bool>(false);
    auto job = std::make_shared<Job>();
    job->owner = this;
    job->generation = ++m_generation;
    job->total = QFileInfo(path).size();
    job->cancel = m_cancel;
    return job;
}

void ReleaseVerifier::checkBundle(const QString &path, const QList<KnownKey> &keys,
                                  const QList<KnownRelease> &releases)
{
    auto job = begin(path);
    QThreadPool::globalInstance()->start([job, path, keys, releases] {
        const ReleasePrecheck check =
            precheckBundle(path, keys, releases, [job](qint64 done) { return job->step(done); });
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [job, path, check] {
                if (job->owner)
                    job->owner->deliver(job->generation, path, check, std::nullopt);
            },
            Qt::QueuedConnection);
    });
}

void ReleaseVerifier::signAndCheck(const SigningRequest &request, const QList<KnownKey> &keys,
                                   const QList<KnownRelease> &releases)
{
    auto job = begin(request.imagePath);
    QThreadPool::globalInstance()->start([job, request, keys, releases] {
        ReleasePrecheck check;
        std::optional<SignedManifest> signedManifest;
        check.fileName = QFileInfo(request.imagePath).fileName();
        check.fileSize = job->total;
        auto key = PrivateKey::load(request.keyPath);
        if (!key) {
            check.failure = PrecheckFailure::Unreadable;
            check.failedCheck = QStringLiteral("signing key");
            check.message = key.errorMessage();
        } else {
            ReleaseSigningSpec spec = request.spec;
            spec.imagePath = request.imagePath;
            auto made = signRelease(spec, {*key}, [job](qint64 done) { return job->step(done); });
            if (job->cancel->load()) {
                check.failure = PrecheckFailure::Cancelled;
            } else if (!made) {
                check.failure = made.error().kind == ErrorKind::Io ? PrecheckFailure::Unreadable
                                                                   : PrecheckFailure::ManifestInvalid;
                check.failedCheck = precheckName(check.failure);
                check.message = made.errorMessage();
                check.signerKeyId = key->keyId();
            } else {
                check = precheckSigned(request.imagePath, *made, keys, releases);
                signedManifest = std::move(made).value();
            }
        }
        const QString path = request.imagePath;
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [job, path, check, signedManifest] {
                if (job->owner)
                    job->owner->deliver(job->generation, path, check, signedManifest);
            },
            Qt::QueuedConnection);
    });
}

void ReleaseVerifier::cancel()
{
    if (m_cancel)
        m_cancel->store(true);
    ++m_generation;
}

void ReleaseVerifier::deliver(quint64 generation, const QString &path, const ReleasePrecheck &check,
                              const std::optional<SignedManifest> &signedManifest)
{
    if (generation != m_generation)
        return;
    if (check.passed()) {
        m_verified = check;
        m_signed = signedManifest;
        m_verifiedPath = path;
    }
    emit finished(check);
}

} // namespace otter::console
