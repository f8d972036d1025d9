// Console test fixture.
#include "console_fixture.h"

#include "core/certificate.h"
#include "ui/shell/main_window.h"

#include <QCoreApplication>
#include <QDir>
#include <QSettings>
#include <QWidget>

namespace otter::test {

ConsoleFixture::ConsoleFixture()
{
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
    QCoreApplication::setOrganizationName(QStringLiteral("OtterTest"));
    QCoreApplication::setApplicationName(QStringLiteral("otter-console"));
}

std::unique_ptr<console::ConsoleApp> ConsoleFixture::startConsole(const QString &operatorName)
{
    models::ServerProfile profile;
    profile.name = profile.address = m_otterd.address();
    profile.caPem = m_otterd.caPem();
    if (const auto certificate = inspectCertificate(profile.caPem))
        profile.caFingerprint = certificate->fingerprint;
    console::ConsoleOptions options;
    // Each operator has a cache of their own, as on separate workstations: two consoles in one test never
    // share a cache file.
    options.cacheDirectory = QDir(m_cacheDir.path()).filePath(operatorName);
    QDir().mkpath(options.cacheDirectory);
    options.server = profile;
    options.token = m_otterd.token(operatorName);
    options.backoffInitialMs = 100;
    options.backoffMaximumMs = 500;
    auto app = std::make_unique<console::ConsoleApp>(options);
    app->window()->resize(1280, 800);
    app->start();
    app->window()->show();
    return app;
}

bool saveScreenshot(QWidget *widget, const QString &name)
{
    const QString directory = qEnvironmentVariable("OTTER_SCREENSHOT_DIR", QDir::tempPath());
    QDir().mkpath(directory);
    return widget->grab().save(QDir(directory).filePath(name + QStringLiteral(".png")));
}

} // namespace otter::test
