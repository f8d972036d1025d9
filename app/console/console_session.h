// Everything the console holds for one server: its offline cache (with a writer on its own thread), the
// models over it, the outbox, and the controllers that tie them to the pages and the client. Switching to
// another server replaces the session; the pages and the client stay.
#pragma once

#include "app/console/console_pages.h"
#include "core/result.h"
#include "models/cache_database.h"

#include <QDateTime>
#include <QObject>
#include <QThread>

#include <memory>

namespace otter::client {
class ConsoleClient;
}

namespace otter::models {
class AuditLogModel;
class CacheWorker;
class DeviceTableModel;
class GroupListModel;
class MaintenanceWindowListModel;
class Outbox;
class OutboxModel;
class ReleaseListModel;
class RolloutListModel;
} // namespace otter::models

namespace otter::console {

class AuditController;
class DashboardController;
class DevicesController;
class DraftEditingController;
class OutboxController;
class ReleaseController;
class RolloutDetailController;
class RolloutController;

class ConsoleSession final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConsoleSession)

public:
    // Opens (or creates) the cache file and gives the pages this session's models.
    static Result<std::unique_ptr<ConsoleSession>> open(const QString &cachePath, const ConsolePages &pages,
                                                        client::ConsoleClient *client);
    ~ConsoleSession() override;

    QString cachePath() const { return m_database.path(); }
    qint64 cacheRevision() const;
    QDateTime syncedAt() const;

    // The client is online (true) or not: sync follows the server and drafts are sent only while online.
    void setOnline(bool online);
    bool isOnline() const { return m_online; }

    models::Outbox *outbox() const { return m_outbox; }
    models::OutboxModel *outboxModel() const { return m_outboxModel; }
    models::DeviceTableModel *deviceModel() const { return m_devices; }
    models::GroupListModel *groupModel() const { return m_groups; }
    models::MaintenanceWindowListModel *windowModel() const { return m_windows; }
    models::AuditLogModel *auditModel() const { return m_audit; }
    AuditController *auditController() const { return m_auditController; }
    ReleaseController *releaseController() const { return m_releaseController; }
    models::RolloutListModel *rolloutModel() const { return m_rollouts; }
    RolloutController *rolloutController() const { return m_rolloutController; }
    RolloutDetailController *rolloutDetailController() const { return m_rolloutDetailController; }

signals:
    // The cache took a batch (or was reset): every model has been refreshed.
    void cacheChanged(qint64 revision, const QDateTime &syncedAt);
    void outboxCountChanged(int count);
    // Something the operator should read in the status bar (a sync that failed, a draft refused, …).
    void notice(const QString &message);

private:
    ConsoleSession(const models::CacheDatabase &database, const ConsolePages &pages,
                   client::ConsoleClient *client);
    void wireSync();
    void refreshModels();

    models::CacheDatabase m_database;
    ConsolePages m_pages;
    client::ConsoleClient *m_client;
    QThread m_cacheThread;
    models::CacheWorker *m_worker = nullptr;
    models::DeviceTableModel *m_devices = nullptr;
    models::GroupListModel *m_groups = nullptr;
    models::MaintenanceWindowListModel *m_windows = nullptr;
    models::ReleaseListModel *m_releases = nullptr;
    models::RolloutListModel *m_rollouts = nullptr;
    models::AuditLogModel *m_audit = nullptr;
    models::Outbox *m_outbox = nullptr;
    models::OutboxModel *m_outboxModel = nullptr;
    OutboxController *m_outboxController = nullptr;
    DevicesController *m_devicesController = nullptr;
    DraftEditingController *m_draftsController = nullptr;
    DashboardController *m_dashboardController = nullptr;
    AuditController *m_auditController = nullptr;
    ReleaseController *m_releaseController = nullptr;
    RolloutController *m_rolloutController = nullptr;
    RolloutDetailController *m_rolloutDetailController = nullptr;
    bool m_online = false;
};

} // namespace otter::console
