// otter-console: the operators' desktop console for Otter.
#include "app/console/console_app.h"
#include "app/console/quit_on_signal.h"
#include "app/console/screenshot_tour.h"
#include "core/certificate.h"
#include "core/large_buffers.h"
#include "otter_version.h"
#include "ui/shell/main_window.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFile>

#include <cstdio>

using namespace otter;

namespace {

// Reads a small file named on the command line, or says why it cannot.
std::optional<QByteArray> readOption(const QString &path, const char *what)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly) || file.size() > 1024 * 1024) {
        std::fprintf(stderr, "otter-console: cannot read the %s file %s\n", what, qPrintable(path));
        return std::nullopt;
    }
    return file.readAll();
}

} // namespace

int main(int argc, char *argv[])
{
    keepLargeBuffersInHeap(); // release uploads stream chunks of several MiB
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Otter"));
    QApplication::setApplicationName(QStringLiteral("otter-console"));
    QApplication::setApplicationDisplayName(QStringLiteral("Otter Console"));
    QApplication::setApplicationVersion(QStringLiteral(OTTER_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("otter-console"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Otter Console: staged firmware rollouts for device fleets."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption server(QStringLiteral("server"),
                                    QStringLiteral("Connect to otterd at host:port."),
                                    QStringLiteral("address"));
    const QCommandLineOption ca(QStringLiteral("ca"),
                                QStringLiteral("The server's CA certificate (PEM), pinned without asking."),
                                QStringLiteral("file"));
    const QCommandLineOption tokenFile(QStringLiteral("token-file"),
                                       QStringLiteral("Read the operator token from a file."),
                                       QStringLiteral("file"));
    const QCommandLineOption cacheDir(QStringLiteral("cache-dir"),
                                      QStringLiteral("Directory of the offline caches."),
                                      QStringLiteral("dir"));
    const QCommandLineOption screenshots(
        QStringLiteral("screenshots"),
        QStringLiteral(
            "Show each page in turn and save it as PNG in <dir> (for machines without a display)."),
        QStringLiteral("dir"));
    parser.addOptions({server, ca, tokenFile, cacheDir, screenshots});
    parser.process(app);

    console::ConsoleOptions options;
    options.cacheDirectory = parser.value(cacheDir);
    if (parser.isSet(server)) {
        if (!parser.isSet(ca) || !parser.isSet(tokenFile)) {
            std::fprintf(stderr, "otter-console: --server needs --ca and --token-file\n");
            return 2;
        }
        const auto caPem = readOption(parser.value(ca), "CA");
        const auto token = readOption(parser.value(tokenFile), "token");
        if (!caPem || !token)
            return 2;
        const auto certificate = inspectCertificate(*caPem);
        if (!certificate) {
            std::fprintf(stderr, "otter-console: %s: %s\n", qPrintable(parser.value(ca)),
                         qPrintable(certificate.errorMessage()));
            return 2;
        }
        models::ServerProfile profile;
        profile.name = profile.address = parser.value(server);
        profile.caPem = *caPem;
        profile.caFingerprint = certificate->fingerprint;
        options.server = profile;
        options.token = QString::fromUtf8(*token).trimmed();
    }

    console::ConsoleApp console(options);
    console::quitOnTerminationSignals(&console);
    console.start();
    console.window()->show();
    if (parser.isSet(screenshots)) {
        console.window()->resize(1280, 800);
        new console::ScreenshotTour(console.window(), parser.value(screenshots), 3000, &console);
    }
    return QApplication::exec();
}
