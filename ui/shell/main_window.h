// The console's main window: navigation sidebar, page stack, offline banner, status bar, menus, shortcuts.
#pragma once

#include <QMainWindow>

#include <array>

class QAction;
class QListWidget;
class QStackedWidget;

namespace otter::ui {

class ConnectionStatusBar;
class OfflineBanner;

// Pages are installed by the application (setPage); the window only navigates and remembers where the
// operator was. It does no networking and reads QSettings only for its own geometry, state and last page.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    enum class Page { Dashboard, Devices, Groups, Windows, Releases, Rollouts, Audit };
    Q_ENUM(Page)
    static constexpr int PageCount = 7;

    explicit MainWindow(QWidget *parent = nullptr);

    // Replaces the page's placeholder (or a previously installed widget, which is deleted) with widget.
    void setPage(Page page, QWidget *widget);
    QWidget *pageWidget(Page page) const;
    void showPage(Page page);
    Page currentPage() const { return m_current; }

    ConnectionStatusBar *connectionStatusBar() const { return m_statusBar; }
    OfflineBanner *offlineBanner() const { return m_banner; }
    // Disconnect only makes sense while a connection exists or is being made.
    void setDisconnectEnabled(bool enabled);

    // Window geometry, dock/toolbar state and the last page, from QSettings (group "mainWindow").
    using QMainWindow::restoreState;
    void restoreState();
    void saveWindowState() const;

    static QString pageTitle(Page page);
    static QString pageIconName(Page page);

signals:
    void pageChanged(otter::ui::MainWindow::Page page);
    void findRequested();
    void refreshRequested();
    void connectRequested();
    void disconnectRequested();
    void outboxRequested();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildMenus();
    void showAbout();

    QListWidget *m_sidebar = nullptr;
    QStackedWidget *m_stack = nullptr;
    OfflineBanner *m_banner = nullptr;
    ConnectionStatusBar *m_statusBar = nullptr;
    QAction *m_disconnectAction = nullptr;
    std::array<QAction *, PageCount> m_pageActions{};
    Page m_current = Page::Dashboard;
};

} // namespace otter::ui
