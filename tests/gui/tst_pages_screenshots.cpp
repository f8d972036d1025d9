// Renders every page and editor with realistic sample data, Fusion style, in a light and a dark palette, to
// PNGs in the build tree (OTTER_SCREENSHOT_DIR) for review and for docs/screenshots/page-*.png.
#include "tst_pages_fixtures.h"

#include "ui/pages/audit_page.h"
#include "ui/pages/dashboard_page.h"
#include "ui/pages/devices_page.h"
#include "ui/pages/group_editor.h"
#include "ui/pages/groups_page.h"
#include "ui/pages/inline_error_edit.h"
#include "ui/pages/releases_page.h"
#include "ui/pages/rollouts_page.h"
#include "ui/pages/window_editor.h"
#include "ui/pages/window_openings_view.h"
#include "ui/pages/windows_page.h"

#include <QApplication>
#include <QDir>
#include <QLineEdit>
#include <QStyleFactory>
#include <QTableView>
#include <QTest>

#include <functional>
#include <memory>

using namespace otter;
using namespace otter::ui;
using namespace otter::ui::testing;

namespace {

QPalette darkPalette()
{
    QPalette palette;
    const QColor window(0x2b, 0x2d, 0x31), base(0x1f, 0x21, 0x24), text(0xe6, 0xe6, 0xe6);
    palette.setColor(QPalette::Window, window);
    palette.setColor(QPalette::WindowText, text);
    palette.setColor(QPalette::Base, base);
    palette.setColor(QPalette::AlternateBase, QColor(0x27, 0x29, 0x2d));
    palette.setColor(QPalette::Text, text);
    palette.setColor(QPalette::Button, window);
    palette.setColor(QPalette::ButtonText, text);
    palette.setColor(QPalette::ToolTipBase, base);
    palette.setColor(QPalette::ToolTipText, text);
    palette.setColor(QPalette::Highlight, QColor(0x3d, 0x7e, 0xd6));
    palette.setColor(QPalette::HighlightedText, Qt::white);
    palette.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9d, 0xa3));
    palette.setColor(QPalette::Link, QColor(0x6c, 0xb4, 0xff));
    palette.setColor(QPalette::Mid, QColor(0x45, 0x48, 0x4e));
    palette.setColor(QPalette::Dark, QColor(0x18, 0x19, 0x1c));
    palette.setColor(QPalette::Light, QColor(0x4a, 0x4d, 0x53));
    palette.setColor(QPalette::Disabled, QPalette::Text, QColor(0x80, 0x80, 0x80));
    palette.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x80, 0x80, 0x80));
    palette.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x80, 0x80, 0x80));
    return palette;
}

} // namespace

class TestPagesScreenshots final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        m_dir = qEnvironmentVariable("OTTER_SCREENSHOT_DIR", QStringLiteral(OTTER_SCREENSHOT_DIR));
        QVERIFY(QDir().mkpath(m_dir));
    }

    void render_data()
    {
        QTest::addColumn<QString>("name");
        for (const char *theme : {"light", "dark"}) {
            for (const char *name :
                 {"dashboard", "devices", "devices-filter-error", "groups", "group-editor-static", "windows",
                  "window-editor-cron-error", "releases", "rollouts", "audit"})
                QTest::addRow("%s-%s", name, theme)
                    << QStringLiteral("%1-%2").arg(QLatin1String(name), QLatin1String(theme));
        }
    }

    void render()
    {
        QFETCH(QString, name);
        QApplication::setPalette(name.endsWith(u"-dark") ? darkPalette()
                                                         : QApplication::style()->standardPalette());
        const QString page = name.section(u'-', 0, -2);
        std::unique_ptr<QWidget> widget = build(page);
        QVERIFY(widget);
        widget->resize(page.contains(u"editor") ? QSize(640, 560) : QSize(1280, 760));
        widget->show();
        QVERIFY(QTest::qWaitForWindowExposed(widget.get()));
        QCoreApplication::processEvents();
        const QImage image = widget->grab().toImage();
        const QString file = QDir(m_dir).filePath(QStringLiteral("page-%1.png").arg(name));
        QVERIFY2(image.save(file), qPrintable(file));
        // A page that failed to lay out renders as one flat colour.
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 7) {
            for (int x = 0; x < image.width(); x += 7)
                colours.insert(image.pixel(x, y));
        }
        QVERIFY2(colours.size() > 20, qPrintable(file));
    }

private:
    std::unique_ptr<QWidget> build(const QString &page)
    {
        if (page == u"dashboard") {
            auto dashboard = std::make_unique<DashboardPage>();
            dashboard->setSummary(sampleSummary());
            return dashboard;
        }
        if (page.startsWith(u"devices")) {
            auto devices = std::make_unique<DevicesPage>();
            auto *model = new SampleDeviceModel(100'000, devices.get());
            devices->setModel(model);
            devices->setCounts(100'000, 100'000);
            if (page == u"devices-filter-error") {
                devices->filterEdit()->lineEdit()->setText(QStringLiteral(
                    "class == \"gw-200\" and region in [\"eu-west\", \"eu-north\"] and versoin < \"2.4.0\""));
                devices->setCounts(12'480, 100'000);
            } else {
                devices->setFilterText(QStringLiteral("class == \"gw-200\" and label.ring == \"canary\""));
                devices->setCounts(4'217, 100'000);
            }
            devices->tableView()->selectRow(3);
            devices->showDevice(sampleDevice());
            devices->showDeploymentHistory(sampleHistory());
            return devices;
        }
        if (page == u"groups") {
            auto groups = std::make_unique<GroupsPage>();
            groups->setModel(makeGroupModel(groups.get()));
            groups->listView()->selectRow(0);
            groups->editor()->setPreviewCount(4217);
            return groups;
        }
        if (page == u"group-editor-static") {
            auto editor = std::make_unique<GroupEditor>();
            editor->setGroup(sampleGroups().at(1));
            editor->setEditable(false, QStringLiteral("Viewers cannot change groups."));
            return editor;
        }
        if (page == u"windows") {
            auto windows = std::make_unique<WindowsPage>();
            windows->editor()->openingsView()->setReferenceTime(
                QDateTime(QDate(2024, 3, 29), QTime(0, 0), QTimeZone::utc()));
            windows->editor()->openingsView()->setLocalZone(QTimeZone("America/New_York"));
            windows->setModel(makeWindowModel(windows.get()));
            windows->listView()->selectRow(0);
            return windows;
        }
        if (page == u"window-editor-cron-error") {
            auto editor = std::make_unique<WindowEditor>();
            editor->openingsView()->setReferenceTime(
                QDateTime(QDate(2024, 3, 29), QTime(0, 0), QTimeZone::utc()));
            editor->setWindow(berlinNightWindow());
            editor->setRecurrence(WindowEditor::Recurrence::Cron);
            editor->cronEdit()->lineEdit()->setText(QStringLiteral("30 2 * * 1-8"));
            return editor;
        }
        std::unique_ptr<RecordListPage> list;
        if (page == u"releases") {
            list = std::make_unique<ReleasesPage>();
            list->setModel(makeReleaseModel(list.get()));
        } else if (page == u"rollouts") {
            list = std::make_unique<RolloutsPage>();
            list->setModel(makeRolloutModel(list.get()));
        } else if (page == u"audit") {
            list = std::make_unique<AuditPage>();
            list->setModel(makeAuditModel(list.get()));
        }
        if (list)
            list->listView()->selectRow(page == u"audit" ? 4 : 1);
        return list;
    }

    QString m_dir;
};

QTEST_MAIN(TestPagesScreenshots)
#include "tst_pages_screenshots.moc"
