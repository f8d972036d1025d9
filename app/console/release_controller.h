// The Releases page's logic: the upload dialog (local check on a pool thread, then the upload through
// ReleaseCalls), the trusted keys tab (its model, add and revoke), and who may do what.
#pragma once

#include "models/cache_database.h"

#include <QObject>

class QAbstractItemModel;
#include <QPointer>

namespace otter::client {
class ConsoleClient;
}
namespace otter::models {
class ReleaseListModel;
class TrustedKeyListModel;
struct ReleaseRecord;
struct TrustedKeyRecord;
} // namespace otter::models
namespace otter::ui {
class ReleaseUploadDialog;
class ReleasesPage;
} // namespace otter::ui

namespace otter::console {

class ReleaseVerifier;

class ReleaseController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReleaseController)

public:
    // `rollouts` (RecordRole models::RolloutRecord) names the rollouts using each release in its details.
    ReleaseController(const models::CacheDatabase &database, models::ReleaseListModel *releases,
                      QAbstractItemModel *rollouts, ui::ReleasesPage *page, client::ConsoleClient *client,
                      QObject *parent);
    ~ReleaseController() override;

    // After the cache changed: the keys model re-reads it, the release details name their rollouts.
    void refresh();

    // Opens the upload dialog (window-modal, not blocking), or raises the one already open. Drive it with
    // dialog->setBundlePath(…), verifyButton()->click(), then uploadButton()->click(); its state() and
    // outcomeText() say how it ended.
    ui::ReleaseUploadDialog *openUploadDialog();
    ui::ReleaseUploadDialog *uploadDialog() const;
    ReleaseVerifier *verifier() const { return m_verifier; }
    models::TrustedKeyListModel *keyModel() const { return m_keys; }

signals:
    // For the status bar: an upload that finished, a key added or revoked, and failures of those.
    void notice(const QString &message);

private:
    void setRole(const QString &role);
    void verify();
    void upload();
    void cancel();
    void onUploaded(const models::ReleaseRecord &release);
    void onKeyAdded(const models::TrustedKeyRecord &key);
    void onKeyRevoked(const models::TrustedKeyRecord &key);

    models::ReleaseListModel *m_releases;
    QAbstractItemModel *m_rollouts;
    models::TrustedKeyListModel *m_keys;
    ui::ReleasesPage *m_page;
    client::ConsoleClient *m_client;
    ReleaseVerifier *m_verifier;
    QPointer<ui::ReleaseUploadDialog> m_dialog;
    bool m_uploading = false;
};

} // namespace otter::console
