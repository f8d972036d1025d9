// ConflictDialog: both versions field by field, differing fields marked, and the operator's choice reported.
#include "ui/dialogs/conflict_dialog.h"

#include <QJsonArray>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>

using namespace Qt::StringLiterals;
using otter::ui::ConflictDialog;

namespace {

QJsonObject mine()
{
    return QJsonObject{{u"name"_s, u"edge-eu"_s},
                       {u"filter"_s, u"region = \"eu\" and hw = \"edge-2\""_s},
                       {u"description"_s, u"EU edge gateways"_s},
                       {u"revision"_s, 41}};
}

QJsonObject servers()
{
    return QJsonObject{{u"name"_s, u"edge-eu"_s},
                       {u"filter"_s, u"region = \"eu\""_s},
                       {u"description"_s, u"EU edge gateways"_s},
                       {u"revision"_s, 44},
                       {u"updatedBy"_s, u"oscar"_s}};
}

} // namespace

class TestConflictDialog final : public QObject
{
    Q_OBJECT

private slots:
    void marksChangedFields()
    {
        ConflictDialog dialog;
        dialog.setVersions(mine(), servers());
        QCOMPARE(dialog.changedFields(), (QStringList{u"filter"_s, u"revision"_s, u"updatedBy"_s}));

        auto *table = dialog.findChild<QTableWidget *>(u"comparison"_s);
        QCOMPARE(table->rowCount(), 5);
        QCOMPARE(table->columnCount(), int(ConflictDialog::ColumnCount));
        QHash<QString, int> rowOf;
        for (int row = 0; row < table->rowCount(); ++row)
            rowOf.insert(table->item(row, ConflictDialog::FieldColumn)->text(), row);

        const int filter = rowOf.value(u"filter"_s);
        QCOMPARE(table->item(filter, ConflictDialog::MineColumn)->text(),
                 u"region = \"eu\" and hw = \"edge-2\""_s);
        QCOMPARE(table->item(filter, ConflictDialog::ServerColumn)->text(), u"region = \"eu\""_s);
        QVERIFY(table->item(filter, ConflictDialog::MineColumn)->data(ConflictDialog::ChangedRole).toBool());
        QVERIFY(table->item(filter, ConflictDialog::MineColumn)->font().bold());

        const int name = rowOf.value(u"name"_s);
        QVERIFY(!table->item(name, ConflictDialog::MineColumn)->data(ConflictDialog::ChangedRole).toBool());
        // The highlight is visible: changed and unchanged rows are painted differently.
        QVERIFY(table->item(filter, 0)->background() != table->item(name, 0)->background());

        // A field only the server has shows a dash on my side.
        QCOMPARE(table->item(rowOf.value(u"updatedBy"_s), ConflictDialog::MineColumn)->text(), u"—"_s);
        // Changed rows come first, where the operator looks.
        QVERIFY(filter < name);
    }

    void displayValues_data()
    {
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QString>("shown");
        QTest::newRow("string") << QJsonValue(u"abc"_s) << u"abc"_s;
        QTest::newRow("integer") << QJsonValue(44) << u"44"_s;
        QTest::newRow("fraction") << QJsonValue(2.5) << u"2.5"_s;
        QTest::newRow("bool") << QJsonValue(true) << u"yes"_s;
        QTest::newRow("null") << QJsonValue() << u"(none)"_s;
        QTest::newRow("missing") << QJsonValue(QJsonValue::Undefined) << u"—"_s;
        QTest::newRow("list") << QJsonValue(QJsonArray{1, 3, 5}) << u"1, 3, 5"_s;
        QTest::newRow("empty list") << QJsonValue(QJsonArray{}) << u"(empty)"_s;
        QTest::newRow("object") << QJsonValue(QJsonObject{{u"a"_s, 1}}) << u"{\"a\":1}"_s;
    }

    void displayValues()
    {
        QFETCH(QJsonValue, value);
        QFETCH(QString, shown);
        QCOMPARE(ConflictDialog::displayValue(value), shown);
    }

    void choices_data()
    {
        QTest::addColumn<QString>("button");
        QTest::addColumn<ConflictDialog::Choice>("choice");
        QTest::addColumn<int>("result");
        QTest::newRow("keep mine") << u"keepMine"_s << ConflictDialog::Choice::KeepMine
                                   << int(QDialog::Accepted);
        QTest::newRow("use server's")
            << u"useServers"_s << ConflictDialog::Choice::UseServers << int(QDialog::Accepted);
        QTest::newRow("decide later")
            << u"decideLater"_s << ConflictDialog::Choice::DecideLater << int(QDialog::Rejected);
    }

    void choices()
    {
        QFETCH(QString, button);
        QFETCH(ConflictDialog::Choice, choice);
        QFETCH(int, result);
        ConflictDialog dialog;
        dialog.setVersions(mine(), servers());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        dialog.findChild<QPushButton *>(button)->click();
        QCOMPARE(dialog.choice(), choice);
        QCOMPARE(dialog.result(), result);
        QVERIFY(!dialog.isVisible());
    }

    void escapeMeansLater()
    {
        ConflictDialog dialog;
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTest::keyClick(&dialog, Qt::Key_Escape);
        QCOMPARE(dialog.choice(), ConflictDialog::Choice::DecideLater);
    }
};

QTEST_MAIN(TestConflictDialog)
#include "tst_conflict_dialog.moc"
