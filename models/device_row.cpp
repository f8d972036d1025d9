// Conversion between DeviceRecord and the cache's devices row.
#include "models/device_row.h"

#include "core/semver.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTimeZone>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace otter::models::DeviceRow {

namespace {

// Text columns are NOT NULL (the filter SQL relies on it); Qt binds a null QString as NULL.
QString notNull(const QString &text)
{
    return text.isNull() ? u""_s : text;
}

} // namespace

QString columnList()
{
    return u"id, hardware_class, region, labels, firmware_version, version_key, security_version, bank, "
           u"inactive_bank_version, state, last_seen, busy, current_deployment_id, revision"_s;
}

int columnCount()
{
    return 14;
}

QString stateForCache(const QString &apiState)
{
    return apiState.toLower();
}

QString stateFromCache(const QString &cached)
{
    return cached.toUpper();
}

QString labelsText(const QMap<QString, QString> &labels)
{
    if (labels.isEmpty())
        return {};
    QJsonObject object;
    for (auto it = labels.cbegin(); it != labels.cend(); ++it)
        object.insert(it.key(), it.value());
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QMap<QString, QString> labelsFromText(const QString &text)
{
    QMap<QString, QString> labels;
    if (text.isEmpty())
        return labels;
    const QJsonObject object = QJsonDocument::fromJson(text.toUtf8()).object();
    for (auto it = object.constBegin(); it != object.constEnd(); ++it)
        labels.insert(it.key(), it.value().toString());
    return labels;
}

void bind(QSqlQuery &query, const DeviceRecord &device)
{
    query.addBindValue(notNull(device.id));
    query.addBindValue(notNull(device.hardwareClass));
    query.addBindValue(notNull(device.region));
    const QString labels = labelsText(device.labels);
    query.addBindValue(labels.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(labels));
    query.addBindValue(notNull(device.firmwareVersion));
    query.addBindValue(semverSortKey(device.firmwareVersion));
    query.addBindValue(qint64(device.securityVersion));
    query.addBindValue(notNull(device.activeBank));
    query.addBindValue(notNull(device.inactiveBankVersion));
    query.addBindValue(notNull(stateForCache(device.state)));
    query.addBindValue(device.lastSeen.isValid() ? device.lastSeen.toMSecsSinceEpoch() : qint64(0));
    query.addBindValue(device.busy ? 1 : 0);
    query.addBindValue(notNull(device.currentDeploymentId));
    query.addBindValue(device.revision);
}

DeviceRecord read(const QSqlQuery &query, int first)
{
    DeviceRecord device;
    device.id = query.value(first).toString();
    device.hardwareClass = query.value(first + 1).toString();
    device.region = query.value(first + 2).toString();
    device.labels = labelsFromText(query.value(first + 3).toString());
    device.firmwareVersion = query.value(first + 4).toString();
    // first + 5 is version_key, derived from the version.
    device.securityVersion = query.value(first + 6).toULongLong();
    device.activeBank = query.value(first + 7).toString();
    device.inactiveBankVersion = query.value(first + 8).toString();
    device.state = stateFromCache(query.value(first + 9).toString());
    const qint64 lastSeen = query.value(first + 10).toLongLong();
    if (lastSeen != 0)
        device.lastSeen = QDateTime::fromMSecsSinceEpoch(lastSeen, QTimeZone::utc());
    device.busy = query.value(first + 11).toInt() != 0;
    device.currentDeploymentId = query.value(first + 12).toString();
    device.revision = query.value(first + 13).toLongLong();
    return device;
}

} // namespace otter::models::DeviceRow
