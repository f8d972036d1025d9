// The Audit page's logic: filters applied in SQL with their counts, the chain status (the cache checked
// here, otterd's verdict when online), and exports from the cache on a worker thread with progress,
// cancel and a clear outcome.
#pragma once

#include "models/audit_chain_status.h"
#include "models/audit_exporter.h"
#include "models/cache_database.h"
#include "ui/dialogs/audit_export_dialog.h"

#include <QObject>
#include <QPointer>

#include <optional>

namespace otter::client {
class ConsoleClient;
}
namespace otter::models {
class AuditLogModel;
class BackgroundTask;
} // namespace otter::models
namespace otter::ui {
class AuditExportDialog;
class AuditPage;
} // namespace otter::ui

namespace otter::console {

class AuditController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuditController)

public:
    AuditController(const models::CacheDatabase &database, models::AuditLogModel *model, ui::AuditPage *page,
                    client::ConsoleClient *client, QObject *parent);
    ~AuditController() override;

    // From the session: the cache took a batch (or was reset); the client went on- or offline.
    void cacheChanged();
    void setOnline(bool online);

    // As if the operator had typed it into the filter fields; returns the problem when it cannot apply.
    QString applyFilter(const models::AuditFilter &filter);

    // Starts an export of the cache to `path` (no file dialog); false when one is already running.
    // exportFinished follows, also shown in the export dialog when it is open.
    bool exportTo(models::AuditExportFormat format, const QString &path);
    bool isExporting() const;
    void cancelExport();
    // Opens (or raises) the export dialog with the format preselected.
    void openExportDialog(models::AuditExportFormat format);
    ui::AuditExportDialog *exportDialog() const { return m_dialog; }

    // Checks the cached chain again from its first entry and asks otterd for its verdict.
    void verifyChain();
    models::AuditChainStatus chainStatus() const { return m_status; }
    bool isCheckingChain() const;

signals:
    void chainStatusChanged(const otter::models::AuditChainStatus &status);
    void exportProgress(qint64 done, qint64 total);
    void exportFinished(const otter::models::AuditExportOutcome &outcome);
    void notice(const QString &message);

private:
    void startLocalCheck();
    void requestServerVerdict();
    void updateStatus();
    void updateCounts();

    models::CacheDatabase m_database;
    models::AuditLogModel *m_model;
    ui::AuditPage *m_page;
    client::ConsoleClient *m_client;
    bool m_online = false;

    std::optional<models::AuditChainCheck> m_local;
    models::BackgroundTask *m_localCheck = nullptr;
    bool m_localPending = false;
    std::optional<models::AuditServerVerdict> m_server;
    QString m_serverError;
    bool m_serverAsked = false;
    models::AuditChainStatus m_status;

    models::BackgroundTask *m_export = nullptr;
    QPointer<ui::AuditExportDialog> m_dialog;
};

} // namespace otter::console
