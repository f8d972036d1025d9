// The servers the console knows, kept in QSettings: address, pinned CA and last operator. Never the token.
#pragma once

#include "models/records.h"

#include <QList>
#include <QString>

#include <optional>

class QSettings;

namespace otter::client {

class ServerProfiles
{
public:
    // The settings object must outlive this; tests pass an INI file of their own.
    explicit ServerProfiles(QSettings &settings);

    QList<models::ServerProfile> list() const; // in the order they were added
    std::optional<models::ServerProfile> find(const QString &address) const;
    // Adds the profile, or replaces the one with the same address. An empty name becomes the address.
    void save(const models::ServerProfile &profile);
    bool remove(const QString &address);

    // The server the console connected to last; nullopt when there is none (or it was removed).
    std::optional<models::ServerProfile> lastUsed() const;
    void setLastUsed(const QString &address);

private:
    void write(const QList<models::ServerProfile> &profiles);

    QSettings &m_settings;
};

} // namespace otter::client
