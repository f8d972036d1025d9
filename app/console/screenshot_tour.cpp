// Headless screenshots of every page, refreshed while the console runs.
#include "app/console/screenshot_tour.h"

#include "ui/shell/main_window.h"

#include <QDir>
#include <QPixmap>

namespace otter::console {

ScreenshotTour::ScreenshotTour(ui::MainWindow *window, const QString &directory, int intervalMs,
                               QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_directory(directory)
{
    QDir().mkpath(directory);
    connect(&m_timer, &QTimer::timeout, this, &ScreenshotTour::next);
    m_timer.start(intervalMs);
}

void ScreenshotTour::next()
{
    const auto page = ui::MainWindow::Page(m_page);
    m_window->showPage(page);
    const QString name = ui::MainWindow::pageTitle(page).toLower().replace(u' ', u'-');
    m_window->grab().save(QDir(m_directory).filePath(QStringLiteral("console-%1.png").arg(name)));
    m_page = (m_page + 1) % ui::MainWindow::PageCount;
}

} // namespace otter::console
