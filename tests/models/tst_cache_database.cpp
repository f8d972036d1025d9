// CacheDatabase: creating, migrating and refusing files, one connection per thread.
#include "cache_fixture.h"

#include "models/cache_database.h"

#include <QFile>
#include <QSqlQuery>
#include <QThread>

using namespace otter;
using namespace otter::models;
using namespace otter::models::test;

class TestCacheDatabase : public QObject
{
    Q_OBJECT

private slots:
    void createsWalFileWithSchema()
    {
        CacheFixture cache;
        QCOMPARE(cache.database.schemaVersion(), CacheDatabase::latestSchemaVersion());
        QCOMPARE(sqlite3(cache.path(), u"PRAGMA journal_mode"_s), u"wal"_s);
        QCOMPARE(sqlite3(cache.path(), u"SELECT MAX(version) FROM schema_version"_s),
                 QString::number(CacheDatabase::latestSchemaVersion()));
        QSqlQuery query(cache.database.connection());
        QVERIFY(query.exec(u"PRAGMA foreign_keys"_s) && query.next());
        QCOMPARE(query.value(0).toInt(), 1);
    }

    void reopenKeepsData()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"cache.db"_s);
        {
            CacheDatabase first;
            QVERIFY(first.open(path).ok());
            CacheStore store(first);
            QVERIFY(store.apply(devicesBatch({device(u"d1"_s)}, 7)).ok());
            first.closeConnection();
        }
        CacheDatabase second;
        QVERIFY(second.open(path).ok());
        QCOMPARE(CacheStore(second).revision(), 7);
        second.closeConnection();
    }

    void refusesBadFiles_data()
    {
        QTest::addColumn<QString>("setup"); // "text", "foreign", "newer", "directory"
        QTest::addColumn<QString>("expected");
        QTest::newRow("text file") << u"text"_s << u"not a cache file"_s;
        QTest::newRow("another program's database") << u"foreign"_s << u"not an Otter console cache"_s;
        QTest::newRow("newer schema") << u"newer"_s << u"newer otter-console (schema 99"_s;
        QTest::newRow("directory") << u"directory"_s << u"is not a file"_s;
    }

    void refusesBadFiles()
    {
        QFETCH(QString, setup);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString path = dir.filePath(u"cache.db"_s);
        if (setup == u"text") {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(QByteArray(4096, 'x'));
        } else if (setup == u"foreign") {
            QCOMPARE(sqlite3(path, u"CREATE TABLE invoices (id INTEGER)"_s), QString());
        } else if (setup == u"newer") {
            CacheDatabase db;
            QVERIFY(db.open(path).ok());
            db.closeConnection();
            QCOMPARE(sqlite3(path, u"INSERT INTO schema_version VALUES (99, 0)"_s), QString());
        } else {
            QVERIFY(QDir(dir.path()).mkdir(u"cache.db"_s));
        }
        CacheDatabase db;
        const Result<void> opened = db.open(path);
        QVERIFY(!opened.ok());
        QVERIFY2(opened.errorMessage().contains(expected), qPrintable(opened.errorMessage()));
        QVERIFY(!db.isOpen());
    }

    void diskFullIsNamedAndNothingIsHalfWritten()
    {
        CacheFixture cache;
        CacheStore store(cache.database);
        QVERIFY(store.apply(devicesBatch({device(u"before"_s)}, 1)).ok());
        QSqlQuery query(cache.database.connection());
        QVERIFY(query.exec(u"PRAGMA page_count"_s) && query.next());
        // The same SQLITE_FULL a full disk gives: the file may not grow past its current size.
        QVERIFY(query.exec(u"PRAGMA max_page_count = %1"_s.arg(query.value(0).toInt() + 2)));
        QList<DeviceRecord> many;
        for (int i = 0; i < 5000; ++i)
            many.append(device(u"dev-%1"_s.arg(i), u"2.0.0"_s, 2));
        const Result<void> applied = store.apply(devicesBatch(many, 2));
        QVERIFY(!applied.ok());
        QVERIFY2(applied.errorMessage().contains(u"disk holding the cache is full"_s),
                 qPrintable(applied.errorMessage()));
        QCOMPARE(store.revision(), 1);
        QVERIFY(query.exec(u"SELECT COUNT(*) FROM devices"_s) && query.next());
        QCOMPARE(query.value(0).toInt(), 1);
    }

    void oneConnectionPerThread()
    {
        CacheFixture cache;
        const QString mine = cache.database.connection().connectionName();
        QString theirs;
        int theirCount = -1;
        QThread *thread = QThread::create([&] {
            QSqlQuery query(cache.database.connection());
            theirs = cache.database.connection().connectionName();
            if (query.exec(u"SELECT COUNT(*) FROM schema_version"_s) && query.next())
                theirCount = query.value(0).toInt();
            query.finish();
            cache.database.closeConnection();
        });
        thread->start();
        QVERIFY(thread->wait(30000));
        delete thread;
        QVERIFY(!theirs.isEmpty());
        QVERIFY(theirs != mine);
        QCOMPARE(theirCount, CacheDatabase::latestSchemaVersion());
    }
};

QTEST_GUILESS_MAIN(TestCacheDatabase)
#include "tst_cache_database.moc"
