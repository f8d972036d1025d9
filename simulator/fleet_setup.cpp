// Who is in the fleet: provisioned credentials joined with the state file.
#include "simulator/fleet_setup.h"

#include "core/sha256.h"

#include <QHash>

namespace otter::sim {

DeviceState factoryDevice(const Credential &credential, const FactoryImage &image)
{
    DeviceState device;
    device.id = credential.id;
    device.token = credential.token;
    device.hardwareClass = image.hardwareClass;
    device.region = image.region;
    device.labels = image.labels;
    Bank &a = device.banks[0];
    a.version = image.version;
    a.securityVersion = image.securityVersion;
    // A stand-in digest for the factory image: it is never downloaded, only booted.
    a.sha256 = Sha256::hash(QByteArray("otter-sim factory image ") + image.version.toUtf8());
    a.valid = true;
    device.committedBank = 0;
    device.securityCounter = image.securityVersion;
    return device;
}

QList<DeviceState> assembleFleet(const QList<Credential> &credentials, const QList<DeviceState> &stored,
                                 int count, const FactoryImage &image)
{
    QHash<QString, qsizetype> known;
    for (qsizetype i = 0; i < stored.size(); ++i)
        known.insert(stored[i].id, i);
    const qsizetype n = count > 0 ? qMin<qsizetype>(count, credentials.size()) : credentials.size();
    QList<DeviceState> fleet;
    fleet.reserve(n);
    for (qsizetype i = 0; i < n; ++i) {
        const Credential &credential = credentials[i];
        const auto it = known.constFind(credential.id);
        if (it == known.constEnd()) {
            fleet.append(factoryDevice(credential, image));
        } else {
            DeviceState device = stored[*it];
            device.token = credential.token; // re-provisioned devices get new tokens
            fleet.append(std::move(device));
        }
    }
    return fleet;
}

} // namespace otter::sim
