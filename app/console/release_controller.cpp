// The Releases page's logic: verify locally, upload, cancel; trusted keys.
#include "app/console/release_controller.h"

#include "app/client/console_client.h"
#include "app/client/release_calls.h"
#include "app/console/release_verifier.h"
#include "models/release_list_model.h"
#include "models/trusted_key_list_model.h"
#include "ui/dialogs/release_check_panel.h"
#include "ui/dialogs/release_upload_dialog.h"
#include "ui/pages/releases_page.h"
#include "ui/pages/trusted_keys_pane.h"

#include <QDateTime>

namespace otter::console {

namespace {

QList<KnownKey> knownKeys(const QAbstractItemModel &model)
{
    QList<KnownKey> keys;
    for (int row = 0; row < model.rowCount(); ++row) {
        const QVariant value = model.index(row, 0).data(models::CachedListModel::RecordRole);
        if (!value.canConvert<models::TrustedKeyRecord>())
            continue;
        const auto record = value.value<models::TrustedKeyRecord>();
        keys.append({record.id, record.name, record.publicKeyPem.toUtf8(), record.state == u"ACTIVE",
                     record.revokedBy, record.revokedAt, record.revocationReason});
    }
    return keys;
}

QList<KnownRelease> knownReleases(const QAbstractItemModel &model)
{
    QList<KnownRelease> releases;
    for (int row = 0; row < model.rowCount(); ++row) {
        const QVariant value = model.index(row, 0).data(models::CachedListModel::RecordRole);
        if (!value.canConvert<models::ReleaseRecord>())
            continue;
        const auto record = value.value<models::ReleaseRecord>();
        releases.append({record.id, record.version, qint64(record.securityVersion), record.hardwareClasses});
    }
    return releases;
}

} // namespace

ReleaseController::ReleaseController(const models::CacheDatabase &database,
                                     models::ReleaseListModel *releases, QAbstractItemModel *rollouts,
                                     ui::ReleasesPage *page, client::ConsoleClient *client, QObject *parent)
    : QObject(parent)
    , m_releases(releases)
    , m_rollouts(rollouts)
    , m_keys(new models::TrustedKeyListModel(database, this))
    , m_page(page)
    , m_client(client)
    , m_verifier(new ReleaseVerifier(this))
{
    ui::TrustedKeysPane *keys = m_page->keysPane();
    keys->setModel(m_keys);
    keys->setReleaseModel(m_releases);
    connect(m_page, &ui::ReleasesPage::uploadRequested, this, &ReleaseController::openUploadDialog);
    connect(keys, &ui::TrustedKeysPane::addKeyRequested, this,
            [this](const QString &pem, const QString &name, const QString &comment) {
                m_client->releases()->addTrustedKey(pem, name, comment);
            });
    connect(keys, &ui::TrustedKeysPane::revokeKeyRequested, this,
            [this](const QString &keyId, const QString &reason) {
                m_client->releases()->revokeTrustedKey(keyId, reason);
            });
    connect(m_client, &client::ConsoleClient::signedIn, this,
            [this](const QString &, const QString &role) { setRole(role); });

    client::ReleaseCalls *calls = m_client->releases();
    connect(calls, &client::ReleaseCalls::trustedKeyAdded, this, &ReleaseController::onKeyAdded);
    connect(calls, &client::ReleaseCalls::trustedKeyRevoked, this, &ReleaseController::onKeyRevoked);
    connect(calls, &client::ReleaseCalls::trustedKeyFailed, this,
            [this](const QString &operation, const QString &message) {
                const QString text = operation == u"add" ? tr("The key was not added: %1").arg(message)
                                                         : tr("The key was not revoked: %1").arg(message);
                m_page->keysPane()->showResult(false, text);
                emit notice(text);
            });
    connect(calls, &client::ReleaseCalls::uploadStarted, this, [this](const QString &, qint64 total) {
        if (m_dialog)
            m_dialog->showUploadStarted(total);
    });
    connect(calls, &client::ReleaseCalls::uploadProgress, this, [this](qint64 sent, qint64 total) {
        if (m_dialog)
            m_dialog->showUploadProgress(sent, total);
    });
    connect(calls, &client::ReleaseCalls::uploadFinished, this, &ReleaseController::onUploaded);
    connect(calls, &client::ReleaseCalls::uploadFailed, this,
            [this](const QString &failedCheck, const QString &message) {
                m_uploading = false;
                if (m_dialog)
                    m_dialog->showUploadFailed(failedCheck, message);
                emit notice(tr("Release upload failed: %1").arg(message));
            });
    connect(calls, &client::ReleaseCalls::uploadCancelled, this,
            [this](bool leftNothing, const QString &message) {
                m_uploading = false;
                if (m_dialog)
                    m_dialog->showCancelled(leftNothing, message);
                emit notice(message);
            });
}

ReleaseController::~ReleaseController()
{
    // The page outlives the session: its keys tab must not keep this session's model.
    m_page->keysPane()->setModel(nullptr);
    m_page->keysPane()->setReleaseModel(nullptr);
    if (m_uploading)
        m_client->releases()->cancelUpload();
    delete m_dialog;
}

ui::ReleaseUploadDialog *ReleaseController::uploadDialog() const
{
    return m_dialog;
}

void ReleaseController::refresh()
{
    m_keys->refresh();
    QHash<QString, QStringList> byRelease;
    for (int row = 0; m_rollouts && row < m_rollouts->rowCount(); ++row) {
        const QVariant value = m_rollouts->index(row, 0).data(models::CachedListModel::RecordRole);
        if (!value.canConvert<models::RolloutRecord>())
            continue;
        const auto rollout = value.value<models::RolloutRecord>();
        byRelease[rollout.releaseId].append(tr("%1 (%2)").arg(rollout.name, rollout.state));
    }
    m_page->setRolloutsByRelease(byRelease);
}

void ReleaseController::setRole(const QString &role)
{
    const bool canUpload = role == u"operator" || role == u"approver" || role == u"admin";
    m_page->setCanUpload(
        canUpload, tr("Uploading releases needs the operator role; you are signed in as %1.").arg(role));
    m_page->keysPane()->setCanManage(role == u"admin",
                                     tr("Adding and revoking trusted keys needs the admin role; you are "
                                        "signed in as %1.")
                                         .arg(role));
}

ui::ReleaseUploadDialog *ReleaseController::openUploadDialog()
{
    if (m_dialog) {
        m_dialog->raise();
        m_dialog->activateWindow();
        return m_dialog;
    }
    m_dialog = new ui::ReleaseUploadDialog(m_page->window());
    m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_dialog, &ui::ReleaseUploadDialog::verifyRequested, this, &ReleaseController::verify);
    connect(m_dialog, &ui::ReleaseUploadDialog::uploadRequested, this, &ReleaseController::upload);
    connect(m_dialog, &ui::ReleaseUploadDialog::cancelRequested, this, &ReleaseController::cancel);
    connect(m_verifier, &ReleaseVerifier::progress, m_dialog, &ui::ReleaseUploadDialog::showChecking);
    connect(m_verifier, &ReleaseVerifier::finished, m_dialog, &ui::ReleaseUploadDialog::showCheck);
    m_dialog->open();
    return m_dialog;
}

