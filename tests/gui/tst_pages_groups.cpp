// GroupEditor and GroupsPage: debounced live preview, inline filter errors, static versus dynamic groups,
// save/delete intents, read-only mode, and the list driving the editor.
#include "tst_pages_fixtures.h"

#include "ui/pages/error_line_edit.h"
#include "ui/pages/group_editor.h"
#include "ui/pages/groups_page.h"
#include "ui/pages/inline_error_edit.h"

#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace otter;
using namespace otter::ui;
using namespace otter::ui::testing;

namespace {
QPushButton *button(const QWidget &editor, const QString &text)
{
    const auto buttons = editor.findChildren<QPushButton *>();
    for (QPushButton *candidate : buttons) {
        if (candidate->text() == text)
            return candidate;
    }
    return nullptr;
}
} // namespace

class TestGroupsPage final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void previewIsDebounced()
    {
        GroupEditor editor;
        QSignalSpy spy(&editor, &GroupEditor::previewRequested);
        QVERIFY(spy.isValid());
        QTest::keyClicks(editor.filterEdit()->lineEdit(), QStringLiteral("class == \"gw-200\""));
        QCOMPARE(spy.count(), 0); // not one request per keystroke
        QVERIFY(spy.wait());
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).toString(), QStringLiteral("class == \"gw-200\""));
        QVERIFY2(editor.previewText().contains(QStringLiteral("Counting")), qPrintable(editor.previewText()));

        QTest::keyClicks(editor.filterEdit()->lineEdit(), QStringLiteral(" and busy"));
        QTRY_COMPARE(spy.count(), 2);
        QCOMPARE(spy.at(1).at(0).toString(), QStringLiteral("class == \"gw-200\" and busy"));

        editor.setPreviewCount(1234);
        QCOMPARE(editor.previewText(), QStringLiteral("Matches 1,234 devices."));
    }

    void invalidFilterIsNotPreviewed()
    {
        GroupEditor editor;
        QSignalSpy spy(&editor, &GroupEditor::previewRequested);
        QTest::keyClicks(editor.filterEdit()->lineEdit(), QStringLiteral("class = \"gw-200\""));
        QVERIFY(editor.filterEdit()->hasError());
        QCOMPARE(editor.filterEdit()->error().column, 7);
        QTest::keyClick(editor.filterEdit()->lineEdit(), Qt::Key_Return);
        QCOMPARE(spy.count(), 0);
        QVERIFY(editor.previewText().contains(QStringLiteral("Fix the filter")));
    }

    void serverPreviewErrorIsShownInline()
    {
        GroupEditor editor;
        editor.filterEdit()->setText(QStringLiteral("label.ring == \"canary\""));
        editor.setPreviewError(1, QStringLiteral("label filters are disabled on this server"));
        QVERIFY(editor.filterEdit()->hasError());
        QCOMPARE(editor.filterEdit()->error().column, 1);
        QVERIFY(editor.filterEdit()->lineEdit()->hasErrorRange());
    }

    void saveSendsTheMembershipKind_data()
    {
        QTest::addColumn<bool>("dynamic");
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expectedFilter");
        QTest::addColumn<QStringList>("expectedMembers");
        QTest::newRow("dynamic") << true << QStringLiteral("region in [\"eu-west\"]")
                                 << QStringLiteral("region in [\"eu-west\"]") << QStringList();
        QTest::newRow("static, blank lines and repeats dropped")
            << false << QStringLiteral("gw-000001\n\n  gw-000002 \ngw-000001\n") << QString()
            << QStringList{QStringLiteral("gw-000001"), QStringLiteral("gw-000002")};
    }

    void saveSendsTheMembershipKind()
    {
        QFETCH(bool, dynamic);
        QFETCH(QString, input);
        QFETCH(QString, expectedFilter);
        QFETCH(QStringList, expectedMembers);
        GroupEditor editor;
        QSignalSpy spy(&editor, &GroupEditor::saveRequested);
        QTest::keyClicks(editor.nameEdit(), QStringLiteral("Canary EU"));
        if (dynamic) {
            editor.setMembership(GroupEditor::Membership::Dynamic);
            QTest::keyClicks(editor.filterEdit()->lineEdit(), input);
        } else {
            editor.setMembership(GroupEditor::Membership::Static);
            editor.staticMembersEdit()->setPlainText(input);
        }
        button(editor, QStringLiteral("Save"))->click();
        QCOMPARE(spy.count(), 1);
        const auto group = spy.at(0).at(0).value<models::GroupRecord>();
        QCOMPARE(spy.at(0).at(1).toBool(), true);
        QCOMPARE(group.name, QStringLiteral("Canary EU"));
        QCOMPARE(group.filter.has_value(), dynamic);
        if (dynamic)
            QCOMPARE(*group.filter, expectedFilter);
        QCOMPARE(group.staticMembers, expectedMembers);
    }

    void saveRefusesWhatTheServerWould_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("dynamic");
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("problem");
        QTest::newRow("no name") << QString() << true << QString() << QStringLiteral("Name:");
        QTest::newRow("bad filter") << QStringLiteral("x") << true << QStringLiteral("svn >= \"7\"")
                                    << QStringLiteral("Filter:");
        QTest::newRow("empty static") << QStringLiteral("x") << false << QStringLiteral("\n \n")
                                      << QStringLiteral("at least one device id");
        QTest::newRow("two ids on a line")
            << QStringLiteral("x") << false << QStringLiteral("gw-1\ngw-2 gw-3") << QStringLiteral("line 2");
    }

    void saveRefusesWhatTheServerWould()
    {
        QFETCH(QString, name);
        QFETCH(bool, dynamic);
        QFETCH(QString, input);
        QFETCH(QString, problem);
        GroupEditor editor;
        QSignalSpy spy(&editor, &GroupEditor::saveRequested);
        editor.nameEdit()->setText(name);
        editor.setMembership(dynamic ? GroupEditor::Membership::Dynamic : GroupEditor::Membership::Static);
        if (dynamic)
            editor.filterEdit()->setText(input);
        else
            editor.staticMembersEdit()->setPlainText(input);
        button(editor, QStringLiteral("Save"))->click();
        QCOMPARE(spy.count(), 0);
        QVERIFY2(editor.problemText().contains(problem), qPrintable(editor.problemText()));
    }

    void existingGroupSavesAndDeletesWithItsRevision()
    {
        GroupEditor editor;
        QSignalSpy preview(&editor, &GroupEditor::previewRequested);
        QSignalSpy save(&editor, &GroupEditor::saveRequested);
        QSignalSpy remove(&editor, &GroupEditor::deleteRequested);
        const models::GroupRecord loaded = sampleGroups().first();
        editor.setGroup(loaded);
        QCOMPARE(preview.count(), 1); // a loaded dynamic group is previewed at once
        QCOMPARE(preview.at(0).at(0).toString(), *loaded.filter);
        QVERIFY(!editor.isNew());
        button(editor, QStringLiteral("Save"))->click();
        QCOMPARE(save.count(), 1);
        QCOMPARE(save.at(0).at(1).toBool(), false);
        QCOMPARE(save.at(0).at(0).value<models::GroupRecord>().id, loaded.id);
        QCOMPARE(save.at(0).at(0).value<models::GroupRecord>().revision, loaded.revision);
        button(editor, QStringLiteral("Delete"))->click();
        QCOMPARE(remove.count(), 1);
        QCOMPARE(remove.at(0).at(0).toString(), loaded.id);
        QCOMPARE(remove.at(0).at(1).toLongLong(), loaded.revision);

        button(editor, QStringLiteral("New"))->click();
        QVERIFY(editor.isNew());
        QVERIFY(!button(editor, QStringLiteral("Delete"))->isEnabled());
    }

    void readOnlyEditorSaysWhy()
    {
        GroupEditor editor;
        editor.setGroup(sampleGroups().at(1));
        editor.setEditable(false, QStringLiteral("Viewers cannot change groups."));
        QPushButton *save = button(editor, QStringLiteral("Save"));
        QVERIFY(!save->isEnabled());
        QCOMPARE(save->toolTip(), QStringLiteral("Viewers cannot change groups."));
        QVERIFY(editor.nameEdit()->isReadOnly());
        QVERIFY(editor.staticMembersEdit()->isReadOnly());
        editor.setEditable(true);
        QVERIFY(save->isEnabled());
        QVERIFY(save->toolTip().isEmpty());
    }

    void selectingAGroupLoadsIt()
    {
        GroupsPage page;
        QStandardItemModel *model = makeGroupModel(&page);
        page.setModel(model);
        QSignalSpy spy(&page, &GroupsPage::groupSelected);
        page.listView()->selectRow(1);
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).toString(), QStringLiteral("g-lab"));
        QCOMPARE(page.editor()->nameEdit()->text(), QStringLiteral("Hamburg lab bench"));
        QCOMPARE(page.editor()->membership(), GroupEditor::Membership::Static);
        QVERIFY(page.editor()->staticMembersEdit()->toPlainText().contains(QStringLiteral("sensor-000113")));
        // Starting a new group leaves the list without a selection.
        button(*page.editor(), QStringLiteral("New"))->click();
        QVERIFY(!page.listView()->selectionModel()->hasSelection());
    }
};

QTEST_MAIN(TestGroupsPage)
#include "tst_pages_groups.moc"
