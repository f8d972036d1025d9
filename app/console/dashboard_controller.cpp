// Dashboard: one summary query over the cache after every sync.
#include "app/console/dashboard_controller.h"

#include "models/fleet_summary.h"
#include "ui/pages/dashboard_page.h"

namespace otter::console {

DashboardController::DashboardController(const models::CacheDatabase &database, ui::DashboardPage *page,
                                         QObject *parent)
    : QObject(parent)
    , m_database(database)
    , m_page(page)
{
    connect(m_page, &ui::DashboardPage::rolloutActivated, this, &DashboardController::rolloutActivated);
}

void DashboardController::refresh()
{
    auto summary = models::loadFleetSummary(m_database);
    if (!summary)
        return;
    ui::FleetSummary shown;
    for (const auto &count : summary->byVersion)
        shown.byVersion.append({count.value, count.devices});
    for (const auto &count : summary->byState)
        shown.byState.append({count.value, count.devices});
    shown.activeRollouts = summary->activeRollouts;
    shown.releaseVersions = summary->releaseVersions;
    m_page->setSummary(shown);
}

} // namespace otter::console
