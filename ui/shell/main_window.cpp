// Main window: wires the sidebar, page stack, banner and status bar together and keeps the window's state.
#include "ui/shell/main_window.h"

#include "ui/dialogs/about_dialog.h"
#include "ui/shell/connection_status_bar.h"
#include "ui/shell/icons.h"
#include "ui/shell/offline_banner.h"
#include "ui/shell/page_placeholder.h"

#include <QAction>
#include <QActionGroup>
#include <QCloseEvent>
#include <QHBoxLayout>
#include <QListWidget>
#include <QMenuBar>
#include <QMetaEnum>
#include <QSettings>
#include <QStackedWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace otter::ui {
namespace {

const auto GeometryKey = u"mainWindow/geometry"_s;
const auto StateKey = u"mainWindow/windowState"_s;
const auto PageKey = u"mainWindow/lastPage"_s;

int indexOf(MainWindow::Page page)
{
    return static_cast<int>(page);
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setObjectName(u"mainWindow"_s);
    setWindowIcon(themedIcon(u"otter"_s));

    m_sidebar = new QListWidget(this);
    m_sidebar->setObjectName(u"navigation"_s);
    m_sidebar->setAccessibleName(tr("Pages"));
    m_sidebar->setFrameShape(QFrame::NoFrame);
    m_sidebar->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    const int iconSide = fontMetrics().height() + 4;
    m_sidebar->setIconSize(QSize(iconSide, iconSide));
    m_sidebar->setSpacing(2);
    // The sidebar sits on the window colour so it reads as navigation, not as a data list.
    m_sidebar->setBackgroundRole(QPalette::Window);
    m_sidebar->viewport()->setBackgroundRole(QPalette::Window);

    m_stack = new QStackedWidget(this);
    m_stack->setObjectName(u"pages"_s);
    int widest = 0;
    for (int i = 0; i < PageCount; ++i) {
        const auto page = static_cast<Page>(i);
        const QIcon icon = themedIcon(pageIconName(page));
        auto *item = new QListWidgetItem(icon, pageTitle(page), m_sidebar);
        item->setToolTip(tr("%1 (Ctrl+%2)").arg(pageTitle(page)).arg(i + 1));
        widest = std::max(widest, fontMetrics().horizontalAdvance(pageTitle(page)));
        m_stack->addWidget(new PagePlaceholder(icon, pageTitle(page), m_stack));
    }
    m_sidebar->setFixedWidth(widest + iconSide + fontMetrics().height() * 3);
    m_sidebar->setCurrentRow(0);
    connect(m_sidebar, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row >= 0)
            showPage(static_cast<Page>(row));
    });

    m_banner = new OfflineBanner(this);
    auto *content = new QWidget(this);
    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->setSpacing(0);
    contentLayout->addWidget(m_banner);
    contentLayout->addWidget(m_stack, 1);

    auto *separator = new QFrame(this);
    separator->setFrameShape(QFrame::VLine);
    separator->setFrameShadow(QFrame::Sunken);

    auto *central = new QWidget(this);
    auto *layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_sidebar);
    layout->addWidget(separator);
    layout->addWidget(content, 1);
    setCentralWidget(central);

    m_statusBar = new ConnectionStatusBar(this);
    setStatusBar(m_statusBar);
    connect(m_statusBar, &ConnectionStatusBar::outboxRequested, this, &MainWindow::outboxRequested);

    buildMenus();
    setWindowTitle(tr("%1 — Otter Console").arg(pageTitle(m_current)));
    resize(1100, 700);
}

QString MainWindow::pageTitle(Page page)
{
    switch (page) {
    case Page::Dashboard:
        return tr("Dashboard");
    case Page::Devices:
        return tr("Devices");
    case Page::Groups:
        return tr("Groups");
    case Page::Windows:
        return tr("Maintenance windows");
    case Page::Releases:
        return tr("Releases");
    case Page::Rollouts:
        return tr("Rollouts");
    case Page::Audit:
        return tr("Audit");
    }
    return {};
}

QString MainWindow::pageIconName(Page page)
{
    static const std::array<QString, PageCount> names = {
        u"dashboard"_s, u"devices"_s, u"groups"_s, u"windows"_s, u"releases"_s, u"rollouts"_s, u"audit"_s};
    return names[static_cast<size_t>(indexOf(page))];
}

