// ReleaseVerifier: runs the pre-upload check (core/release_precheck.h) on a pool thread — streaming the
// file once, in constant memory — and reports progress and the verdict on the thread it lives on. For an
// image with a local key it signs first (core/release_signing.h) and keeps the signed manifest for the
// upload. A newer check or cancel() drops the answers of an older one.
#pragma once

#include "core/release_precheck.h"

#include <QObject>

#include <atomic>
#include <memory>
#include <optional>

namespace otter::console {

struct SigningRequest
{
    QString imagePath;
    QString keyPath;
    ReleaseSigningSpec spec; // imagePath is taken from above
};

class ReleaseVerifier final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReleaseVerifier)

public:
    explicit ReleaseVerifier(QObject *parent = nullptr);
    ~ReleaseVerifier() override;

    void checkBundle(const QString &path, const QList<KnownKey> &keys, const QList<KnownRelease> &releases);
    void signAndCheck(const SigningRequest &request, const QList<KnownKey> &keys,
                      const QList<KnownRelease> &releases);
    void cancel();

    // The last check that passed: what the upload sends.
    const std::optional<ReleasePrecheck> &verified() const { return m_verified; }
    // Set when the verified release was signed on the spot (upload in parts mode).
    const std::optional<SignedManifest> &signedManifest() const { return m_signed; }
    QString verifiedPath() const { return m_verifiedPath; }

signals:
    void progress(qint64 doneBytes, qint64 totalBytes);
    void finished(const otter::ReleasePrecheck &check);

private:
    struct Job;
    std::shared_ptr<Job> begin(const QString &path);
    void deliver(quint64 generation, const QString &path, const ReleasePrecheck &check,
                 const std::optional<SignedManifest> &signedManifest);

    quint64 m_generation = 0;
    std::shared_ptr<std::atomic_bool> m_cancel;
    std::optional<ReleasePrecheck> m_verified;
    std::optional<SignedManifest> m_signed;
    QString m_verifiedPath;
};

} // namespace otter::console

Q_DECLARE_METATYPE(otter::ReleasePrecheck)
