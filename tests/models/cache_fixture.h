// Test helpers shared by the models tests: a fresh cache file in a temporary directory and record builders.
#pragma once

#include "models/cache_database.h"
#include "models/cache_store.h"
#include "models/records.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

namespace otter::models::test {

using namespace Qt::StringLiterals;

// A cache file that lives as long as the fixture; the test thread's connection is closed at the end.
struct CacheFixture
{
    CacheFixture()
    {
        const Result<void> opened = database.open(path());
        if (!opened)
            qFatal("cannot open the test cache: %s", qPrintable(opened.errorMessage()));
    }
    ~CacheFixture() { database.closeConnection(); }
    QString path() const { return dir.filePath(u"cache.db"_s); }

    QTemporaryDir dir;
    CacheDatabase database;
};

inline DeviceRecord device(const QString &id, const QString &version = u"1.0.0"_s, qint64 revision = 1)
{
    DeviceRecord d;
    d.id = id;
    d.hardwareClass = u"gw-200"_s;
    d.region = u"eu-west"_s;
    d.firmwareVersion = version;
    d.securityVersion = 1;
    d.activeBank = u"A"_s;
    d.state = u"IDLE"_s;
    d.lastSeen = QDateTime::fromMSecsSinceEpoch(1700000000000, QTimeZone::utc());
    d.revision = revision;
    return d;
}

inline GroupRecord group(const QString &id, const QString &name, qint64 revision = 1)
{
    GroupRecord g;
    g.id = id;
    g.name = name;
    g.filter = u"class == \"gw-200\""_s;
    g.revision = revision;
    return g;
}

inline ChangeBatch devicesBatch(const QList<DeviceRecord> &devices, qint64 revision, bool complete = true)
{
    ChangeBatch batch;
    batch.devices = devices;
    batch.currentRevision = revision;
    batch.complete = complete;
    return batch;
}

// Output of the stock sqlite3 tool on the file, or a failure message.
inline QString sqlite3(const QString &path, const QString &sql)
{
    QProcess process;
    process.start(u"sqlite3"_s, {path, sql});
    if (!process.waitForFinished(30000) || process.exitCode() != 0)
        return u"sqlite3 failed: "_s + QString::fromUtf8(process.readAllStandardError());
    return QString::fromUtf8(process.readAllStandardOutput()).trimmed();
}

} // namespace otter::models::test
