// Devices page: SQL filter and sort over the cache, detail pane, deployment history from the server.
#include "app/console/devices_controller.h"

#include "app/client/console_client.h"
#include "models/device_detail.h"
#include "models/device_table_model.h"
#include "models/fleet_summary.h"
#include "ui/pages/devices_page.h"

namespace otter::console {
namespace {

ui::DeploymentHistoryEntry historyEntry(const models::DeploymentRecord &deployment)
{
    ui::DeploymentHistoryEntry entry;
    entry.rolloutId = deployment.rolloutId;
    entry.releaseVersion = deployment.releaseVersion;
    entry.fromVersion = deployment.fromVersion;
    entry.state = deployment.state;
    entry.time = deployment.updatedAt;
    entry.detail = !deployment.detail.isEmpty()       ? deployment.detail
                   : !deployment.skipReason.isEmpty() ? deployment.skipReason
                                                      : deployment.error;
    return entry;
}

} // namespace

DevicesController::DevicesController(const models::CacheDatabase &database, models::DeviceTableModel *model,
                                     ui::DevicesPage *page, client::ConsoleClient *client, QObject *parent)
    : QObject(parent)
    , m_database(database)
    , m_model(model)
    , m_page(page)
    , m_client(client)
{
    connect(m_page, &ui::DevicesPage::filterRequested, this, &DevicesController::applyFilter);
    connect(m_page, &ui::DevicesPage::deviceSelected, this, &DevicesController::showDevice);
    connect(
        m_client, &client::ConsoleClient::deviceHistoryReceived, this,
        [this](quint64 generation, const QString &deviceId, const QList<models::DeploymentRecord> &history) {
            if (generation != m_historyGeneration || deviceId != m_selected)
                return;
            QList<ui::DeploymentHistoryEntry> entries;
            entries.reserve(history.size());
            for (const models::DeploymentRecord &deployment : history)
                entries.append(historyEntry(deployment));
            m_page->showDeploymentHistory(entries);
        });
    // A filter typed before a server switch still applies to the new server's fleet.
    if (!m_page->filterText().isEmpty())
        applyFilter(m_page->filterText());
}

void DevicesController::setOnline(bool online)
{
    m_online = online;
    if (online && !m_selected.isEmpty())
        showDevice(m_selected);
}

void DevicesController::applyFilter(const QString &text)
{
    if (const auto error = m_model->setFilter(text)) {
        m_page->showFilterError(error->column, error->message);
        return;
    }
    m_page->clearFilterError();
    updateCounts();
}

void DevicesController::updateCounts()
{
    const auto summary = models::loadFleetSummary(m_database);
    const qint64 total = summary ? summary->totalDevices : m_model->matchingCount();
    m_page->setCounts(m_model->matchingCount(), total);
}

void DevicesController::showDevice(const QString &deviceId)
{
    m_selected = deviceId;
    if (deviceId.isEmpty())
        return;
    if (auto device = models::loadDevice(m_database, deviceId))
        m_page->showDevice(*device);
    m_page->showDeploymentHistory({});
    if (m_online)
        m_client->deviceHistory(deviceId, ++m_historyGeneration);
}

} // namespace otter::console
