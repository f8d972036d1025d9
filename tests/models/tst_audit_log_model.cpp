// AuditLogModel: cached audit entries newest first, filtered in SQL (time range, actor, action, object),
// fetched in keyset pages, counted off the GUI thread, new entries inserted at the top on refresh.
#include "audit_cache_fixture.h"
#include "cache_fixture.h"

#include "models/audit_log_model.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>

using namespace otter::models;
using namespace otter::models::test;

namespace {

void fetchAll(AuditLogModel &model)
{
    while (model.canFetchMore({}))
        model.fetchMore({});
}

QList<qint64> shownSeqs(const AuditLogModel &model)
{
    QList<qint64> seqs;
    for (int row = 0; row < model.rowCount(); ++row)
        seqs.append(model.index(row, 0).data(AuditLogModel::SeqRole).toLongLong());
    return seqs;
}

} // namespace

class TestAuditLogModel : public QObject
{
    Q_OBJECT

private slots:
    void newestFirstWithDetails();
    void pagesBySeq();
    void filters_data();
    void filters();
    void refusesRangeEndingBeforeItStarts();
    void refreshInsertsNewEntriesAtTop();
    void refreshResetsAfterCacheWasReplaced();
};

void TestAuditLogModel::newestFirstWithDetails()
{
    CacheFixture cache;
    QVERIFY(storeAudit(cache.database, sealedAuditRecords(3)).ok());
    AuditLogModel model(cache.database);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.index(0, AuditLogModel::Seq).data().toLongLong(), 3);
    QCOMPARE(model.index(0, AuditLogModel::Action).data().toString(), u"rollout.auto_pause"_s);
    QCOMPARE(model.index(0, AuditLogModel::Actor).data().toString(), u"device:gw-0001"_s);
    QVERIFY(model.index(0, 0).data(Qt::ToolTipRole).toString().contains(u"canary"_s));
    const auto record = model.index(2, 0).data(AuditLogModel::RecordRole).value<AuditRecord>();
    QCOMPARE(record.seq, 1);
    QCOMPARE(record.prevHash, QString(64, u'0'));
    QCOMPARE(record.hash.size(), 64);
}

void TestAuditLogModel::pagesBySeq()
{
    CacheFixture cache;
    QVERIFY(storeAudit(cache.database, sealedAuditRecords(450)).ok());
    AuditLogModel model(cache.database);
    // No tester here: it fetches everything at once, and the pages are what this test looks at.
    QCOMPARE(model.rowCount(), AuditLogModel::PageSize);
    QVERIFY(model.canFetchMore({}));
    model.fetchMore({});
    QCOMPARE(model.rowCount(), 2 * AuditLogModel::PageSize);
    model.fetchMore({});
    QCOMPARE(model.rowCount(), 450);
    QVERIFY(!model.canFetchMore({}));
    const QList<qint64> seqs = shownSeqs(model);
    for (int i = 0; i < seqs.size(); ++i)
        QCOMPARE(seqs.at(i), 450 - i); // no row repeated or skipped across page borders
}

void TestAuditLogModel::filters_data()
{
    QTest::addColumn<AuditFilter>("filter");
    QTest::addColumn<int>("expected");
    QTest::addColumn<qint64>("newest");

    // 60 entries: actor cycles by seq % 4, action by seq % 5, time is base + seq minutes.
    const QDateTime base = auditBaseTime();
    QTest::newRow("none") << AuditFilter{} << 60 << qint64(60);
    QTest::newRow("actor exact") << AuditFilter{{}, {}, u"olga"_s, {}, {}} << 15 << qint64(60);
    QTest::newRow("actor trimmed") << AuditFilter{{}, {}, u"  system "_s, {}, {}} << 15 << qint64(58);
    QTest::newRow("actor unknown") << AuditFilter{{}, {}, u"nobody"_s, {}, {}} << 0 << qint64(-1);
    QTest::newRow("action exact") << AuditFilter{{}, {}, {}, u"rollout.approve"_s, {}} << 12 << qint64(56);
    QTest::newRow("action kind") << AuditFilter{{}, {}, {}, u"rollout"_s, {}} << 48 << qint64(60);
    QTest::newRow("action kind with dot") << AuditFilter{{}, {}, {}, u"rollout."_s, {}} << 48 << qint64(60);
    QTest::newRow("action partial is exact")
        << AuditFilter{{}, {}, {}, u"rollout.appr"_s, {}} << 0 << qint64(-1);
    QTest::newRow("object kind") << AuditFilter{{}, {}, {}, {}, u"group"_s} << 12 << qint64(59);
    QTest::newRow("object kind with slash") << AuditFilter{{}, {}, {}, {}, u"group/"_s} << 12 << qint64(59);
    QTest::newRow("object exact") << AuditFilter{{}, {}, {}, {}, u"rollout/r-1"_s} << 24 << qint64(57);
    QTest::newRow("time range") << AuditFilter{base.addSecs(600), base.addSecs(1200), {}, {}, {}} << 10
                                << qint64(19);
    QTest::newRow("from only") << AuditFilter{base.addSecs(55 * 60), {}, {}, {}, {}} << 6 << qint64(60);
    QTest::newRow("to only, exclusive")
        << AuditFilter{{}, base.addSecs(5 * 60), {}, {}, {}} << 4 << qint64(4);
    QTest::newRow("actor and action")
        << AuditFilter{{}, {}, u"olga"_s, u"rollout.start"_s, {}} << 3 << qint64(52);
}