void ReleaseController::verify()
{
    if (!m_dialog)
        return;
    // Fresh from the cache, so the check sees keys and releases synced a moment ago.
    m_keys->refresh();
    const QList<KnownKey> keys = knownKeys(*m_keys);
    const QList<KnownRelease> releases = knownReleases(*m_releases);
    ui::ReleaseSourceForm *source = m_dialog->source();
    if (source->mode() == ui::ReleaseSourceForm::Mode::Bundle) {
        m_verifier->checkBundle(source->bundlePath(), keys, releases);
        return;
    }
    const ui::ReleaseSigningInput input = source->signingInput();
    SigningRequest request;
    request.imagePath = input.imagePath;
    request.keyPath = input.keyPath;
    request.spec.vendor = input.vendor;
    request.spec.hardwareClasses = input.hardwareClasses;
    request.spec.version = input.version;
    request.spec.securityVersion = input.securityVersion.toLongLong();
    request.spec.created = QDateTime::currentDateTimeUtc();
    m_verifier->signAndCheck(request, keys, releases);
}

void ReleaseController::upload()
{
    if (!m_verifier->verified())
        return;
    m_uploading = true;
    const QString path = m_verifier->verifiedPath();
    if (const auto &signedManifest = m_verifier->signedManifest())
        m_client->releases()->upload(client::ReleaseUploadSource::parts(path, signedManifest->manifestBytes,
                                                                        signedManifest->signatures));
    else
        m_client->releases()->upload(client::ReleaseUploadSource::bundle(path));
}

void ReleaseController::cancel()
{
    if (m_uploading)
        m_client->releases()->cancelUpload();
    else
        m_verifier->cancel();
}

void ReleaseController::onUploaded(const models::ReleaseRecord &release)
{
    m_uploading = false;
    const QString version = !release.version.isEmpty() ? release.version
                            : m_verifier->verified()   ? m_verifier->verified()->version
                                                       : QString();
    if (m_dialog)
        m_dialog->showUploaded(version, release.id);
    emit notice(tr("Release %1 uploaded.").arg(version));
}

void ReleaseController::onKeyAdded(const models::TrustedKeyRecord &key)
{
    const QString text = tr("Key \"%1\" (%2) is now trusted.").arg(key.name, key.id);
    m_page->keysPane()->showResult(true, text);
    emit notice(text);
}

void ReleaseController::onKeyRevoked(const models::TrustedKeyRecord &key)
{
    const QString text = tr("Key \"%1\" (%2) is revoked.").arg(key.name, key.id);
    m_page->keysPane()->showResult(true, text);
    emit notice(text);
}

} // namespace otter::console
