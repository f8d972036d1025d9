// Renders the shell (main window, status bar states, offline banner) and every shell dialog in a light and a
// dark palette (Fusion) to PNGs in OTTER_SCREENSHOT_DIR, for review and for docs/screenshots/shell-*.png.
#include "ui/dialogs/about_dialog.h"
#include "ui/dialogs/ca_changed_dialog.h"
#include "ui/dialogs/ca_trust_dialog.h"
#include "ui/dialogs/conflict_dialog.h"
#include "ui/dialogs/connection_dialog.h"
#include "ui/dialogs/outbox_dialog.h"
#include "ui/shell/connection_status_bar.h"
#include "ui/shell/main_window.h"
#include "ui/shell/offline_banner.h"

#include <QApplication>
#include <QDir>
#include <QJsonArray>
#include <QLineEdit>
#include <QStandardItemModel>
#include <QStyle>
#include <QStyleFactory>
#include <QTableView>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace otter::ui;

namespace {

QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x2b, 0x2d, 0x30);
    const QColor base(0x1e, 0x1f, 0x22);
    const QColor text(0xe6, 0xe6, 0xe6);
    const QColor disabled(0x80, 0x80, 0x80);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x26, 0x28, 0x2b));
    p.setColor(QPalette::ToolTipBase, base);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, disabled);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x3a, 0x3d, 0x41));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::red);
    p.setColor(QPalette::Light, QColor(0x4a, 0x4d, 0x52));
    p.setColor(QPalette::Midlight, QColor(0x40, 0x43, 0x47));
    p.setColor(QPalette::Mid, QColor(0x30, 0x32, 0x35));
    p.setColor(QPalette::Dark, QColor(0x18, 0x19, 0x1b));
    p.setColor(QPalette::Shadow, Qt::black);
    p.setColor(QPalette::Highlight, QColor(0x3d, 0x7a, 0xd6));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x6c, 0xb0, 0xff));
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, disabled);
    p.setColor(QPalette::Disabled, QPalette::HighlightedText, disabled);
    return p;
}

const QString Fingerprint =
    u"3F:A1:09:7C:55:D2:E8:10:4B:9E:C3:77:02:AF:61:D8:90:1C:2B:EE:47:53:A9:0D:6F:81:34:C5:DA:12:7E:B6"_s;

double meanLightness(const QImage &image)
{
    qint64 sum = 0;
    const QImage small = image.scaled(100, 100);
    for (int y = 0; y < small.height(); ++y)
        for (int x = 0; x < small.width(); ++x)
            sum += small.pixelColor(x, y).lightness();
    return double(sum) / (small.width() * small.height());
}

} // namespace

