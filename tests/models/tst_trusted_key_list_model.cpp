// TrustedKeyListModel: cached trusted keys and revocation.
#include "cache_fixture.h"

#include "models/trusted_key_list_model.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>

using namespace otter::models;
using namespace otter::models::test;

class TestTrustedKeyListModel : public QObject
{
    Q_OBJECT

private slots:
    void showsRevocation()
    {
        CacheFixture cache;
        CacheStore store(cache.database);
        TrustedKeyRecord key;
        key.id = u"ab12"_s;
        key.name = u"release key"_s;
        key.state = u"ACTIVE"_s;
        key.revision = 1;
        ChangeBatch batch;
        batch.trustedKeys = {key};
        batch.complete = true;
        QVERIFY(store.apply(batch).ok());
        TrustedKeyListModel model(cache.database);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QVERIFY(changed.isValid());
        QCOMPARE(model.index(0, TrustedKeyListModel::State).data().toString(), u"ACTIVE"_s);
        key.state = u"REVOKED"_s;
        key.revocationReason = u"leaked"_s;
        key.revision = 2;
        batch.trustedKeys = {key};
        QVERIFY(store.apply(batch).ok());
        model.refresh();
        QCOMPARE(changed.count(), 1);
        QCOMPARE(model.index(0, TrustedKeyListModel::State).data().toString(), u"REVOKED"_s);
        QCOMPARE(model.index(0, 0)
                     .data(TrustedKeyListModel::RecordRole)
                     .value<TrustedKeyRecord>()
                     .revocationReason,
                 u"leaked"_s);
    }
};

QTEST_MAIN(TestTrustedKeyListModel)
#include "tst_trusted_key_list_model.moc"
