// Connection dialog → CA probe → pin decision → client; client state → status bar and banner.
#include "app/console/connection_controller.h"

#include "app/client/ca_probe.h"
#include "app/client/console_client.h"
#include "app/client/pin_policy.h"
#include "app/client/server_profiles.h"
#include "app/client/token_store.h"
#include "ui/dialogs/ca_changed_dialog.h"
#include "ui/dialogs/ca_trust_dialog.h"
#include "ui/dialogs/connection_dialog.h"
#include "ui/shell/connection_status_bar.h"
#include "ui/shell/main_window.h"
#include "ui/shell/offline_banner.h"

namespace otter::console {
namespace {

ui::ConnectionState shownState(client::ConnectionState state)
{
    switch (state) {
    case client::ConnectionState::Offline:
        return ui::ConnectionState::Offline;
    case client::ConnectionState::Connecting:
        return ui::ConnectionState::Connecting;
    case client::ConnectionState::Online:
        return ui::ConnectionState::Online;
    case client::ConnectionState::Reconnecting:
        return ui::ConnectionState::Reconnecting;
    }
    return ui::ConnectionState::Offline;
}

} // namespace

ConnectionController::ConnectionController(ui::MainWindow *window, client::ConsoleClient *client,
                                           QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_client(client)
    , m_profiles(std::make_unique<client::ServerProfiles>(m_settings))
    , m_tokens(new client::TokenStore(this))
    , m_probe(new client::CaProbe(this))
{
    connect(m_window, &ui::MainWindow::connectRequested, this, &ConnectionController::connectInteractively);
    connect(m_window, &ui::MainWindow::disconnectRequested, this,
            [this] { m_client->disconnectFromServer(); });
    connect(m_window->offlineBanner(), &ui::OfflineBanner::reconnectRequested, this, [this] {
        if (m_profile.caPem.isEmpty() || m_token.isEmpty())
            connectInteractively();
        else
            start(m_profile, m_token);
    });
    connect(m_client, &client::ConsoleClient::stateChanged, this,
            [this](client::ConnectionState state, const QString &detail) {
                m_window->connectionStatusBar()->setConnectionState(shownState(state), detail);
                m_window->setDisconnectEnabled(state != client::ConnectionState::Offline);
            });
    connect(m_client, &client::ConsoleClient::signedIn, this,
            [this](const QString &name, const QString &role) {
                m_window->connectionStatusBar()->setOperator(name, role);
                m_profile.operatorName = name;
                m_profiles->save(m_profile);
                m_profiles->setLastUsed(m_profile.address);
                m_tokens->store(m_profile.address, name, m_token);
            });
    connect(m_client, &client::ConsoleClient::connectionFailed, this, &ConnectionController::notice);
    connect(m_tokens, &client::TokenStore::stored, this,
            [this](const QString &, const QString &, bool inKeyring, const QString &message) {
                if (!inKeyring && !message.isEmpty())
                    emit notice(message);
            });
    connect(m_tokens, &client::TokenStore::loaded, this,
            [this](const QString &address, const QString &, const QString &token, const QString &) {
                const auto profile = m_profiles->find(address);
                if (profile && !token.isEmpty() && !profile->caPem.isEmpty())
                    start(*profile, token);
            });
    connect(m_probe, &client::CaProbe::probed, this, &ConnectionController::onProbed);
    connect(m_probe, &client::CaProbe::failed, this,
            [this](const QString &, const QString &message) { emit notice(message); });
}

ConnectionController::~ConnectionController() = default;

std::optional<models::ServerProfile> ConnectionController::lastServer() const
{
    return m_profiles->lastUsed();
}

void ConnectionController::connectPinned(const models::ServerProfile &profile, const QString &token)
{
    m_profiles->save(profile);
    start(profile, token);
}

void ConnectionController::resumeLastServer()
{
    const auto last = m_profiles->lastUsed();
    if (!last)
        return;
    emit serverChosen(*last);
    m_window->connectionStatusBar()->setServer(last->address);
    if (!last->operatorName.isEmpty())
        m_tokens->load(last->address, last->operatorName);
}

void ConnectionController::connectInteractively()
{
    ui::ConnectionDialog dialog(m_window);
    dialog.setProfiles(m_profiles->list(), m_profile.address.isEmpty() ? QString() : m_profile.address);
    dialog.setKeyringNote(m_tokens->keyringAvailable() ? tr("The token is kept in the system keyring.")
                                                       : client::TokenStore::noKeyringMessage());
    connect(&dialog, &ui::ConnectionDialog::removeProfileRequested, this,
            [this, &dialog](const QString &address) {
                m_profiles->remove(address);
                dialog.setProfiles(m_profiles->list());
            });
    if (dialog.exec() != QDialog::Accepted)
        return;
    models::ServerProfile chosen = dialog.profile();
    // A known server keeps the CA pinned earlier, whatever the dialog shows.
    if (const auto known = m_profiles->find(chosen.address)) {
        chosen.caPem = known->caPem;
        chosen.caFingerprint = known->caFingerprint;
    }
    probeAndConnect(chosen, dialog.token());
}

void ConnectionController::probeAndConnect(const models::ServerProfile &profile, const QString &token)
{
    m_profile = profile;
    m_token = token;
    m_window->connectionStatusBar()->setServer(profile.address);
    m_window->connectionStatusBar()->setConnectionState(ui::ConnectionState::Connecting,
                                                        tr("checking the server's certificate"));
    m_probe->probe(profile.address);
}

void ConnectionController::onProbed(const client::ProbedCa &ca)
{
    const client::PinVerdict verdict = client::checkPin(m_profile, ca);
    switch (verdict.kind) {
    case client::PinVerdict::FirstContact: {
        ui::CaTrustDialog dialog(m_window);
        dialog.setServer(ca.address);
        dialog.setCertificate(ca.subject, ca.fingerprint);
        if (dialog.exec() != QDialog::Accepted) {
            m_window->connectionStatusBar()->setConnectionState(ui::ConnectionState::Offline,
                                                                tr("certificate not trusted"));
            return;
        }
        m_profile.caPem = ca.caPem;
        m_profile.caFingerprint = ca.fingerprint;
        m_profiles->save(m_profile);
        start(m_profile, m_token);
        return;
    }
    case client::PinVerdict::Match:
        start(m_profile, m_token);
        return;
    case client::PinVerdict::Changed: {
        ui::CaChangedDialog dialog(m_window);
        dialog.setServer(ca.address);
        dialog.setFingerprints(m_profile.caFingerprint, ca.fingerprint);
        m_window->connectionStatusBar()->setConnectionState(ui::ConnectionState::Offline,
                                                            tr("the server's CA changed"));
        emit notice(verdict.message);
        dialog.exec();
        return;
    }
    }
}

void ConnectionController::start(const models::ServerProfile &profile, const QString &token)
{
    m_profile = profile;
    m_token = token;
    emit serverChosen(profile);
    m_window->connectionStatusBar()->setServer(profile.address);
    m_client->connectTo(profile, token);
}

} // namespace otter::console
