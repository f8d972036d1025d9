// Who is in the fleet: the first N provisioned devices, each as the state file last saw it or, for a
// device new to the state file, factory-fresh (bank A holds the initial version, bank B is empty).
#pragma once

#include "simulator/credentials.h"
#include "simulator/device_state.h"

#include <QList>

namespace otter::sim {

struct FactoryImage
{
    QString hardwareClass = QStringLiteral("gw-200");
    QString region;
    QString labels; // "k=v;k2=v2"
    QString version = QStringLiteral("1.0.0");
    quint64 securityVersion = 1;
};

DeviceState factoryDevice(const Credential &credential, const FactoryImage &image);

// The first `count` credentials (all when count <= 0), matched by id against `stored`.
QList<DeviceState> assembleFleet(const QList<Credential> &credentials, const QList<DeviceState> &stored,
                                 int count, const FactoryImage &image);

} // namespace otter::sim
