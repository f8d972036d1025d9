// The console's page widgets, made once and installed in the main window; each server session gives them
// its models.
#pragma once

namespace otter::ui {
class AuditPage;
class DashboardPage;
class DevicesPage;
class GroupsPage;
class MainWindow;
class ReleasesPage;
class RolloutsPage;
class WindowsPage;
} // namespace otter::ui

namespace otter::console {

struct ConsolePages
{
    ui::DashboardPage *dashboard = nullptr;
    ui::DevicesPage *devices = nullptr;
    ui::GroupsPage *groups = nullptr;
    ui::WindowsPage *windows = nullptr;
    ui::ReleasesPage *releases = nullptr;
    ui::RolloutsPage *rollouts = nullptr;
    ui::AuditPage *audit = nullptr;
};

// Creates every page and installs it in the window (which owns them from then on).
ConsolePages installPages(ui::MainWindow &window);

} // namespace otter::console
