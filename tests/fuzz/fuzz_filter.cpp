// libFuzzer target for the filter-expression language: parse arbitrary text and, when it parses, evaluate
// it, compile it to SQL and check that its canonical text means the same thing. Also feeds the text to
// the semver functions, whose order and sort key must always agree.
#include "core/filter_expression.h"
#include "core/filter_parser.h"
#include "core/semver.h"

#include <cstdint>
#include <cstdlib>

using namespace otter;

namespace {

QList<DeviceRecord> fixtureDevices()
{
    DeviceRecord a;
    a.id = QStringLiteral("gw-0001");
    a.hardwareClass = QStringLiteral("gw-200");
    a.region = QStringLiteral("eu-west");
    a.firmwareVersion = QStringLiteral("2.1.0-rc.1");
    a.securityVersion = 7;
    a.bank = QStringLiteral("A");
    a.state = QStringLiteral("idle");
    a.labels.insert(QStringLiteral("ring"), QStringLiteral("canary"));
    a.labels.insert(QStringLiteral("a.b"), QStringLiteral("x*y"));

    DeviceRecord b;
    b.id = QStringLiteral("sn-2");
    b.hardwareClass = QStringLiteral("sensor-10");
    b.firmwareVersion = QStringLiteral("unknown");
    b.securityVersion = -3;
    b.bank = QStringLiteral("B");
    b.busy = true;
    b.labels.insert(QStringLiteral("ring"), QString());

    return {a, b, DeviceRecord()};
}

int sign(int value)
{
    return value < 0 ? -1 : (value > 0 ? 1 : 0);
}

void checkSemVer(const QString &text)
{
    static const QString others[] = {QStringLiteral("1.2.3"), QStringLiteral("1.2.3-rc.1"),
                                     QStringLiteral("x"), QString()};
    const QString key = semverSortKey(text);
    for (const QString &other : others) {
        const int byCompare = sign(compareVersions(text, other));
        const int byKey = sign(key.compare(semverSortKey(other)));
        if (byCompare != byKey || byCompare != -sign(compareVersions(other, text)))
            std::abort();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 3 * FilterParser::MaxLength)
        return 0; // far beyond the length cap; nothing new to learn
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    checkSemVer(text);

    FilterError error;
    const Result<FilterExpression> parsed = FilterExpression::parse(text, &error);
    if (!parsed.ok()) {
        // Every error points inside the text (or just past its end) and says something.
        if (error.column < 1 || error.length < 1 || error.column - 1 + error.length > text.size() + 1 ||
            error.message.isEmpty())
            std::abort();
        return 0;
    }

    static const QList<DeviceRecord> devices = fixtureDevices();
    QList<bool> results;
    for (const DeviceRecord &device : devices)
        results.append(parsed->matches(device));

    const SqlFragment where = parsed->toSql();
    if (where.sql.count(QLatin1Char('?')) != where.params.size())
        std::abort();

    // The canonical text may exceed the limits (it adds spaces and parentheses); when it does parse, it
    // must be the same filter.
    const Result<FilterExpression> again = FilterExpression::parse(parsed->canonicalText());
    if (again.ok()) {
        if (again->canonicalText() != parsed->canonicalText())
            std::abort();
        for (qsizetype i = 0; i < devices.size(); ++i) {
            if (again->matches(devices.at(i)) != results.at(i))
                std::abort();
        }
    }
    return 0;
}
