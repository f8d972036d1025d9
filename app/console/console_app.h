// The whole console: main window, pages, the client on its thread, the connection, and the session of the
// server in use (cache, models, outbox). main() makes one; GUI tests make one the same way.
#pragma once

#include "app/console/console_options.h"
#include "app/console/console_pages.h"

#include <QObject>

#include <memory>

namespace otter::client {
class ClientThread;
class ConsoleClient;
} // namespace otter::client
namespace otter::ui {
class MainWindow;
}

namespace otter::console {

class ConnectionController;
class ConsoleSession;

class ConsoleApp final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConsoleApp)

public:
    explicit ConsoleApp(ConsoleOptions options, QObject *parent = nullptr);
    ~ConsoleApp() override;

    // Restores the window, opens the cache of the server to use and connects when it can.
    void start();

    ui::MainWindow *window() const { return m_window.get(); }
    const ConsolePages &pages() const { return m_pages; }
    client::ConsoleClient *client() const;
    ConnectionController *connection() const { return m_connection; }
    // Null until a server was chosen.
    ConsoleSession *session() const { return m_session.get(); }
    bool isOnline() const { return m_online; }

signals:
    void sessionChanged();

private:
    void useServer(const models::ServerProfile &profile);
    void setOnline(bool online, const QString &reason);
    void showNotice(const QString &message);
    void showOutbox();
    void updateBanner(const QString &reason);

    ConsoleOptions m_options;
    std::unique_ptr<ui::MainWindow> m_window;
    ConsolePages m_pages;
    std::unique_ptr<client::ClientThread> m_clientThread;
    ConnectionController *m_connection = nullptr;
    std::unique_ptr<ConsoleSession> m_session;
    QString m_sessionAddress;
    bool m_online = false;
};

} // namespace otter::console
