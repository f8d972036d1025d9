// Provisioning devices: the inventory record a device starts with, and its credential.
#include "backend/storage/device_provisioning.h"

#include "backend/server/tokens.h"
#include "backend/storage/operator_accounts.h"
#include "core/manifest.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace otter::backend {
namespace {

Result<void> validate(const DeviceProvision &device)
{
    if (!isValidObjectId(device.id))
        return makeError(ErrorKind::InvalidInput,
                         QStringLiteral("device id \"%1\" must be 1-64 of a-z, 0-9, '.', '_', "
                                        "'-', starting with a letter or digit")
                             .arg(device.id));
    if (!isValidIdentifier(device.hardwareClass))
        return makeError(
            ErrorKind::InvalidInput,
            QStringLiteral("device %1: hardware class \"%2\" must be 1-64 letters, digits, '.', '_' or '-'")
                .arg(device.id, device.hardwareClass));
    static const QRegularExpression labelKey(QStringLiteral("^[A-Za-z0-9_.-]{1,64}$"));
    for (auto it = device.labels.begin(); it != device.labels.end(); ++it) {
        if (!labelKey.match(it.key()).hasMatch())
            return makeError(
                ErrorKind::InvalidInput,
                QStringLiteral("device %1: label key \"%2\" must be 1-64 letters, digits, '.', '_' or '-'")
                    .arg(device.id, it.key()));
    }
    return {};
}

QByteArray labelsJson(const QMap<QString, QString> &labels)
{
    QJsonObject object;
    for (auto it = labels.begin(); it != labels.end(); ++it)
        object.insert(it.key(), it.value());
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace

Result<QList<DeviceCredential>> provisionDevices(Database &database, const QList<DeviceProvision> &devices,
                                                 const QString &actor)
{
    for (const DeviceProvision &device : devices) {
        if (auto ok = validate(device); !ok)
            return ok.error();
    }
    return database.write([&](WriteContext &tx) -> Result<QList<DeviceCredential>> {
        auto revision = tx.revision();
        if (!revision)
            return revision.error();
        QList<DeviceCredential> credentials;
        credentials.reserve(devices.size());
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        for (const DeviceProvision &device : devices) {
            const QString token = newDeviceToken();
            {
                auto statement = tx.sql().prepare("INSERT INTO devices (id, token_hash, hardware_class, "
                                                  "region, labels, provisioned_at, revision) "
                                                  "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE "
                                                  "SET token_hash = excluded.token_hash, "
                                                  "hardware_class = excluded.hardware_class, region = "
                                                  "excluded.region, labels = excluded.labels, "
                                                  "revision = excluded.revision");
                if (!statement)
                    return statement.error();
                statement->bind(1, device.id)
                    .bind(2, hashToken(token))
                    .bind(3, device.hardwareClass)
                    .bind(4, device.region)
                    .bindText(5, labelsJson(device.labels))
                    .bind(6, now)
                    .bind(7, *revision);
                if (auto ok = statement->run(); !ok)
                    return ok.error();
            }
            credentials.append({device.id, token});
        }
        QJsonObject details{{QStringLiteral("count"), int(devices.size())}};
        if (devices.size() <= 20) {
            QStringList ids;
            for (const DeviceProvision &device : devices)
                ids << device.id;
            details.insert(QStringLiteral("devices"), ids.join(u','));
        }
        if (auto ok = tx.audit({actor, QStringLiteral("device.provision"),
                                devices.size() == 1 ? QStringLiteral("device/%1").arg(devices.first().id)
                                                    : QStringLiteral("devices"),
                                details});
            !ok)
            return ok.error();
        return credentials;
    });
}

Result<QList<DeviceProvision>> parseProvisioningCsv(const QByteArray &csv)
{
    const QList<QByteArray> lines = csv.split('\n');
    QList<DeviceProvision> devices;
    bool header = true;
    int lineNumber = 0;
    for (QByteArray line : lines) {
        ++lineNumber;
        line = line.trimmed();
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        const QStringList fields = QString::fromUtf8(line).split(u',');
        if (header) {
            header = false;
            if (fields.value(0).trimmed() != QLatin1StringView("id") ||
                fields.value(1).trimmed() != QLatin1StringView("hardware_class"))
                return makeError(
                    ErrorKind::InvalidInput,
                    QStringLiteral("line 1: the CSV needs the header id,hardware_class,region,labels"));
            continue;
        }
        if (fields.size() < 2 || fields.size() > 4)
            return makeError(ErrorKind::InvalidInput,
                             QStringLiteral("line %1: expected id,hardware_class,region,labels "
                                            "(labels as key=value;key=value)")
                                 .arg(lineNumber));
        DeviceProvision device{fields[0].trimmed(), fields[1].trimmed(), fields.value(2).trimmed(), {}};
        for (const QString &pair : fields.value(3).split(u';', Qt::SkipEmptyParts)) {
            const qsizetype eq = pair.indexOf(u'=');
            if (eq <= 0)
                return makeError(
                    ErrorKind::InvalidInput,
                    QStringLiteral("line %1: label \"%2\" must be key=value").arg(lineNumber).arg(pair));
            device.labels.insert(pair.left(eq).trimmed(), pair.mid(eq + 1).trimmed());
        }
        if (auto ok = validate(device); !ok)
            return makeError(ErrorKind::InvalidInput,
                             QStringLiteral("line %1: %2").arg(lineNumber).arg(ok.errorMessage()));
        devices.append(device);
    }
    return devices;
}

} // namespace otter::backend
