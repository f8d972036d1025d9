// DevicesPage over a 100,000-row model: filter requests (Enter, debounce), local and server filter errors
// shown inline at their column, selection, sorting through the model, counts and the detail pane.
#include "tst_pages_fixtures.h"

#include "core/filter_expression.h"
#include "ui/pages/device_detail_pane.h"
#include "ui/pages/devices_page.h"
#include "ui/pages/error_line_edit.h"
#include "ui/pages/inline_error_edit.h"
#include "ui/pages/semantic_colors.h"

#include <QApplication>
#include <QHeaderView>
#include <QLabel>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QTreeWidget>

using namespace otter;
using namespace otter::ui;
using namespace otter::ui::testing;

class TestDevicesPage final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void showingLargeModelReadsOnlyVisibleRows()
    {
        SampleDeviceModel model(100'000);
        DevicesPage page;
        page.resize(1200, 700);
        page.setModel(&model);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        // A view that sized columns or rows from its contents would have read every one of the rows.
        QVERIFY2(model.highestRowRead() < 1000, qPrintable(QString::number(model.highestRowRead())));
        QCOMPARE(page.tableView()->verticalHeader()->sectionResizeMode(0), QHeaderView::Fixed);
        page.tableView()->scrollToBottom();
        QCoreApplication::processEvents();
        QVERIFY(model.highestRowRead() >= 99'990);
    }

    void headerClickSortsThroughTheModel()
    {
        SampleDeviceModel model(100'000);
        DevicesPage page;
        page.setModel(&model);
        QCOMPARE(model.sortCalls(), 0); // setting the model keeps the model's own order
        page.tableView()->horizontalHeader()->setSortIndicator(SampleDeviceModel::Id, Qt::DescendingOrder);
        QCOMPARE(model.sortCalls(), 1);
        QCOMPARE(model.sortColumn(), int(SampleDeviceModel::Id));
        QCOMPARE(model.sortOrder(), Qt::DescendingOrder);
        QCOMPARE(page.tableView()->model(), &model); // no proxy between view and model
        QCOMPARE(model.index(0, 0).data().toString(), SampleDeviceModel::idAt(99'999));
    }

    void enterEmitsAtOnce()
    {
        DevicesPage page;
        QSignalSpy spy(&page, &DevicesPage::filterRequested);
        QVERIFY(spy.isValid());
        QLineEdit *edit = page.filterEdit()->lineEdit();
        QTest::keyClicks(edit, QStringLiteral("region == \"eu-west\""));
        QCOMPARE(spy.count(), 0); // debounced, not per keystroke
        QTest::keyClick(edit, Qt::Key_Return);
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).toString(), QStringLiteral("region == \"eu-west\""));
    }

    void typingIsDebouncedIntoOneRequest()
    {
        DevicesPage page;
        QSignalSpy spy(&page, &DevicesPage::filterRequested);
        QTest::keyClicks(page.filterEdit()->lineEdit(), QStringLiteral("svn >= 7"));
        QCOMPARE(spy.count(), 0);
        QTRY_COMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).toString(), QStringLiteral("svn >= 7"));
        // The same text settling again is not a new request.
        QTest::keyClick(page.filterEdit()->lineEdit(), Qt::Key_Backspace);
        QTest::keyClicks(page.filterEdit()->lineEdit(), QStringLiteral("7"));
        QVERIFY(!spy.wait(2 * InlineErrorEdit::DefaultDebounceMs));
        QCOMPARE(spy.count(), 1);
    }

    void localParseErrorIsShownAndBlocksTheRequest_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("column");
        QTest::newRow("missing value") << QStringLiteral("class == ") << 10;
        QTest::newRow("unknown field") << QStringLiteral("region == \"x\" and colour == \"red\"") << 19;
        QTest::newRow("unterminated string") << QStringLiteral("id == \"gw-1") << 7;
        QTest::newRow("ordering on text") << QStringLiteral("region < \"eu\"") << 8;
    }

    void localParseErrorIsShownAndBlocksTheRequest()
    {
        QFETCH(QString, text);
        QFETCH(int, column);
        FilterError expected;
        QVERIFY(!FilterExpression::parse(text, &expected));
        QCOMPARE(expected.column, column); // the table above documents the parser's positions

        DevicesPage page;
        page.resize(900, 500);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QSignalSpy spy(&page, &DevicesPage::filterRequested);
        QTest::keyClicks(page.filterEdit()->lineEdit(), text);
        QVERIFY(page.filterEdit()->hasError());
        QCOMPARE(page.filterEdit()->error().column, column);
        QVERIFY(page.filterEdit()->lineEdit()->hasErrorRange());
        const auto labels = page.filterEdit()->findChildren<QLabel *>();
        QVERIFY(std::any_of(labels.cbegin(), labels.cend(), [&](QLabel *label) {
            return label->isVisible() &&
                   label->text().startsWith(QStringLiteral("Column %1: ").arg(column)) &&
                   label->text().contains(expected.message);
        }));
        QTest::keyClick(page.filterEdit()->lineEdit(), Qt::Key_Return);
        QCOMPARE(spy.count(), 0);
    }

    void serverErrorIsShownAtItsColumnWithACaret()
    {
        DevicesPage page;
        page.resize(900, 500);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        InlineErrorEdit *filter = page.filterEdit();
        filter->setText(QStringLiteral("label.ring == \"canary\" and version > \"2.4.0\""));
        QVERIFY(!filter->hasError());
        page.showFilterError(28, QStringLiteral("no such version on this server"));
        QVERIFY(filter->hasError());
        QCOMPARE(filter->error().column, 28);

        // The caret is painted in the error colour just under the line edit, at the error's column.
        const QImage image = filter->grab().toImage();
        const QRect field = filter->lineEdit()->geometry();
        const int x = field.left() + filter->lineEdit()->xForPosition(27) + 2;
        const QColor red = semanticColor(Semantic::Error, filter->palette());
        const QColor caret =
            image.pixelColor(x * image.devicePixelRatio(), (field.bottom() + 4) * image.devicePixelRatio());
        QVERIFY2(qAbs(caret.red() - red.red()) < 40 && qAbs(caret.green() - red.green()) < 40,
                 qPrintable(caret.name()));
        const QColor left = image.pixelColor((x - 40) * image.devicePixelRatio(),
                                             (field.bottom() + 4) * image.devicePixelRatio());
        QVERIFY2(left != caret, qPrintable(left.name()));

        // Editing the text replaces the server's verdict with the local one.
        QTest::keyClick(filter->lineEdit(), Qt::Key_End);
        QTest::keyClicks(filter->lineEdit(), QStringLiteral(" "));
        QVERIFY(!filter->hasError());
        page.clearFilterError();
        QVERIFY(!filter->hasError());
    }

    void selectionEmitsTheDeviceId()
    {
        SampleDeviceModel model(100'000);
        DevicesPage page;
        page.setModel(&model);
        QSignalSpy spy(&page, &DevicesPage::deviceSelected);
        page.tableView()->selectRow(54'321);
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).toString(), SampleDeviceModel::idAt(54'321));
        page.tableView()->selectRow(7);
        QCOMPARE(spy.count(), 2);
        QCOMPARE(spy.at(1).at(0).toString(), SampleDeviceModel::idAt(7));
    }

    void countsAreFormatted()
    {
        DevicesPage page;
        page.setCounts(1234, 100'000);
        QCOMPARE(page.countsText(), QStringLiteral("1,234 of 100,000 devices"));
        page.setCounts(100'000, 100'000);
        QCOMPARE(page.countsText(), QStringLiteral("100,000 devices"));
    }

    void findShortcutFocusesTheFilter()
    {
        SampleDeviceModel model(1000);
        DevicesPage page;
        page.setModel(&model);
        page.show();
        page.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&page));
        page.tableView()->setFocus();
        QTRY_VERIFY(page.tableView()->hasFocus());
        QTest::keySequence(page.tableView(), QKeySequence::Find);
        QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget *>(page.filterEdit()->lineEdit()));
    }

    void detailPaneShowsBanksAndHistory()
    {
        DevicesPage page;
        page.showDevice(sampleDevice());
        page.showDeploymentHistory(sampleHistory());
        DeviceDetailPane *pane = page.detailPane();
        QCOMPARE(pane->deviceId(), QStringLiteral("gw-004217"));
        QVERIFY(pane->fieldText(QStringLiteral("Bank B")).startsWith(QStringLiteral("2.4.1")));
        QVERIFY(pane->fieldText(QStringLiteral("Bank B")).contains(QStringLiteral("active")));
        QVERIFY(pane->fieldText(QStringLiteral("Bank A")).startsWith(QStringLiteral("2.3.0")));
        QCOMPARE(pane->fieldText(QStringLiteral("Security version")), QStringLiteral("7"));
        QCOMPARE(pane->fieldText(QStringLiteral("Labels")), QStringLiteral("ring=canary, site=hamburg-3"));
        const auto *history = pane->findChild<QTreeWidget *>();
        QVERIFY(history);
        QCOMPARE(history->topLevelItemCount(), 3);
        QCOMPARE(history->topLevelItem(1)->text(4), QStringLiteral("ROLLED_BACK"));
        // Another device's history is not left behind.
        models::DeviceRecord other = sampleDevice();
        other.id = QStringLiteral("gw-000001");
        page.showDevice(other);
        QCOMPARE(history->topLevelItemCount(), 0);
    }
};

QTEST_MAIN(TestDevicesPage)
#include "tst_pages_devices.moc"
