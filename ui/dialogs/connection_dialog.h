// Server → Connect…: pick a saved server or enter a new address, and the operator token to sign in with.
#pragma once

#include "models/records.h"

#include <QDialog>
#include <QList>

class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace otter::ui {

// Only collects and checks input; connecting, CA pinning and keyring storage are the application's job.
class ConnectionDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionDialog)

public:
    explicit ConnectionDialog(QWidget *parent = nullptr);

    // Saved servers; the one whose address equals lastAddress is selected and filled in.
    void setProfiles(const QList<otter::models::ServerProfile> &profiles, const QString &lastAddress = {});
    // Where the token will be kept, e.g. "Kept in the GNOME keyring" or the no-keyring fallback warning.
    void setKeyringNote(const QString &note);
    // Prefills the token (e.g. read from the keyring when a saved server is selected).
    void setToken(const QString &token);

    // The server as entered; a saved profile's pinned CA travels along when its address was chosen.
    otter::models::ServerProfile profile() const;
    QString token() const;
    // The message shown for the last refused input (empty: none).
    QString errorText() const;

    // Validates first: a bad address or missing token keeps the dialog open with a message.
    void accept() override;

signals:
    void removeProfileRequested(const QString &address);
    void profileSelected(const QString &address);

private:
    void selectProfile(int row);
    void removeSelectedProfile();
    void updateCaNote();
    void showError(const QString &message, QWidget *field);

    QList<otter::models::ServerProfile> m_profiles;
    QListWidget *m_list = nullptr;
    QPushButton *m_removeButton = nullptr;
    QLineEdit *m_name = nullptr;
    QLineEdit *m_address = nullptr;
    QLineEdit *m_token = nullptr;
    QAction *m_revealToken = nullptr;
    QLabel *m_keyringNote = nullptr;
    QLabel *m_caNote = nullptr;
    QLabel *m_error = nullptr;
};

} // namespace otter::ui
