// The console's assembly: window and pages once, a session per server, the banner and status bar kept true.
#include "app/console/console_app.h"

#include "app/client/client_thread.h"
#include "app/client/console_client.h"
#include "app/console/cache_location.h"
#include "app/console/connection_controller.h"
#include "app/console/console_session.h"
#include "app/console/outbox_review.h"
#include "models/outbox.h"
#include "ui/shell/connection_status_bar.h"
#include "ui/shell/main_window.h"
#include "ui/shell/offline_banner.h"

#include <QDir>

namespace otter::console {

ConsoleApp::ConsoleApp(ConsoleOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_window(std::make_unique<ui::MainWindow>())
    , m_clientThread(std::make_unique<client::ClientThread>())
{
    m_pages = installPages(*m_window);
    client()->setBackoff(m_options.backoffInitialMs, m_options.backoffMaximumMs);
    m_connection = new ConnectionController(m_window.get(), client(), this);
    connect(m_connection, &ConnectionController::serverChosen, this, &ConsoleApp::useServer);
    connect(m_connection, &ConnectionController::notice, this, &ConsoleApp::showNotice);
    connect(client(), &client::ConsoleClient::stateChanged, this,
            [this](client::ConnectionState state, const QString &detail) {
                setOnline(state == client::ConnectionState::Online, detail);
            });
    connect(client(), &client::ConsoleClient::callFailed, this,
            [this](const QString &operation, const QString &message) {
                showNotice(tr("%1 failed: %2").arg(operation, message));
            });
    connect(m_window.get(), &ui::MainWindow::outboxRequested, this, &ConsoleApp::showOutbox);
    connect(m_window.get(), &ui::MainWindow::refreshRequested, this, [this] {
        if (m_session && m_online)
            client()->requestChanges(m_session->cacheRevision());
    });
}

ConsoleApp::~ConsoleApp()
{
    // Quitting by signal or from the menu closes no window: keep where the operator was all the same.
    m_window->saveWindowState();
    // The session's models leave the pages before the window goes; the client stops before both.
    m_session.reset();
    m_clientThread.reset();
}

client::ConsoleClient *ConsoleApp::client() const
{
    return m_clientThread->client();
}

void ConsoleApp::start()
{
    m_window->restoreState();
    updateBanner(tr("Not connected to a server yet."));
    if (m_options.server) {
        m_connection->connectPinned(*m_options.server, m_options.token);
        return;
    }
    m_connection->resumeLastServer();
}

void ConsoleApp::useServer(const models::ServerProfile &profile)
{
    if (m_session && m_sessionAddress == profile.address)
        return;
    m_session.reset();
    const QString directory = cacheDirectory(m_options.cacheDirectory);
    QDir().mkpath(directory);
    auto session = ConsoleSession::open(cachePathFor(directory, profile.address), m_pages, client());
    if (!session) {
        showNotice(
            tr("The offline cache for %1 cannot be opened: %2").arg(profile.address, session.errorMessage()));
        m_sessionAddress.clear();
        return;
    }
    m_session = std::move(*session);
    m_sessionAddress = profile.address;
    ui::ConnectionStatusBar *status = m_window->connectionStatusBar();
    connect(m_session.get(), &ConsoleSession::cacheChanged, this,
            [status](qint64, const QDateTime &at) { status->setLastSync(at); });
    connect(m_session.get(), &ConsoleSession::outboxCountChanged, status,
            &ui::ConnectionStatusBar::setOutboxCount);
    connect(m_session.get(), &ConsoleSession::notice, this, &ConsoleApp::showNotice);
    status->setLastSync(m_session->syncedAt());
    status->setOutboxCount(m_session->outbox()->count());
    m_session->setOnline(m_online);
    updateBanner(m_online ? QString() : tr("Not connected."));
    emit sessionChanged();
}

void ConsoleApp::setOnline(bool online, const QString &reason)
{
    m_online = online;
    if (m_session)
        m_session->setOnline(online);
    updateBanner(reason);
}

void ConsoleApp::updateBanner(const QString &reason)
{
    const QDateTime asOf = m_session ? m_session->syncedAt() : QDateTime();
    m_window->offlineBanner()->setOffline(!m_online, asOf, reason);
}

void ConsoleApp::showNotice(const QString &message)
{
    m_window->connectionStatusBar()->showMessage(message, 15000);
}

void ConsoleApp::showOutbox()
{
    if (!m_session) {
        showNotice(tr("No server chosen yet: there is no outbox."));
        return;
    }
    reviewOutbox(m_window.get(), m_session->outbox(), m_session->outboxModel());
}

} // namespace otter::console
