// Creates the pages and hands them to the main window.
#include "app/console/console_pages.h"

#include "ui/pages/audit_page.h"
#include "ui/pages/dashboard_page.h"
#include "ui/pages/devices_page.h"
#include "ui/pages/groups_page.h"
#include "ui/pages/releases_page.h"
#include "ui/pages/rollouts_page.h"
#include "ui/pages/windows_page.h"
#include "ui/shell/main_window.h"

namespace otter::console {

ConsolePages installPages(ui::MainWindow &window)
{
    using Page = ui::MainWindow::Page;
    ConsolePages pages;
    pages.dashboard = new ui::DashboardPage;
    pages.devices = new ui::DevicesPage;
    pages.groups = new ui::GroupsPage;
    pages.windows = new ui::WindowsPage;
    pages.releases = new ui::ReleasesPage;
    pages.rollouts = new ui::RolloutsPage;
    pages.audit = new ui::AuditPage;
    window.setPage(Page::Dashboard, pages.dashboard);
    window.setPage(Page::Devices, pages.devices);
    window.setPage(Page::Groups, pages.groups);
    window.setPage(Page::Windows, pages.windows);
    window.setPage(Page::Releases, pages.releases);
    window.setPage(Page::Rollouts, pages.rollouts);
    window.setPage(Page::Audit, pages.audit);
    return pages;
}

} // namespace otter::console
