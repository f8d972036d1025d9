// The audit chain status: the cached chain checked locally (from the start, resumed after a sync, broken by a
// changed entry) and the banner's wording that combines it with otterd's verdict.
#include "audit_cache_fixture.h"
#include "cache_fixture.h"

#include "models/audit_chain_status.h"

Q_DECLARE_METATYPE(otter::models::AuditChainInputs)

using namespace otter::models;
using namespace otter::models::test;

class TestAuditChainStatus : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }
    void intactCacheAndResumeAfterSync();
    void changedEntryBreaksTheChain();
    void clearedCacheStartsOver();
    void wording_data();
    void wording();
};

void TestAuditChainStatus::intactCacheAndResumeAfterSync()
{
    CacheFixture cache;
    const QList<AuditRecord> records = sealedAuditRecords(30);
    QVERIFY(storeAudit(cache.database, records.mid(0, 20)).ok());
    const AuditChainCheck first = checkCachedChain(cache.database);
    QVERIFY2(!first.broken && first.error.isEmpty(), qPrintable(first.reason + first.error));
    QCOMPARE(first.count, 20);
    QCOMPARE(first.lastSeq, 20);
    QCOMPARE(first.head, records.at(19).hash);

    QVERIFY(storeAudit(cache.database, records.mid(20)).ok());
    const AuditChainCheck resumed = checkCachedChain(cache.database, first);
    QVERIFY(!resumed.broken);
    QCOMPARE(resumed.count, 30);
    QCOMPARE(resumed.head, records.last().hash);
}

void TestAuditChainStatus::changedEntryBreaksTheChain()
{
    CacheFixture cache;
    QVERIFY(storeAudit(cache.database, sealedAuditRecords(30)).ok());
    const AuditChainCheck before = checkCachedChain(cache.database);
    QVERIFY(!before.broken);
    QCOMPARE(sqlite3(cache.path(), u"UPDATE audit SET details = '{\"comment\":\"nothing to see\"}' "
                                   u"WHERE seq = 12; SELECT changes();"_s),
             u"1"_s);
    const AuditChainCheck fresh = checkCachedChain(cache.database);
    QVERIFY(fresh.broken);
    QCOMPARE(fresh.brokenSeq, 12);
    QCOMPARE(fresh.count, 11);
    QVERIFY2(fresh.reason.startsWith(u"hash does not match"_s), qPrintable(fresh.reason));
    const AuditChainStatus status = describeAuditChain({fresh, false, std::nullopt, {}, {}});
    QCOMPARE(status.state, AuditChainStatus::State::Broken);
    QCOMPARE(status.headline,
             u"Chain broken at entry 12: hash does not match its contents (the entry was changed)"_s);
}

void TestAuditChainStatus::clearedCacheStartsOver()
{
    CacheFixture cache;
    QVERIFY(storeAudit(cache.database, sealedAuditRecords(10)).ok());
    const AuditChainCheck first = checkCachedChain(cache.database);
    QVERIFY(CacheStore(cache.database).reset().ok());
    QVERIFY(storeAudit(cache.database, sealedAuditRecords(4)).ok());
    const AuditChainCheck again = checkCachedChain(cache.database, first);
    QVERIFY(!again.broken);
    QCOMPARE(again.count, 4); // not 10 + something: the resume point no longer exists
}

void TestAuditChainStatus::wording_data()
{
    QTest::addColumn<AuditChainInputs>("inputs");
    QTest::addColumn<int>("state");
    QTest::addColumn<QString>("headline");
    QTest::addColumn<QString>("detailPart");

    const QString head = u"3f9a1c2d"_s + QString(56, u'0');
    const QDateTime synced(QDate(2026, 3, 3), QTime(12, 0), QTimeZone::utc());
    AuditChainCheck intact;
    intact.count = 12345;
    intact.lastSeq = 12345;
    intact.head = head;
    AuditChainCheck broken = intact;
    broken.count = 811;
    broken.broken = true;
    broken.brokenSeq = 812;
    broken.reason = u"hash does not match its contents (the entry was changed)"_s;
    AuditServerVerdict serverOk{true, 12345, 0, {}, 12345, head, synced};
    AuditServerVerdict serverBroken{
        false, 40, 40, u"entry 40: stored hash 3fa1… but content hashes to 91c0…"_s, 12345, head, synced};
    AuditServerVerdict serverOther = serverOk;
    serverOther.headHash = QString(64, u'e');

    using State = AuditChainStatus::State;
    QTest::newRow("intact") << AuditChainInputs{intact, false, serverOk, {}, synced} << int(State::Intact)
                            << u"Chain intact — 12,345 entries, head 3f9a1c2d…"_s
                            << u"otterd verified 12,345"_s;
    QTest::newRow("broken in cache") << AuditChainInputs{broken, false, serverOk, {}, synced}
                                     << int(State::Broken)
                                     << u"Chain broken at entry 812: hash does not match its contents (the "
                                        u"entry was changed)"_s
                                     << u"Found by this console in its cache"_s;
    QTest::newRow("broken on server")
        << AuditChainInputs{intact, false, serverBroken, {}, synced} << int(State::Broken)
        << u"Chain broken at entry 40: stored hash 3fa1… but content hashes to 91c0…"_s
        << u"otterd reports entry 40 bad"_s;
    QTest::newRow("cache and server differ")
        << AuditChainInputs{intact, false, serverOther, {}, synced} << int(State::Broken)
        << u"Chain broken at entry 12345: the cache and otterd hold different "
           u"entries"_s
        << u"Cache synced"_s;
    QTest::newRow("offline") << AuditChainInputs{intact, false, std::nullopt, u"not available offline"_s,
                                                 synced}
                             << int(State::Intact) << u"Chain intact — 12,345 entries, head 3f9a1c2d…"_s
                             << u"otterd's verdict: not available offline"_s;
    QTest::newRow("first check running")
        << AuditChainInputs{std::nullopt, true, std::nullopt, {}, {}} << int(State::Checking)
        << u"Checking the audit chain…"_s << u"never been synced"_s;
}

void TestAuditChainStatus::wording()
{
    QFETCH(AuditChainInputs, inputs);
    QFETCH(int, state);
    QFETCH(QString, headline);
    QFETCH(QString, detailPart);
    const AuditChainStatus status = describeAuditChain(inputs);
    QCOMPARE(int(status.state), state);
    QCOMPARE(status.headline, headline);
    QVERIFY2(status.detail.contains(detailPart), qPrintable(status.detail));
}

QTEST_MAIN(TestAuditChainStatus)
#include "tst_audit_chain_status.moc"
