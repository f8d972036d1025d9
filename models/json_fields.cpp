// Typed JSON field access for the record readers and writers.
#include "models/json_fields.h"

#include <cmath>
#include <limits>

namespace otter::models {

QJsonValue JsonFieldReader::value(QLatin1StringView key) const
{
    const QJsonValue found = m_object.value(key);
    return found.isNull() ? QJsonValue(QJsonValue::Undefined) : found;
}

bool JsonFieldReader::has(QLatin1StringView key) const
{
    return !value(key).isUndefined();
}

void JsonFieldReader::requiredId(QString &out)
{
    const QJsonValue id = value(QLatin1StringView("id"));
    if (!id.isString()) {
        m_ok = false;
        return;
    }
    out = id.toString();
}

void JsonFieldReader::text(QLatin1StringView key, QString &out)
{
    const QJsonValue v = value(key);
    if (v.isUndefined())
        return;
    if (!v.isString()) {
        m_ok = false;
        return;
    }
    out = v.toString();
}

void JsonFieldReader::texts(QLatin1StringView key, QStringList &out)
{
    const QJsonArray values = array(key);
    QStringList result;
    for (const QJsonValue &v : values) {
        if (!v.isString()) {
            m_ok = false;
            return;
        }
        result.append(v.toString());
    }
    if (has(key))
        out = result;
}

void JsonFieldReader::integer(QLatin1StringView key, qint64 &out)
{
    const QJsonValue v = value(key);
    if (v.isUndefined())
        return;
    const double d = v.toDouble(std::numeric_limits<double>::quiet_NaN());
    // Integers beyond 2^53 do not survive a JSON double; none of ours come close.
    if (!v.isDouble() || std::isnan(d) || d != std::trunc(d) || std::abs(d) > 9007199254740992.0) {
        m_ok = false;
        return;
    }
    out = qint64(d);
}

void JsonFieldReader::unsignedInteger(QLatin1StringView key, quint64 &out)
{
    qint64 signedValue = qint64(out);
    integer(key, signedValue);
    if (signedValue < 0) {
        m_ok = false;
        return;
    }
    out = quint64(signedValue);
}

void JsonFieldReader::integer(QLatin1StringView key, int &out)
{
    qint64 wide = out;
    integer(key, wide);
    if (wide < std::numeric_limits<int>::min() || wide > std::numeric_limits<int>::max()) {
        m_ok = false;
        return;
    }
    out = int(wide);
}

void JsonFieldReader::number(QLatin1StringView key, double &out)
{
    const QJsonValue v = value(key);
    if (v.isUndefined())
        return;
    if (!v.isDouble()) {
        m_ok = false;
        return;
    }
    out = v.toDouble();
}

void JsonFieldReader::boolean(QLatin1StringView key, bool &out)
{
    const QJsonValue v = value(key);
    if (v.isUndefined())
        return;
    if (!v.isBool()) {
        m_ok = false;
        return;
    }
    out = v.toBool();
}

void JsonFieldReader::time(QLatin1StringView key, QDateTime &out)
{
    const QJsonValue v = value(key);
    if (v.isUndefined())
        return;
    const QDateTime parsed = QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
    if (!v.isString() || !parsed.isValid()) {
        m_ok = false;
        return;
    }
    out = parsed.toUTC();
}

QJsonObject JsonFieldReader::object(QLatin1StringView key)
{
    const QJsonValue v = value(key);
    if (v.isUndefined())
        return {};
    if (!v.isObject())
        m_ok = false;
    return v.toObject();
}

QJsonArray JsonFieldReader::array(QLatin1StringView key)
{
    const QJsonValue v = value(key);
    if (v.isUndefined())
        return {};
    if (!v.isArray())
        m_ok = false;
    return v.toArray();
}

void putText(QJsonObject &object, QLatin1StringView key, const QString &value)
{
    if (!value.isEmpty())
        object.insert(key, value);
}

void putTexts(QJsonObject &object, QLatin1StringView key, const QStringList &values)
{
    if (!values.isEmpty())
        object.insert(key, QJsonArray::fromStringList(values));
}

QString timeText(const QDateTime &value)
{
    return value.toUTC().toString(Qt::ISODateWithMs);
}

void putTime(QJsonObject &object, QLatin1StringView key, const QDateTime &value)
{
    if (value.isValid())
        object.insert(key, timeText(value));
}

} // namespace otter::models
