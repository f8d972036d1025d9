// The servers the console knows, kept in QSettings.
#include "app/client/server_profiles.h"

#include <QSettings>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace otter::client {

namespace {

constexpr auto ArrayKey = "servers"_L1;
constexpr auto LastUsedKey = "lastServer"_L1;

} // namespace

ServerProfiles::ServerProfiles(QSettings &settings)
    : m_settings(settings)
{}

QList<models::ServerProfile> ServerProfiles::list() const
{
    QList<models::ServerProfile> profiles;
    const int count = m_settings.beginReadArray(ArrayKey);
    for (int i = 0; i < count; ++i) {
        m_settings.setArrayIndex(i);
        models::ServerProfile profile;
        profile.name = m_settings.value("name"_L1).toString();
        profile.address = m_settings.value("address"_L1).toString();
        // PEM is ASCII; stored as text so that the settings file stays readable.
        profile.caPem = m_settings.value("caPem"_L1).toString().toLatin1();
        profile.caFingerprint = m_settings.value("caFingerprint"_L1).toString();
        profile.operatorName = m_settings.value("operator"_L1).toString();
        if (!profile.address.isEmpty())
            profiles.append(profile);
    }
    m_settings.endArray();
    return profiles;
}

std::optional<models::ServerProfile> ServerProfiles::find(const QString &address) const
{
    for (const auto &profile : list()) {
        if (profile.address == address)
            return profile;
    }
    return std::nullopt;
}

void ServerProfiles::save(const models::ServerProfile &profile)
{
    models::ServerProfile stored = profile;
    if (stored.name.isEmpty())
        stored.name = stored.address;
    QList<models::ServerProfile> profiles = list();
    auto found = std::find_if(profiles.begin(), profiles.end(),
                              [&](const models::ServerProfile &p) { return p.address == profile.address; });
    if (found != profiles.end())
        *found = stored;
    else
        profiles.append(stored);
    write(profiles);
}

bool ServerProfiles::remove(const QString &address)
{
    QList<models::ServerProfile> profiles = list();
    const qsizetype removed =
        profiles.removeIf([&](const models::ServerProfile &p) { return p.address == address; });
    if (removed == 0)
        return false;
    write(profiles);
    if (m_settings.value(LastUsedKey).toString() == address)
        m_settings.remove(LastUsedKey);
    return true;
}

std::optional<models::ServerProfile> ServerProfiles::lastUsed() const
{
    return find(m_settings.value(LastUsedKey).toString());
}

void ServerProfiles::setLastUsed(const QString &address)
{
    m_settings.setValue(LastUsedKey, address);
}

void ServerProfiles::write(const QList<models::ServerProfile> &profiles)
{
    m_settings.remove(ArrayKey);
    m_settings.beginWriteArray(ArrayKey, int(profiles.size()));
    for (int i = 0; i < profiles.size(); ++i) {
        m_settings.setArrayIndex(i);
        const auto &profile = profiles.at(i);
        m_settings.setValue("name"_L1, profile.name);
        m_settings.setValue("address"_L1, profile.address);
        m_settings.setValue("caPem"_L1, QString::fromLatin1(profile.caPem));
        m_settings.setValue("caFingerprint"_L1, profile.caFingerprint);
        m_settings.setValue("operator"_L1, profile.operatorName);
    }
    m_settings.endArray();
}

} // namespace otter::client
