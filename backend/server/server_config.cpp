// otterd's settings: defaults, then a configuration file, then command-line flags.
#include "backend/server/server_config.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>

namespace otter::backend {
namespace {

struct OptionSpec
{
    const char *name;
    const char *value;
    const char *help;
};

// One table drives --help, the config file keys and the flags: they cannot drift apart.
const OptionSpec Specs[] = {
    {"listen", "address", "Address to listen on, host:port (default 127.0.0.1:7443)."},
    {"data-dir", "dir", "Data directory: database, artifacts, TLS material (default /var/lib/otter)."},
    {"tls-name", "name", "Extra DNS name or IP address for the server certificate; repeat as needed."},
    {"max-message-bytes", "n", "Largest single gRPC message accepted (default 8 MiB)."},
    {"max-upload-bytes", "n", "Largest release upload accepted (default 4 GiB)."},
    {"download-chunk-bytes", "n", "Size of image chunks streamed to devices (default 256 KiB)."},
    {"max-page-size", "n", "Largest page a List call returns (default 1000)."},
    {"check-in-interval", "seconds", "Check-in interval suggested to devices (default 60)."},
    {"max-concurrent-downloads", "n", "Devices allowed to download at once (default 500)."},
    {"log-level", "level", "debug, info, warning or error (default info)."},
    {"shutdown-grace", "seconds", "How long running calls may finish on SIGTERM (default 10)."},
    {"clock-offset-file", "file",
     "Testing only: shift the server's clock by the milliseconds written in <file>."},
};

Result<qint64> positive(const QString &name, const QString &text)
{
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    if (!ok || value <= 0)
        return makeError(ErrorKind::InvalidInput,
                         QStringLiteral("%1 must be a positive whole number, not \"%2\"").arg(name, text));
    return value;
}

Result<void> apply(ServerConfig &config, const QString &name, const QStringList &values)
{
    const QString value = values.isEmpty() ? QString() : values.last();
    auto number = [&](auto &target) -> Result<void> {
        auto parsed = positive(name, value);
        if (!parsed)
            return parsed.error();
        target = std::remove_reference_t<decltype(target)>(*parsed);
        return {};
    };
    if (name == QLatin1StringView("listen"))
        config.listen = value;
    else if (name == QLatin1StringView("data-dir"))
        config.dataDir = value;
    else if (name == QLatin1StringView("clock-offset-file"))
        config.clockOffsetFile = value;
    else if (name == QLatin1StringView("tls-name"))
        config.tlsNames += values;
    else if (name == QLatin1StringView("max-message-bytes"))
        return number(config.maxMessageBytes);
    else if (name == QLatin1StringView("max-upload-bytes"))
        return number(config.maxUploadBytes);
    else if (name == QLatin1StringView("download-chunk-bytes"))
        return number(config.downloadChunkBytes);
    else if (name == QLatin1StringView("max-page-size"))
        return number(config.maxPageSize);
    else if (name == QLatin1StringView("check-in-interval"))
        return number(config.checkInIntervalSeconds);
    else if (name == QLatin1StringView("max-concurrent-downloads"))
        return number(config.maxConcurrentDownloads);
    else if (name == QLatin1StringView("shutdown-grace"))
        return number(config.shutdownGraceSeconds);
    else if (name == QLatin1StringView("log-level")) {
        static const QStringList levels{QStringLiteral("debug"), QStringLiteral("info"),
                                        QStringLiteral("warning"), QStringLiteral("error")};
        if (!levels.contains(value))
            return makeError(
                ErrorKind::InvalidInput,
                QStringLiteral("log-level must be one of %1").arg(levels.join(QStringLiteral(", "))));
        config.logLevel = value;
    } else {
        return makeError(ErrorKind::InvalidInput, QStringLiteral("unknown setting \"%1\"").arg(name));
    }
    return {};
}

} // namespace

QString ServerConfig::databasePath() const
{
    return QDir(dataDir).filePath(QStringLiteral("otterd.sqlite"));
}

QString ServerConfig::artifactDir() const
{
    return QDir(dataDir).filePath(QStringLiteral("artifacts"));
}

QString ServerConfig::uploadDir() const
{
    return QDir(dataDir).filePath(QStringLiteral("uploads"));
}

QString ServerConfig::tlsDir() const
{
    return QDir(dataDir).filePath(QStringLiteral("tls"));
}

void addServerOptions(QCommandLineParser &parser)
{
    for (const OptionSpec &spec : Specs)
        parser.addOption(QCommandLineOption(QString::fromLatin1(spec.name), QString::fromLatin1(spec.help),
                                            QString::fromLatin1(spec.value)));
    parser.addOption(
        QCommandLineOption(QStringLiteral("config"),
                           QStringLiteral("Configuration file (INI: one 'name = value' per setting "
                                          "above). Default: <data-dir>/otterd.conf if present."),
                           QStringLiteral("file")));
    parser.addOption(QCommandLineOption(QStringLiteral("insecure"),
                                        QStringLiteral("Serve plaintext gRPC without TLS. Only for local "
                                                       "experiments: tokens travel in the clear.")));
}

Result<ServerConfig> loadServerConfig(const QCommandLineParser &parser)
{
    ServerConfig config;
    if (parser.isSet(QStringLiteral("data-dir")))
        config.dataDir = parser.value(QStringLiteral("data-dir"));
    QString file = parser.value(QStringLiteral("config"));
    if (file.isEmpty() && QFileInfo::exists(QDir(config.dataDir).filePath(QStringLiteral("otterd.conf"))))
        file = QDir(config.dataDir).filePath(QStringLiteral("otterd.conf"));
    if (!file.isEmpty()) {
        if (!QFileInfo(file).isReadable())
            return makeError(ErrorKind::NotFound,
                             QStringLiteral("cannot read the configuration file %1").arg(file));
        QSettings settings(file, QSettings::IniFormat);
        for (const QString &key : settings.allKeys()) {
            // QSettings knows only ';' comments; administrators write '#' as in every other file in /etc.
            if (key.startsWith(u'#'))
                continue;
            const QVariant value = settings.value(key);
            const QStringList values = value.typeId() == QMetaType::QStringList
                                           ? value.toStringList()
                                           : QStringList{value.toString()};
            if (key == QLatin1StringView("insecure")) {
                config.insecure = value.toBool();
                continue;
            }
            if (auto ok = apply(config, key, values); !ok)
                return makeError(ErrorKind::InvalidInput,
                                 QStringLiteral("%1: %2").arg(file, ok.error().message));
        }
    }
    for (const OptionSpec &spec : Specs) {
        const QString name = QString::fromLatin1(spec.name);
        if (parser.isSet(name)) {
            if (auto ok = apply(config, name, parser.values(name)); !ok)
                return ok.error();
        }
    }
    if (parser.isSet(QStringLiteral("insecure")))
        config.insecure = true;
    return config;
}

} // namespace otter::backend
