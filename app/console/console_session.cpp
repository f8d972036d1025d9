// One server's cache, models, outbox and controllers.
#include "app/console/console_session.h"

#include "app/client/console_client.h"
#include "app/console/audit_controller.h"
#include "app/console/dashboard_controller.h"
#include "app/console/devices_controller.h"
#include "app/console/draft_editing_controller.h"
#include "app/console/outbox_controller.h"
#include "app/console/release_controller.h"
#include "app/console/rollout_controller.h"
#include "app/console/rollout_detail_controller.h"
#include "models/audit_log_model.h"
#include "models/cache_store.h"
#include "models/cache_worker.h"
#include "models/device_table_model.h"
#include "models/group_list_model.h"
#include "models/maintenance_window_list_model.h"
#include "models/outbox.h"
#include "models/outbox_model.h"
#include "models/release_list_model.h"
#include "models/release_versions.h"
#include "models/rollout_list_model.h"
#include "ui/pages/audit_page.h"
#include "ui/pages/devices_page.h"
#include "ui/pages/groups_page.h"
#include "ui/pages/releases_page.h"
#include "ui/pages/rollouts_page.h"
#include "ui/pages/windows_page.h"

namespace otter::console {

Result<std::unique_ptr<ConsoleSession>>
ConsoleSession::open(const QString &cachePath, const ConsolePages &pages, client::ConsoleClient *client)
{
    models::CacheDatabase database;
    if (auto opened = database.open(cachePath); !opened)
        return opened.error();
    return std::unique_ptr<ConsoleSession>(new ConsoleSession(database, pages, client));
}

ConsoleSession::ConsoleSession(const models::CacheDatabase &database, const ConsolePages &pages,
                               client::ConsoleClient *client)
    : m_database(database)
    , m_pages(pages)
    , m_client(client)
{
    m_cacheThread.setObjectName(QStringLiteral("cache-writer"));
    m_worker = new models::CacheWorker(m_database);
    m_worker->moveToThread(&m_cacheThread);
    connect(&m_cacheThread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_cacheThread.start();

    m_devices = new models::DeviceTableModel(m_database, this);
    m_groups = new models::GroupListModel(m_database, this);
    m_windows = new models::MaintenanceWindowListModel(m_database, this);
    m_releases = new models::ReleaseListModel(m_database, this);
    m_rollouts = new models::RolloutListModel(m_database, this);
    m_audit = new models::AuditLogModel(m_database, this);
    m_outbox = new models::Outbox(m_database, this);
    m_outboxModel = new models::OutboxModel(m_database, m_outbox, this);

    m_pages.devices->setModel(m_devices);
    m_pages.groups->setModel(m_groups);
    m_pages.windows->setModel(m_windows);
    m_pages.releases->setModel(m_releases);
    m_pages.rollouts->setModel(m_rollouts);
    m_pages.audit->setModel(m_audit);

    m_outboxController = new OutboxController(m_outbox, m_client, this);
    m_devicesController = new DevicesController(m_database, m_devices, m_pages.devices, m_client, this);
    m_draftsController = new DraftEditingController(m_database, m_outbox, m_pages, m_client, this);
    m_dashboardController = new DashboardController(m_database, m_pages.dashboard, this);
    m_auditController = new AuditController(m_database, m_audit, m_pages.audit, m_client, this);
    connect(m_auditController, &AuditController::notice, this, &ConsoleSession::notice);
    m_releaseController =
        new ReleaseController(m_database, m_releases, m_rollouts, m_pages.releases, m_client, this);
    connect(m_releaseController, &ReleaseController::notice, this, &ConsoleSession::notice);
    m_rolloutController = new RolloutController(
        m_database, m_outbox, {m_rollouts, m_releases, m_groups, m_windows}, m_pages.rollouts, m_client, this);
    connect(m_rolloutController, &RolloutController::notice, this, &ConsoleSession::notice);
    m_rolloutDetailController = new RolloutDetailController(
        m_client, m_pages.rollouts,
        [this](const QString &releaseId) {
            const auto versions = models::loadReleaseVersions(m_database);
            return versions ? versions->value(releaseId) : QString();
        },
        this);
    connect(m_rolloutDetailController, &RolloutDetailController::notice, this, &ConsoleSession::notice);
    connect(m_pages.rollouts, &ui::RolloutsPage::openDetailRequested, m_rolloutDetailController,
            [this](const QString &rolloutId) { m_rolloutDetailController->open(rolloutId); });

    connect(m_outbox, &models::Outbox::changed, this, [this] {
        m_groups->refresh();
        m_windows->refresh();
        m_outboxModel->refresh();
        emit outboxCountChanged(m_outbox->count());
    });
    connect(m_outboxController, &OutboxController::notice, this, &ConsoleSession::notice);
    connect(m_draftsController, &DraftEditingController::notice, this, &ConsoleSession::notice);
    wireSync();
    refreshModels();
}

ConsoleSession::~ConsoleSession()
{
    // The pages outlive the session: take the models away before they are deleted.
    m_pages.devices->setModel(nullptr);
    m_pages.groups->setModel(nullptr);
    m_pages.windows->setModel(nullptr);
    m_pages.releases->setModel(nullptr);
    m_pages.rollouts->setModel(nullptr);
    m_pages.audit->setModel(nullptr);
    m_cacheThread.quit();
    m_cacheThread.wait();
}

void ConsoleSession::wireSync()
{
    // Batches go to the writer thread in the order they arrive; the GUI thread never writes the cache.
    connect(m_client, &client::ConsoleClient::changesReceived, m_worker, &models::CacheWorker::apply,
            Qt::QueuedConnection);
    connect(
        m_client, &client::ConsoleClient::resyncRequired, m_worker,
        [this](const QString &message) {
            emit notice(message);
            // Queued on the writer thread ahead of the batches the fresh sync will bring.
            QMetaObject::invokeMethod(m_worker, "reset", Qt::QueuedConnection, Q_ARG(bool, true));
            m_client->setSyncFrom(0);
        },
        Qt::QueuedConnection);
    connect(m_worker, &models::CacheWorker::applied, this,
            [this](qint64 revision, const QDateTime &syncedAt) {
                refreshModels();
                emit cacheChanged(revision, syncedAt);
            });
    connect(m_worker, &models::CacheWorker::failed, this, [this](const QString &message) {
        emit notice(tr("The offline cache could not be updated: %1").arg(message));
    });
}

void ConsoleSession::refreshModels()
{
    m_devices->refresh();
    m_groups->refresh();
    m_windows->refresh();
    m_releases->refresh();
    m_rollouts->refresh();
    m_releaseController->refresh();
    m_audit->refresh();
    m_auditController->cacheChanged();
    m_outboxModel->refresh();
    m_devicesController->updateCounts();
    m_dashboardController->refresh();
}

qint64 ConsoleSession::cacheRevision() const
{
    return models::CacheStore(m_database).revision();
}

QDateTime ConsoleSession::syncedAt() const
{
    return models::CacheStore(m_database).syncedAt();
}

void ConsoleSession::setOnline(bool online)
{
    if (online == m_online)
        return;
    m_online = online;
    if (online)
        m_client->setSyncFrom(cacheRevision());
    m_outboxController->setOnline(online);
    m_draftsController->setOnline(online);
    m_devicesController->setOnline(online);
    m_auditController->setOnline(online);
    m_rolloutController->setOnline(online);
}

} // namespace otter::console
