// ReleaseListModel: cached releases, newest version first by semver precedence.
#include "cache_fixture.h"

#include "models/release_list_model.h"

#include <QAbstractItemModelTester>

using namespace otter::models;
using namespace otter::models::test;

class TestReleaseListModel : public QObject
{
    Q_OBJECT

private slots:
    void newestFirstAndDeletion()
    {
        CacheFixture cache;
        CacheStore store(cache.database);
        ChangeBatch batch;
        for (const QString &version : {u"1.9.0"_s, u"1.10.0"_s, u"1.10.0-rc.1"_s}) {
            ReleaseRecord release;
            release.id = u"sha-"_s + version;
            release.version = version;
            release.hardwareClasses = {u"gw-200"_s, u"gw-100"_s};
            release.revision = 1;
            batch.releases.append(release);
        }
        batch.complete = true;
        QVERIFY(store.apply(batch).ok());
        ReleaseListModel model(cache.database);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QStringList versions;
        for (int row = 0; row < model.rowCount(); ++row)
            versions.append(model.index(row, ReleaseListModel::Version).data().toString());
        QCOMPARE(versions, (QStringList{u"1.10.0"_s, u"1.10.0-rc.1"_s, u"1.9.0"_s}));
        QCOMPARE(model.index(0, ReleaseListModel::HardwareClasses).data().toString(), u"gw-200, gw-100"_s);

        ChangeBatch deletion;
        deletion.deletions = {{ObjectKind::Release, u"sha-1.10.0-rc.1"_s, 2}};
        deletion.complete = true;
        QVERIFY(store.apply(deletion).ok());
        model.refresh();
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(1, 0).data(ReleaseListModel::IdRole).toString(), u"sha-1.9.0"_s);
    }
};

QTEST_MAIN(TestReleaseListModel)
#include "tst_release_list_model.moc"
