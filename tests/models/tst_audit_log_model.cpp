// AuditLogModel: cached audit entries, newest first; new entries appear on refresh.
#include "cache_fixture.h"

#include "models/audit_log_model.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>

using namespace otter::models;
using namespace otter::models::test;

namespace {

AuditRecord entry(qint64 seq, const QString &action)
{
    AuditRecord a;
    a.seq = seq;
    a.time = QDateTime::fromMSecsSinceEpoch(1700000000000 + seq, QTimeZone::utc());
    a.actor = u"olga"_s;
    a.action = action;
    a.object = u"group/g1"_s;
    a.detailsJson = u"{\"name\":\"g1\"}"_s;
    a.revision = seq;
    return a;
}

} // namespace

class TestAuditLogModel : public QObject
{
    Q_OBJECT

private slots:
    void newestFirst()
    {
        CacheFixture cache;
        CacheStore store(cache.database);
        ChangeBatch batch;
        batch.auditEntries = {entry(1, u"CreateGroup"_s), entry(2, u"UpdateGroup"_s)};
        batch.complete = true;
        QVERIFY(store.apply(batch).ok());
        AuditLogModel model(cache.database);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QVERIFY(inserted.isValid());
        QCOMPARE(model.index(0, AuditLogModel::Action).data().toString(), u"UpdateGroup"_s);
        QCOMPARE(model.index(0, AuditLogModel::Seq).data(Qt::ToolTipRole).toString(), u"{\"name\":\"g1\"}"_s);
        batch.auditEntries = {entry(3, u"DeleteGroup"_s)};
        QVERIFY(store.apply(batch).ok());
        model.refresh();
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.index(0, 0).data(AuditLogModel::RecordRole).value<AuditRecord>().seq, 3);
    }
};

QTEST_MAIN(TestAuditLogModel)
#include "tst_audit_log_model.moc"
