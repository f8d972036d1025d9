// WindowEditor: the next openings it lists across daylight-saving changes (Europe/Berlin, spring and
// autumn 2024), weekly and cron alike, in the window's zone and the operator's; cron errors inline; save.
#include "tst_pages_fixtures.h"

#include "ui/pages/inline_error_edit.h"
#include "ui/pages/time_zone_combo.h"
#include "ui/pages/window_editor.h"
#include "ui/pages/window_openings_view.h"
#include "ui/pages/windows_page.h"

#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace otter;
using namespace otter::ui;
using namespace otter::ui::testing;

namespace {
QDateTime utc(int month, int day, int hour, int minute)
{
    return QDateTime(QDate(2024, month, day), QTime(hour, minute), QTimeZone::utc());
}
} // namespace

class TestWindowEditor final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void nextOpeningsAcrossDaylightSaving_data()
    {
        QTest::addColumn<bool>("cron");
        QTest::addColumn<QDateTime>("from");
        QTest::addColumn<QList<QDateTime>>("starts");
        QTest::addColumn<int>("changeRow");
        QTest::addColumn<QString>("changeRowOpens");
        QTest::addColumn<QString>("changeRowTokyo");
        QTest::addColumn<QString>("changeNote");

        // Daily 02:30 Berlin. 31 March 2024: 02:00 CET jumps to 03:00 CEST, so 02:30 does not exist and the
        // window opens at the change (03:00 CEST = 01:00 UTC).
        const QList<QDateTime> spring = {utc(3, 29, 1, 30), utc(3, 30, 1, 30), utc(3, 31, 1, 0),
                                         utc(4, 1, 0, 30), utc(4, 2, 0, 30)};
        // 27 October 2024: 03:00 CEST falls back to 02:00 CET, 02:30 happens twice; the first one counts.
        const QList<QDateTime> autumn = {utc(10, 25, 0, 30), utc(10, 26, 0, 30), utc(10, 27, 0, 30),
                                         utc(10, 28, 1, 30), utc(10, 29, 1, 30)};
        for (bool cron : {false, true}) {
            const char *kind = cron ? "cron" : "weekly";
            QTest::addRow("%s, spring forward", kind)
                << cron << utc(3, 29, 0, 0) << spring << 2 << QStringLiteral("Sun 31 Mar 2024 03:00 CEST")
                << QStringLiteral("Sun 31 Mar 2024 10:00 JST")
                << QStringLiteral("clocks changed to UTC+02:00");
            QTest::addRow("%s, fall back", kind)
                << cron << utc(10, 25, 0, 0) << autumn << 2 << QStringLiteral("Sun 27 Oct 2024 02:30 CEST")
                << QStringLiteral("Sun 27 Oct 2024 09:30 JST")
                << QStringLiteral("clocks change to UTC+01:00 while open");
        }
    }

    void nextOpeningsAcrossDaylightSaving()
    {
        QFETCH(bool, cron);
        QFETCH(QDateTime, from);
        QFETCH(QList<QDateTime>, starts);
        QFETCH(int, changeRow);
        QFETCH(QString, changeRowOpens);
        QFETCH(QString, changeRowTokyo);
        QFETCH(QString, changeNote);

        WindowEditor editor;
        WindowOpeningsView *view = editor.openingsView();
        view->setReferenceTime(from);
        view->setLocalZone(QTimeZone("Asia/Tokyo"));
        models::WindowRecord window = berlinNightWindow();
        if (cron) {
            window.weekdays.clear();
            window.cronExpression = QStringLiteral("30 2 * * *");
        }
        editor.setWindow(window);
        QCOMPARE(editor.recurrence(),
                 cron ? WindowEditor::Recurrence::Cron : WindowEditor::Recurrence::Weekly);

        const QList<WindowOpening> openings = view->openings();
        QCOMPARE(openings.size(), WindowOpeningsView::OpeningCount);
        for (int i = 0; i < openings.size(); ++i) {
            QCOMPARE(openings[i].start, starts[i]);
            QCOMPARE(openings[i].end, starts[i].addSecs(2 * 3600));
        }
        QCOMPARE(view->topLevelItemCount(), WindowOpeningsView::OpeningCount);
        const QTreeWidgetItem *row = view->topLevelItem(changeRow);
        QCOMPARE(row->text(WindowOpeningsView::OpensColumn), changeRowOpens);
        QCOMPARE(row->text(WindowOpeningsView::LocalColumn), changeRowTokyo);
        // The opening the clock change touches says so; the others do not.
        for (int i = 0; i < openings.size(); ++i) {
            const QString note = view->topLevelItem(i)->text(WindowOpeningsView::NoteColumn);
            QVERIFY2(i == changeRow ? note.contains(changeNote) : note.isEmpty(), qPrintable(note));
        }
    }

    void springGapOpeningIsShownAtTheChange()
    {
        WindowEditor editor;
        editor.openingsView()->setReferenceTime(utc(3, 29, 0, 0));
        editor.openingsView()->setLocalZone(QTimeZone::utc());
        editor.setWindow(berlinNightWindow());
        const QTreeWidgetItem *row = editor.openingsView()->topLevelItem(2);
        QCOMPARE(row->text(WindowOpeningsView::OpensColumn), QStringLiteral("Sun 31 Mar 2024 03:00 CEST"));
        QCOMPARE(row->text(WindowOpeningsView::ClosesColumn), QStringLiteral("Sun 31 Mar 2024 05:00 CEST"));
        QCOMPARE(row->text(WindowOpeningsView::LocalColumn), QStringLiteral("Sun 31 Mar 2024 01:00 UTC"));
    }

    void cronErrorIsInlineAndStopsTheOpenings()
    {
        WindowEditor editor;
        editor.setRecurrence(WindowEditor::Recurrence::Cron);
        QLineEdit *edit = editor.cronEdit()->lineEdit();
        edit->clear();
        QTest::keyClicks(edit, QStringLiteral("0 24 * * *"));
        QVERIFY(editor.cronEdit()->hasError());
        QCOMPARE(editor.cronEdit()->error().column, 3);
        QVERIFY(editor.cronEdit()->error().message.contains(QStringLiteral("hour")));
        QVERIFY(editor.openingsView()->openings().isEmpty());
        edit->clear();
        QTest::keyClicks(edit, QStringLiteral("0 23 * * 0"));
        QVERIFY(!editor.cronEdit()->hasError());
        QVERIFY2(editor.openingsView()->openings().size() == WindowOpeningsView::OpeningCount,
                 qPrintable(editor.openingsView()->topLevelItem(0)->text(0)));
    }

    void unknownTimeZoneIsExplained()
    {
        WindowEditor editor;
        QSignalSpy spy(&editor, &WindowEditor::saveRequested);
        editor.setWindow(berlinNightWindow());
        editor.timeZoneCombo()->setTimeZoneId(QStringLiteral("Europe/Atlantis"));
        QVERIFY(editor.openingsView()->openings().isEmpty());
        const QString shown = editor.openingsView()->topLevelItem(0)->text(0);
        QVERIFY2(shown.contains(QStringLiteral("Europe/Atlantis")), qPrintable(shown));
        for (QPushButton *button : editor.findChildren<QPushButton *>()) {
            if (button->text() == QStringLiteral("Save"))
                button->click();
        }
        QCOMPARE(spy.count(), 0);
        QVERIFY(editor.problemText().contains(QStringLiteral("time zone")));
    }

    void saveSendsTheSchedule()
    {
        WindowEditor editor;
        QSignalSpy spy(&editor, &WindowEditor::saveRequested);
        models::WindowRecord window = berlinNightWindow();
        window.weekdays = {6, 7};
        window.durationSeconds = 90 * 60;
        editor.setWindow(window);
        for (QPushButton *button : editor.findChildren<QPushButton *>()) {
            if (button->text() == QStringLiteral("Save"))
                button->click();
        }
        QCOMPARE(spy.count(), 1);
        const auto saved = spy.at(0).at(0).value<models::WindowRecord>();
        QCOMPARE(spy.at(0).at(1).toBool(), false);
        QCOMPARE(saved.id, window.id);
        QCOMPARE(saved.revision, window.revision);
        QCOMPARE(saved.timeZone, QStringLiteral("Europe/Berlin"));
        QCOMPARE(saved.weekdays, (QList<int>{6, 7}));
        QCOMPARE(saved.startHour, 2);
        QCOMPARE(saved.startMinute, 30);
        QCOMPARE(saved.durationSeconds, qint64(90 * 60));
        QVERIFY(saved.cronExpression.isEmpty());
    }

    void selectingAWindowLoadsIt()
    {
        WindowsPage page;
        page.setModel(makeWindowModel(&page));
        QSignalSpy spy(&page, &WindowsPage::windowSelected);
        page.listView()->selectRow(1);
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).toString(), QStringLiteral("w-us-weekend"));
        QCOMPARE(page.editor()->recurrence(), WindowEditor::Recurrence::Cron);
        QCOMPARE(page.editor()->cronEdit()->text(), QStringLiteral("0 5 * * 6,0"));
        QCOMPARE(page.editor()->timeZoneCombo()->timeZoneId(), QStringLiteral("America/New_York"));
    }
};

QTEST_MAIN(TestWindowEditor)
#include "tst_pages_windows.moc"
