// The device listing tests' fleet of 60: what each device looks like, and the SQL that writes it into
// otterd's database (run with the stock sqlite3 tool while otterd is stopped). Expectations come from these
// records, never from otterd.
#pragma once

#include "core/semver.h"
#include "otter/v1/releases.pb.h"

#include <QList>
#include <QMap>
#include <QProcess>
#include <QString>

#include <optional>

namespace otter::test {

// The test's own picture of each device: what it wrote, so expectations never come from otterd.
struct FakeDevice
{
    QString id;
    QString hardwareClass;
    QString region;
    QMap<QString, QString> labels;
    QString version;
    qint64 svn = 0;
    QString bank;
    QString state;
    bool busy = false;
    std::optional<qint64> lastSeenMs;
};

constexpr int FleetSize = 60;

inline FakeDevice fakeDevice(int i, qint64 nowMs)
{
    FakeDevice d;
    d.id = QStringLiteral("dev-%1").arg(i, 5, 10, QLatin1Char('0'));
    if (i < 30) {
        d.hardwareClass = QStringLiteral("gw-200");
        d.region = QStringLiteral("eu-west");
        d.labels = {{QStringLiteral("ring"), QStringLiteral("canary")}};
    } else if (i < 50) {
        d.hardwareClass = QStringLiteral("gw-300");
        d.region = QStringLiteral("us-east");
        d.labels = {{QStringLiteral("ring"), QStringLiteral("stable")}};
    } else {
        d.hardwareClass = QStringLiteral("sensor-1");
        d.region = QStringLiteral("eu-north");
        d.labels = {{QStringLiteral("ring"), QStringLiteral("canary")},
                    {QStringLiteral("site"), QStringLiteral("lab")}};
    }
    d.version = i < 10   ? QStringLiteral("2.0.0")
                : i < 20 ? QStringLiteral("2.1.0")
                : i < 30 ? QStringLiteral("1.9.3")
                : i < 50 ? QStringLiteral("10.0.0")
                         : QString();
    d.svn = i % 5;
    d.bank = i % 3 == 0 ? QStringLiteral("B") : QStringLiteral("A");
    static const QStringList states{QStringLiteral("idle"), QStringLiteral("updating"),
                                    QStringLiteral("update_failed"), QStringLiteral("provisioned")};
    d.state = states[i % 4];
    d.busy = i % 7 == 0;
    // Seen "in the future" counts as online however long the test takes; an hour ago is offline (the
    // threshold is three check-in intervals, 3 min by default). Equal times exercise the id tie-break.
    if (i % 3 == 1)
        d.lastSeenMs = nowMs + 24 * 3600 * 1000;
    else if (i % 3 == 2)
        d.lastSeenMs = nowMs - 3600 * 1000 - i;
    return d;
}

inline QString sqlText(const QString &text)
{
    return u'\'' + QString(text).replace(u'\'', QStringLiteral("''")) + u'\'';
}

inline bool runSqlite(const QString &database, const QString &script, QString *output = nullptr)
{
    QProcess sqlite;
    sqlite.start(QStringLiteral("sqlite3"), {database});
    sqlite.write(script.toUtf8());
    sqlite.closeWriteChannel();
    sqlite.waitForFinished(60000);
    if (output)
        *output = QString::fromUtf8(sqlite.readAllStandardOutput()).trimmed();
    return sqlite.exitStatus() == QProcess::NormalExit && sqlite.exitCode() == 0;
}

// The SQL that gives the provisioned devices their firmware state, plus two deployments of dev-00034 from two
// finished rollouts; `fleet` receives the records. Ends with a query that prints how many devices got a
// version.
inline QString fleetScript(qint64 now, QList<FakeDevice> *fleet)
{
    QString script = QStringLiteral("BEGIN;\n");
    for (int i = 0; i < FleetSize; ++i) {
        const FakeDevice d = fakeDevice(i, now);
        fleet->append(d);
        script +=
            QStringLiteral(
                "UPDATE devices SET firmware_version = %1, version_key = %2, security_version = %3, "
                "active_bank = %4, state = %5, busy = %6, last_seen = %7 WHERE id = %8;\n")
                .arg(sqlText(d.version), sqlText(semverSortKey(d.version)))
                .arg(d.svn)
                .arg(sqlText(d.bank), sqlText(d.state))
                .arg(d.busy ? 1 : 0)
                .arg(d.lastSeenMs ? QString::number(*d.lastSeenMs) : QStringLiteral("NULL"), sqlText(d.id));
    }
    // Two deployments of dev-00034, as the rollout engine records them, from two finished rollouts.
    v1::Release release;
    release.set_id("rel-1");
    release.set_version("11.0.0");
    script +=
        QStringLiteral(
            "INSERT INTO releases (id, version_key, security_version, hardware_classes, body, revision) "
            "VALUES ('rel-1', %1, 5, 'gw-300', X'%2', 1);\n")
            .arg(sqlText(semverSortKey(QStringLiteral("11.0.0"))),
                 QString::fromLatin1(QByteArray::fromStdString(release.SerializeAsString()).toHex()));
    script += QStringLiteral(
        "INSERT INTO rollouts (id, state, release_id, current_stage, created_at, body, revision) VALUES "
        "('ro-old', 7, 'rel-1', 0, 1700000000000, X'', 1), ('ro-new', 6, 'rel-1', 0, 1700001000000, X'', "
        "1);\n"
        "INSERT INTO deployments (id, rollout_id, device_id, stage, order_key, state, skip_reason, error, "
        "detail, "
        "from_version, cancelled, created_at, updated_at, finished_at) VALUES "
        "('dep-old', 'ro-old', 'dev-00034', 0, 0, 8, 0, 9, 'did not boot', '9.0.0', 0, 1700000000000, "
        "1700000100000, 1700000100000), "
        "('dep-new', 'ro-new', 'dev-00034', 1, 0, 6, 0, 0, '', '10.0.0', 0, 1700001000000, 1700001000500, "
        "1700001000500);\n");
    script += QStringLiteral("COMMIT;\nSELECT COUNT(*) FROM devices WHERE firmware_version <> '';\n");
    return script;
}

} // namespace otter::test
