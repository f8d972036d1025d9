// A real console against a real otterd: isolated settings and cache directory, the server's CA pinned, an
// operator's token, and screenshots of what the operator would see.
#pragma once

#include "app/console/console_app.h"
#include "otterd_harness.h"

#include <QTemporaryDir>

#include <memory>

namespace otter::test {

class ConsoleFixture
{
public:
    // Points QSettings at a temporary directory: tests never read or write the machine's settings.
    ConsoleFixture();

    OtterdHarness &otterd() { return m_otterd; }
    QString cacheDirectory() const { return m_cacheDir.path(); }

    // A console connected (pinned CA, token) as `operatorName`, with its own cache directory under
    // cacheDirectory(); reconnect backoff kept short. Several may run at once.
    std::unique_ptr<console::ConsoleApp> startConsole(const QString &operatorName);

private:
    QTemporaryDir m_settingsDir;
    QTemporaryDir m_cacheDir;
    OtterdHarness m_otterd;
};

// Grabs a widget to <OTTER_SCREENSHOT_DIR>/<name>.png (the build tree); false when it could not be written.
bool saveScreenshot(QWidget *widget, const QString &name);

} // namespace otter::test
