// AuditController: page ↔ AuditLogModel ↔ AuditCalls ↔ export and chain-check tasks.
#include "app/console/audit_controller.h"

#include "app/client/audit_calls.h"
#include "app/client/console_client.h"
#include "models/audit_log_model.h"
#include "models/background_task.h"
#include "models/cache_store.h"
#include "ui/dialogs/audit_export_dialog.h"
#include "ui/pages/audit_filter_bar.h"
#include "ui/pages/audit_page.h"

namespace otter::console {

using models::AuditExportFormat;
using models::BackgroundTask;

AuditController::AuditController(const models::CacheDatabase &database, models::AuditLogModel *model,
                                 ui::AuditPage *page, client::ConsoleClient *client, QObject *parent)
    : QObject(parent)
    , m_database(database)
    , m_model(model)
    , m_page(page)
    , m_client(client)
{
    qRegisterMetaType<models::AuditServerVerdict>();
    qRegisterMetaType<models::AuditExportOutcome>();
    connect(m_page, &ui::AuditPage::filterRequested, this,
            [this](const models::AuditFilter &filter) { applyFilter(filter); });
    connect(m_page, &ui::AuditPage::exportRequested, this, &AuditController::openExportDialog);
    connect(m_page, &ui::AuditPage::verifyRequested, this, &AuditController::verifyChain);
    connect(m_model, &models::AuditLogModel::countsChanged, this, &AuditController::updateCounts);
    connect(m_client->audit(), &client::AuditCalls::chainVerified, this,
            [this](const models::AuditServerVerdict &verdict) {
                m_serverAsked = false;
                m_server = verdict;
                m_serverError.clear();
                updateStatus();
            });
    connect(m_client->audit(), &client::AuditCalls::chainVerifyFailed, this, [this](const QString &message) {
        m_serverAsked = false;
        m_serverError = message;
        updateStatus();
    });
    m_page->filterBar()->setFilter(m_model->filter());
    updateCounts();
    startLocalCheck();
}

AuditController::~AuditController()
{
    // The tasks are children and wait for their threads; cancel first so that the wait is short.
    if (m_export)
        m_export->cancel();
    if (m_localCheck)
        m_localCheck->cancel();
    delete m_dialog;
}

void AuditController::cacheChanged()
{
    startLocalCheck();
    updateCounts();
}

void AuditController::setOnline(bool online)
{
    m_online = online;
    if (online) {
        m_serverError.clear();
        requestServerVerdict();
    } else {
        // The verdict stays as evidence of what otterd said; the detail line notes that it cannot be renewed.
        m_serverError = tr("not available offline");
    }
    updateStatus();
}

QString AuditController::applyFilter(const models::AuditFilter &filter)
{
    const QString problem = m_model->setFilter(filter);
    // A filter set from outside the fields (a test, a link) shows in them too; typed ones are already there.
    if (problem.isEmpty() && m_page->filterBar()->filter() != filter)
        m_page->filterBar()->setFilter(filter);
    m_page->filterBar()->showProblem(problem);
    if (problem.isEmpty())
        updateCounts();
    return problem;
}

void AuditController::updateCounts()
{
    m_page->setCounts(m_model->matchingCount(), m_model->totalCount());
    if (m_dialog)
        m_dialog->setScope(m_model->filter(), m_model->matchingCount(), m_model->totalCount(),
                           models::CacheStore(m_database).syncedAt());
}

bool AuditController::isCheckingChain() const
{
    return m_localCheck != nullptr;
}

void AuditController::verifyChain()
{
    m_local.reset();
    startLocalCheck();
    requestServerVerdict();
}

void AuditController::startLocalCheck()
{
    if (m_localCheck) {
        m_localPending = true;
        return;
    }
    const models::AuditChainCheck resume = m_local.value_or(models::AuditChainCheck{});
    auto *task = new BackgroundTask(
        [database = m_database, resume](BackgroundTask &self) {
            const models::AuditChainCheck check =
                models::checkCachedChain(database, resume, [&self] { return self.isCancelled(); });
            database.closeConnection();
            return QVariant::fromValue(check);
        },
        this);
    m_localCheck = task;
    connect(task, &BackgroundTask::finished, this, [this, task](const QVariant &result) {
        task->deleteLater();
        m_localCheck = nullptr;
        const auto check = result.value<models::AuditChainCheck>();
        if (!check.cancelled)
            m_local = check;
        if (m_localPending) {
            m_localPending = false;
            startLocalCheck();
        }
        // The cache got ahead of otterd's last verdict: ask again, one request at a time.
        if (m_local && (!m_server || m_server->headSeq < m_local->lastSeq))
            requestServerVerdict();
        updateStatus();
    });
    task->start();
    updateStatus();
}

void AuditController::requestServerVerdict()
{
    if (!m_online || m_serverAsked)
        return;
    m_serverAsked = true;
    m_client->audit()->verifyChain();
}

void AuditController::updateStatus()
{
    models::AuditChainInputs inputs;
    inputs.local = m_local;
    inputs.localRunning = m_localCheck != nullptr;
    inputs.server = m_server;
    inputs.serverError = m_serverError;
    inputs.syncedAt = models::CacheStore(m_database).syncedAt();
    m_status = models::describeAuditChain(inputs);
    m_page->setChainStatus(m_status);
    emit chainStatusChanged(m_status);
}

bool AuditController::isExporting() const
{
    return m_export != nullptr;
}

void AuditController::cancelExport()
{
    if (m_export)
        m_export->cancel();
}

void AuditController::openExportDialog(AuditExportFormat format)
{
    if (!m_dialog) {
        m_dialog = new ui::AuditExportDialog(m_page->window());
        m_dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_dialog, &ui::AuditExportDialog::exportRequested, this,
                [this](AuditExportFormat chosen, const QString &path) { exportTo(chosen, path); });
        connect(m_dialog, &ui::AuditExportDialog::cancelRequested, this, &AuditController::cancelExport);
    }
    m_dialog->setFormat(format);
    updateCounts();
    m_dialog->setRunning(isExporting());
    m_dialog->show();
    m_dialog->raise();
}

bool AuditController::exportTo(AuditExportFormat format, const QString &path)
{
    if (m_export)
        return false;
    models::AuditExportRequest request;
    request.format = format;
    request.path = path;
    request.filter = m_model->filter();
    request.syncedAt = models::CacheStore(m_database).syncedAt();
    request.chainStatus = m_status.headline;
    auto *task = new BackgroundTask(
        [database = m_database, request](BackgroundTask &self) {
            models::AuditExportControl control;
            control.cancelled = [&self] { return self.isCancelled(); };
            control.progress = [&self](qint64 done, qint64 total) { self.reportProgress(done, total); };
            const models::AuditExportOutcome outcome = models::AuditExporter::run(database, request, control);
            database.closeConnection();
            return QVariant::fromValue(outcome);
        },
        this);
    m_export = task;
    connect(task, &BackgroundTask::progressChanged, this, [this](qint64 done, qint64 total) {
        if (m_dialog)
            m_dialog->setProgress(done, total);
        emit exportProgress(done, total);
    });
    connect(task, &BackgroundTask::finished, this, [this, task](const QVariant &result) {
        task->deleteLater();
        m_export = nullptr;
        const auto outcome = result.value<models::AuditExportOutcome>();
        if (m_dialog)
            m_dialog->showOutcome(outcome.ok && outcome.chainProblem.isEmpty(), outcome.message);
        emit notice(outcome.message);
        emit exportFinished(outcome);
    });
    if (m_dialog)
        m_dialog->setRunning(true);
    task->start();
    return true;
}

} // namespace otter::console
