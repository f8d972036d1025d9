// ReleasesPage, RolloutsPage, AuditPage: selecting a row describes its RecordRole record and emits its id.
#include "tst_pages_fixtures.h"

#include "ui/pages/audit_page.h"
#include "ui/pages/releases_page.h"
#include "ui/pages/rollouts_page.h"

#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QTextBrowser>

#include <memory>

using namespace otter;
using namespace otter::ui;
using namespace otter::ui::testing;

class TestListPages final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void selectionDescribesTheRecord_data()
    {
        QTest::addColumn<QString>("page");
        QTest::addColumn<int>("row");
        QTest::addColumn<QString>("id");
        QTest::addColumn<QStringList>("shown");
        QTest::newRow("release") << QStringLiteral("releases") << 0
                                 << sampleRelease(QStringLiteral("2.4.1"), 3).id
                                 << QStringList{QStringLiteral("Release 2.4.1"),
                                                QStringLiteral("gw-200, gw-300"), QStringLiteral("46.00 MiB"),
                                                QStringLiteral("k-7d3e9a41c2b8")};
        QTest::newRow("rollout") << QStringLiteral("rollouts") << 1 << QStringLiteral("r-19aa")
                                 << QStringList{QStringLiteral("paused by the failure threshold"),
                                                QStringLiteral("3. 25 % of devices"),
                                                QStringLiteral("← current"), QStringLiteral("looks good")};
        QTest::newRow("audit") << QStringLiteral("audit") << 4 << QStringLiteral("1044")
                               << QStringList{QStringLiteral("rollout.auto_pause"),
                                              QStringLiteral("\"threshold\": 5"),
                                              QStringLiteral("0f9e8d7c6b5a4938")};
    }

    void selectionDescribesTheRecord()
    {
        QFETCH(QString, page);
        QFETCH(int, row);
        QFETCH(QString, id);
        QFETCH(QStringList, shown);
        std::unique_ptr<RecordListPage> widget;
        if (page == u"releases")
            widget = std::make_unique<ReleasesPage>();
        else if (page == u"rollouts")
            widget = std::make_unique<RolloutsPage>();
        else
            widget = std::make_unique<AuditPage>();
        QStandardItemModel *model = page == u"releases"   ? makeReleaseModel(widget.get())
                                    : page == u"rollouts" ? makeRolloutModel(widget.get())
                                                          : makeAuditModel(widget.get());
        widget->setModel(model);
        QSignalSpy spy(widget.get(), &RecordListPage::recordSelected);
        QVERIFY(widget->detailView()->toPlainText().isEmpty());
        widget->listView()->selectRow(row);
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).toString(), id);
        const QString text = widget->detailView()->toPlainText();
        for (const QString &expected : shown)
            QVERIFY2(text.contains(expected), qPrintable(expected + QStringLiteral(" not in:\n") + text));
    }

    void rowWithoutARecordFallsBackToTheFirstColumn()
    {
        ReleasesPage page;
        QStandardItemModel model(0, 1);
        model.appendRow(new QStandardItem(QStringLiteral("abc123")));
        page.setModel(&model);
        QSignalSpy spy(&page, &RecordListPage::recordSelected);
        page.listView()->selectRow(0);
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).toString(), QStringLiteral("abc123"));
        QVERIFY(page.detailView()->toPlainText().isEmpty());
    }
};

QTEST_MAIN(TestListPages)
#include "tst_pages_lists.moc"