class TestShellScreenshots final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QApplication::setStyle(QStyleFactory::create(u"Fusion"_s));
        m_dir = qEnvironmentVariable("OTTER_SCREENSHOT_DIR", QStringLiteral(OTTER_SCREENSHOT_DIR));
        QVERIFY(QDir().mkpath(m_dir));
    }

    void render_data()
    {
        QTest::addColumn<bool>("dark");
        QTest::newRow("light") << false;
        QTest::newRow("dark") << true;
    }

    void render()
    {
        QFETCH(bool, dark);
        QApplication::setPalette(dark ? darkPalette() : QApplication::style()->standardPalette());
        m_theme = dark ? u"dark"_s : u"light"_s;

        {
            MainWindow window;
            fillStatus(window.connectionStatusBar(), ConnectionState::Online, {});
            window.resize(1100, 680);
            window.showPage(MainWindow::Page::Devices);
            save(&window, u"main-window"_s);
            m_mainLightness[dark] = meanLightness(window.grab().toImage());

            fillStatus(window.connectionStatusBar(), ConnectionState::Offline, u"connection refused"_s);
            window.offlineBanner()->setOffline(true, QDateTime(QDate::currentDate(), QTime(12, 4, 31)),
                                               u"otter.example.com:8443 refused the connection"_s);
            window.showPage(MainWindow::Page::Rollouts);
            save(&window, u"main-window-offline"_s);
        }

        const QList<std::pair<ConnectionState, QString>> states = {
            {ConnectionState::Online, {}},
            {ConnectionState::Connecting, {}},
            {ConnectionState::Reconnecting, u"retry in 8 s"_s},
            {ConnectionState::Offline, u"connection refused"_s}};
        for (const auto &[state, detail] : states) {
            ConnectionStatusBar bar;
            fillStatus(&bar, state, detail);
            bar.resize(960, bar.sizeHint().height());
            save(&bar, u"statusbar-"_s + ConnectionStatusBar::stateName(state).remove(u'…').toLower());
        }

        {
            OfflineBanner banner;
            banner.setOffline(true, QDateTime(QDate::currentDate(), QTime(12, 4, 31)),
                              u"otter.example.com:8443 refused the connection"_s);
            banner.resize(800, banner.heightForWidth(800));
            save(&banner, u"offline-banner"_s);
        }

        {
            ConnectionDialog dialog;
            otter::models::ServerProfile production;
            production.name = u"Production"_s;
            production.address = u"otter.example.com:8443"_s;
            production.caFingerprint = Fingerprint;
            otter::models::ServerProfile lab;
            lab.name = u"Lab"_s;
            lab.address = u"lab.example.net:7443"_s;
            otter::models::ServerProfile local;
            local.name = u"127.0.0.1:7443"_s;
            local.address = u"127.0.0.1:7443"_s;
            dialog.setProfiles({production, lab, local}, production.address);
            dialog.setKeyringNote(u"The token will be kept in the Secret Service keyring (GNOME Keyring)."_s);
            dialog.setToken(u"otk_4f2a9c"_s);
            save(&dialog, u"connection-dialog"_s);

            dialog.findChild<QLineEdit *>(u"address"_s)->setText(u"otter.example.com"_s);
            dialog.accept(); // refused: shows the message
            save(&dialog, u"connection-dialog-error"_s);
        }

        {
            CaTrustDialog dialog;
            dialog.setServer(u"otter.example.com:8443"_s);
            dialog.setCertificate(u"CN=otterd CA, O=Otter"_s, Fingerprint);
            save(&dialog, u"ca-trust-dialog"_s);
        }

        {
            CaChangedDialog dialog;
            dialog.setServer(u"otter.example.com:8443"_s);
            dialog.setFingerprints(
                Fingerprint,
                u"A0:B1:C2:D3:E4:F5:06:17:28:39:4A:5B:6C:7D:8E:9F:A0:B1:C2:D3:E4:F5:06:17:28:39:4A:5B:6C:7D:8E:9F"_s);
            save(&dialog, u"ca-changed-dialog"_s);
        }

        {
            ConflictDialog dialog;
            dialog.setDescription(u"group “edge-eu”"_s, u"oscar changed it at 12:03 (revision 44)."_s);
            dialog.setVersions(
                QJsonObject{{u"name"_s, u"edge-eu"_s},
                            {u"description"_s, u"EU edge gateways"_s},
                            {u"filter"_s, u"region = \"eu\" and hardware_class = \"edge-2\""_s},
                            {u"staticMembers"_s, QJsonArray{}},
                            {u"revision"_s, 41}},
                QJsonObject{{u"name"_s, u"edge-eu"_s},
                            {u"description"_s, u"EU edge gateways (all classes)"_s},
                            {u"filter"_s, u"region = \"eu\""_s},
                            {u"staticMembers"_s, QJsonArray{}},
                            {u"revision"_s, 44},
                            {u"updatedBy"_s, u"oscar"_s}});
            save(&dialog, u"conflict-dialog"_s);
        }

        {
            QStandardItemModel model(0, 4);
            model.setHorizontalHeaderLabels({u"Draft"_s, u"Change"_s, u"State"_s, u"Made"_s});
            const QList<QStringList> rows = {
                {u"group edge-eu"_s, u"update"_s, u"conflict"_s, u"12:01"_s},
                {u"window nightly-eu"_s, u"create"_s, u"queued"_s, u"12:02"_s},
                {u"rollout fw-2.1.0 to edge-eu"_s, u"create"_s, u"queued"_s, u"12:05"_s}};
            qint64 id = 1;
            for (const QStringList &row : rows) {
                QList<QStandardItem *> items;
                for (const QString &text : row)
                    items.append(new QStandardItem(text));
                items.first()->setData(id++, OutboxDialog::IdRole);
                items.first()->setData(row.at(2), OutboxDialog::StateRole);
                model.appendRow(items);
            }
            OutboxDialog dialog;
            dialog.setModel(&model);
            dialog.view()->selectRow(0);
            save(&dialog, u"outbox-dialog"_s);
            QStandardItemModel empty(0, 4);
            dialog.setModel(&empty);
            save(&dialog, u"outbox-dialog-empty"_s);
        }

        {
            AboutDialog dialog;
            save(&dialog, u"about-dialog"_s);
        }
    }

    void darkIsDarker()
    {
        QVERIFY(m_mainLightness[0] > 0);
        QVERIFY2(m_mainLightness[1] < m_mainLightness[0] - 50,
                 qPrintable(u"light %1, dark %2"_s.arg(m_mainLightness[0]).arg(m_mainLightness[1])));
    }

private:
    static void fillStatus(ConnectionStatusBar *bar, ConnectionState state, const QString &detail)
    {
        bar->setConnectionState(state, detail);
        bar->setServer(u"otter.example.com:8443"_s);
        bar->setOperator(u"olga"_s, u"operator"_s);
        bar->setLastSync(QDateTime(QDate::currentDate(), QTime(12, 4, 31)));
        bar->setOutboxCount(state == ConnectionState::Online ? 0 : 2);
    }

    void save(QWidget *widget, const QString &name)
    {
        widget->show();
        QVERIFY(QTest::qWaitForWindowExposed(widget));
        // Text set after show() changes sizes through posted layout requests; apply them before grabbing.
        QCoreApplication::sendPostedEvents();
        QCoreApplication::sendPostedEvents();
        const QString path = QDir(m_dir).filePath(u"shell-%1-%2.png"_s.arg(name, m_theme));
        const QImage image = widget->grab().toImage();
        QVERIFY(!image.isNull());
        QVERIFY2(image.save(path), qPrintable(path));
        QVERIFY(QFileInfo(path).size() > 1000);
    }

    QString m_dir;
    QString m_theme;
    double m_mainLightness[2] = {0, 0};
};

QTEST_MAIN(TestShellScreenshots)
#include "tst_shell_screenshots.moc"