void MainWindow::buildMenus()
{
    QMenu *server = menuBar()->addMenu(tr("&Server"));
    QAction *connectAction = server->addAction(themedIcon(u"connect"_s), tr("&Connect…"));
    connect(connectAction, &QAction::triggered, this, &MainWindow::connectRequested);
    m_disconnectAction = server->addAction(themedIcon(u"disconnect"_s), tr("&Disconnect"));
    connect(m_disconnectAction, &QAction::triggered, this, &MainWindow::disconnectRequested);
    QAction *outboxAction = server->addAction(themedIcon(u"outbox"_s), tr("&Outbox…"));
    connect(outboxAction, &QAction::triggered, this, &MainWindow::outboxRequested);
    server->addSeparator();
    QAction *quitAction = server->addAction(tr("&Quit"));
    quitAction->setShortcut(QKeySequence::Quit);
    quitAction->setMenuRole(QAction::QuitRole);
    connect(quitAction, &QAction::triggered, this, &QWidget::close);

    QMenu *go = menuBar()->addMenu(tr("&Go"));
    auto *pages = new QActionGroup(this);
    for (int i = 0; i < PageCount; ++i) {
        const auto page = static_cast<Page>(i);
        QAction *action = go->addAction(themedIcon(pageIconName(page)), pageTitle(page));
        action->setCheckable(true);
        action->setShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_1 + i)));
        action->setData(i);
        pages->addAction(action);
        connect(action, &QAction::triggered, this, [this, page] { showPage(page); });
        m_pageActions[static_cast<size_t>(i)] = action;
    }
    m_pageActions[0]->setChecked(true);
    go->addSeparator();
    QAction *find = go->addAction(tr("&Find"));
    find->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_F));
    connect(find, &QAction::triggered, this, &MainWindow::findRequested);
    QAction *refresh = go->addAction(themedIcon(u"refresh"_s), tr("&Refresh"));
    refresh->setShortcut(QKeySequence(Qt::Key_F5));
    connect(refresh, &QAction::triggered, this, &MainWindow::refreshRequested);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *about = help->addAction(themedIcon(u"otter"_s), tr("&About Otter Console"));
    about->setMenuRole(QAction::AboutRole);
    connect(about, &QAction::triggered, this, &MainWindow::showAbout);

    // Shortcuts must work whichever page has focus, so the window itself carries the actions too.
    addActions(server->actions());
    addActions(go->actions());
}

void MainWindow::setPage(Page page, QWidget *widget)
{
    const int index = indexOf(page);
    QWidget *old = m_stack->widget(index);
    const bool wasCurrent = m_stack->currentIndex() == index;
    m_stack->insertWidget(index, widget);
    m_stack->removeWidget(old);
    delete old;
    if (wasCurrent)
        m_stack->setCurrentIndex(index);
}

QWidget *MainWindow::pageWidget(Page page) const
{
    return m_stack->widget(indexOf(page));
}

void MainWindow::showPage(Page page)
{
    const int index = indexOf(page);
    if (index < 0 || index >= PageCount)
        return;
    m_stack->setCurrentIndex(index);
    m_sidebar->setCurrentRow(index);
    m_pageActions[static_cast<size_t>(index)]->setChecked(true);
    setWindowTitle(tr("%1 — Otter Console").arg(pageTitle(page)));
    if (page == m_current)
        return;
    m_current = page;
    emit pageChanged(page);
}

void MainWindow::setDisconnectEnabled(bool enabled)
{
    m_disconnectAction->setEnabled(enabled);
}

void MainWindow::restoreState()
{
    QSettings settings;
    const QByteArray geometry = settings.value(GeometryKey).toByteArray();
    if (!geometry.isEmpty())
        restoreGeometry(geometry);
    const QByteArray state = settings.value(StateKey).toByteArray();
    if (!state.isEmpty())
        QMainWindow::restoreState(state);
    // The page is stored by name so reordering the enum never sends the operator to the wrong page.
    const QByteArray pageName = settings.value(PageKey).toString().toLatin1();
    bool known = false;
    const int value = QMetaEnum::fromType<Page>().keyToValue(pageName.constData(), &known);
    if (known)
        showPage(static_cast<Page>(value));
}

void MainWindow::saveWindowState() const
{
    QSettings settings;
    settings.setValue(GeometryKey, saveGeometry());
    settings.setValue(StateKey, saveState());
    settings.setValue(PageKey,
                      QString::fromLatin1(QMetaEnum::fromType<Page>().valueToKey(indexOf(m_current))));
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveWindowState();
    QMainWindow::closeEvent(event);
}

void MainWindow::showAbout()
{
    AboutDialog dialog(this);
    dialog.exec();
}

} // namespace otter::ui
