// Choosing and reaching a server: the connection dialog, the CA shown and pinned on first contact (a changed
// CA refused loudly), the token kept in the keyring, and the client's life cycle shown in the status bar.
#pragma once

#include "models/records.h"

#include <QObject>
#include <QSettings>

namespace otter::client {
class CaProbe;
class ConsoleClient;
class ServerProfiles;
class TokenStore;
struct ProbedCa;
} // namespace otter::client
namespace otter::ui {
class MainWindow;
}

namespace otter::console {

class ConnectionController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionController)

public:
    ConnectionController(ui::MainWindow *window, client::ConsoleClient *client, QObject *parent);
    ~ConnectionController() override;

    // Connects without asking: the profile's CA must be pinned already (command line, demo, tests).
    void connectPinned(const models::ServerProfile &profile, const QString &token);
    // At start: the last server used, with its token from the keyring when one is kept there.
    void resumeLastServer();
    // Asks with the connection dialog (Server → Connect…).
    void connectInteractively();

    std::optional<models::ServerProfile> lastServer() const;

signals:
    // The console is about to work with this server: its cache must be the one shown.
    void serverChosen(const otter::models::ServerProfile &profile);
    void notice(const QString &message);

private:
    void probeAndConnect(const models::ServerProfile &profile, const QString &token);
    void onProbed(const client::ProbedCa &ca);
    void start(const models::ServerProfile &profile, const QString &token);

    ui::MainWindow *m_window;
    client::ConsoleClient *m_client;
    QSettings m_settings;
    std::unique_ptr<client::ServerProfiles> m_profiles;
    client::TokenStore *m_tokens;
    client::CaProbe *m_probe;
    // The connection being made or held.
    models::ServerProfile m_profile;
    QString m_token;
};

} // namespace otter::console