void TestAuditLogModel::filters()
{
    QFETCH(AuditFilter, filter);
    QFETCH(int, expected);
    QFETCH(qint64, newest);
    CacheFixture cache;
    QVERIFY(storeAudit(cache.database, sealedAuditRecords(60)).ok());
    AuditLogModel model(cache.database);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy counts(&model, &AuditLogModel::countsChanged);
    QVERIFY(counts.isValid());
    QVERIFY(counts.wait(10000));
    QCOMPARE(model.totalCount(), 60);
    QCOMPARE(model.matchingCount(), 60);

    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QCOMPARE(model.setFilter(filter), QString());
    QCOMPARE(reset.count(), filter.isEmpty() ? 0 : 1);
    fetchAll(model);
    QCOMPARE(model.rowCount(), expected);
    if (expected > 0)
        QCOMPARE(model.index(0, 0).data(AuditLogModel::SeqRole).toLongLong(), newest);
    for (int row = 0; row < model.rowCount(); ++row) {
        const auto record = model.index(row, 0).data(AuditLogModel::RecordRole).value<AuditRecord>();
        if (!filter.actor.trimmed().isEmpty())
            QCOMPARE(record.actor, filter.actor.trimmed());
        if (filter.from.isValid())
            QVERIFY(record.time >= filter.from);
        if (filter.to.isValid())
            QVERIFY(record.time < filter.to);
    }
    if (!filter.isEmpty())
        QTRY_COMPARE_WITH_TIMEOUT(model.matchingCount(), qint64(expected), 10000);
    QCOMPARE(model.totalCount(), 60);
}

void TestAuditLogModel::refusesRangeEndingBeforeItStarts()
{
    CacheFixture cache;
    QVERIFY(storeAudit(cache.database, sealedAuditRecords(5)).ok());
    AuditLogModel model(cache.database);
    const QDateTime base = auditBaseTime();
    const QString problem = model.setFilter(AuditFilter{base.addSecs(600), base, {}, {}, {}});
    QVERIFY2(problem.contains(u"must be after its start"_s), qPrintable(problem));
    QVERIFY(model.filter().isEmpty()); // the previous filter stays
    QCOMPARE(model.rowCount(), 5);
}

void TestAuditLogModel::refreshInsertsNewEntriesAtTop()
{
    CacheFixture cache;
    const QList<AuditRecord> all = sealedAuditRecords(13);
    QVERIFY(storeAudit(cache.database, all.mid(0, 10)).ok());
    AuditLogModel model(cache.database);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QVERIFY(inserted.isValid() && reset.isValid());
    QVERIFY(storeAudit(cache.database, all.mid(10)).ok());
    model.refresh();
    QCOMPARE(reset.count(), 0);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.first().at(1).toInt(), 0);
    QCOMPARE(inserted.first().at(2).toInt(), 2);
    QCOMPARE(shownSeqs(model).mid(0, 4), (QList<qint64>{13, 12, 11, 10}));
    QTRY_COMPARE_WITH_TIMEOUT(model.totalCount(), qint64(13), 10000);
}

void TestAuditLogModel::refreshResetsAfterCacheWasReplaced()
{
    CacheFixture cache;
    QVERIFY(storeAudit(cache.database, sealedAuditRecords(10)).ok());
    AuditLogModel model(cache.database);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QVERIFY(CacheStore(cache.database).reset().ok());
    QVERIFY(storeAudit(cache.database, sealedAuditRecords(4)).ok());
    model.refresh();
    QCOMPARE(reset.count(), 1);
    QCOMPARE(shownSeqs(model), (QList<qint64>{4, 3, 2, 1}));
}

QTEST_MAIN(TestAuditLogModel)
#include "tst_audit_log_model.moc"
