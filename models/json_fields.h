// Typed access to the fields of a JSON object, shared by the record readers and writers in records_json.cpp.
#pragma once

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

namespace otter::models {

// Reads fields into existing values: an absent or null field leaves the value alone, a field of the wrong
// type marks the whole object as bad so the caller can refuse it instead of storing half a record.
class JsonFieldReader
{
public:
    explicit JsonFieldReader(const QJsonObject &object)
        : m_object(object)
    {}

    bool ok() const { return m_ok; }
    // "id" must be present and a string: every record is stored and replaced by its id.
    void requiredId(QString &out);

    void text(QLatin1StringView key, QString &out);
    void texts(QLatin1StringView key, QStringList &out);
    void integer(QLatin1StringView key, qint64 &out);
    void unsignedInteger(QLatin1StringView key, quint64 &out);
    void integer(QLatin1StringView key, int &out);
    void number(QLatin1StringView key, double &out);
    void boolean(QLatin1StringView key, bool &out);
    void time(QLatin1StringView key, QDateTime &out);
    // The value of key if it is an object or array (empty when absent; marks bad when of another type).
    QJsonObject object(QLatin1StringView key);
    QJsonArray array(QLatin1StringView key);
    bool has(QLatin1StringView key) const;
    void fail() { m_ok = false; }

private:
    // The value, or an undefined one when absent or null.
    QJsonValue value(QLatin1StringView key) const;

    const QJsonObject &m_object;
    bool m_ok = true;
};

// Writers leave out empty values so drafts stay small and readable.
void putText(QJsonObject &object, QLatin1StringView key, const QString &value);
void putTexts(QJsonObject &object, QLatin1StringView key, const QStringList &values);
void putTime(QJsonObject &object, QLatin1StringView key, const QDateTime &value);
QString timeText(const QDateTime &value);

} // namespace otter::models
