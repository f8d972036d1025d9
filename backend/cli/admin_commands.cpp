// otterd user … and otterd device …: account and device administration on the data directory.
#include "backend/cli/commands.h"
#include "backend/server/otter_server.h"
#include "backend/storage/device_provisioning.h"
#include "backend/storage/operator_accounts.h"
#include "core/atomic_file.h"

#include <QCommandLineParser>

#include <cstdio>
#include <unistd.h>

namespace otter::backend::cli {
namespace {

const QString LocalAdmin = QStringLiteral("local-admin");

QCommandLineOption dataDirOption()
{
    return QCommandLineOption(QStringLiteral("data-dir"),
                              QStringLiteral("Data directory (default /var/lib/otter)."),
                              QStringLiteral("dir"), QStringLiteral("/var/lib/otter"));
}

} // namespace

void printOut(const QString &text)
{
    std::fputs(text.toLocal8Bit().constData(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

void printError(const QString &text)
{
    std::fputs(text.toLocal8Bit().constData(), stderr);
    std::fputc('\n', stderr);
}

int runUser(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("otterd user add NAME --role ROLE: create an operator (or give an "
                       "existing one a new token and role) and print the token once.\n"
                       "otterd user list: list operators and their roles."));
    parser.addHelpOption();
    const QCommandLineOption role(QStringLiteral("role"),
                                  QStringLiteral("viewer, operator, approver or admin."),
                                  QStringLiteral("role"));
    parser.addOptions({role, dataDirOption()});
    parser.addPositionalArgument(QStringLiteral("action"), QStringLiteral("add or list"));
    parser.process(arguments);
    const QStringList positional = parser.positionalArguments();
    const QString action = positional.value(0);
    auto database = openDataDirectory(parser.value(QStringLiteral("data-dir")));
    if (!database) {
        printError(QStringLiteral("otterd user: %1").arg(database.errorMessage()));
        return 1;
    }
    if (action == QLatin1StringView("list") && positional.size() == 1) {
        auto accounts = listOperators(**database);
        if (!accounts) {
            printError(QStringLiteral("otterd user list: %1").arg(accounts.errorMessage()));
            return 1;
        }
        for (const OperatorAccount &account : *accounts)
            printOut(QStringLiteral("%1\t%2").arg(account.name, roleName(account.role)));
        return 0;
    }
    if (action != QLatin1StringView("add") || positional.size() != 2 || !parser.isSet(role)) {
        printError(
            QStringLiteral("otterd user: usage: otterd user add NAME --role viewer|operator|approver|admin"));
        return 2;
    }
    const auto parsedRole = roleFromName(parser.value(role));
    if (!parsedRole) {
        printError(QStringLiteral("otterd user add: unknown role \"%1\" (viewer, operator, approver, admin)")
                       .arg(parser.value(role)));
        return 2;
    }
    auto token = addOperator(**database, positional[1], *parsedRole, LocalAdmin);
    if (!token) {
        printError(QStringLiteral("otterd user add: %1").arg(token.errorMessage()));
        return 1;
    }
    printOut(*token);
    if (isatty(STDOUT_FILENO))
        printError(
            QStringLiteral("otterd: the token above is shown only once; the server keeps only its hash."));
    return 0;
}

int runDevice(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "otterd device provision: register devices and print their credentials (id,token CSV) once.\n"
        "One device: --id ID --hardware-class C [--region R] [--label key=value]…\n"
        "Many: --csv FILE with the header id,hardware_class,region,labels (labels as key=value;key=value)."));
    parser.addHelpOption();
    const QCommandLineOption id(QStringLiteral("id"), QStringLiteral("Device id."), QStringLiteral("id"));
    const QCommandLineOption hardwareClass(QStringLiteral("hardware-class"),
                                           QStringLiteral("Hardware class."), QStringLiteral("class"));
    const QCommandLineOption region(QStringLiteral("region"), QStringLiteral("Region."),
                                    QStringLiteral("region"));
    const QCommandLineOption label(QStringLiteral("label"),
                                   QStringLiteral("A label key=value; repeat as needed."),
                                   QStringLiteral("key=value"));
    const QCommandLineOption csv(QStringLiteral("csv"),
                                 QStringLiteral("Provision every device listed in FILE."),
                                 QStringLiteral("file"));
    const QCommandLineOption out(QStringLiteral("out"),
                                 QStringLiteral("Write the id,token CSV to FILE (mode 600) "
                                                "instead of standard output."),
                                 QStringLiteral("file"));
    parser.addOptions({id, hardwareClass, region, label, csv, out, dataDirOption()});
    parser.addPositionalArgument(QStringLiteral("action"), QStringLiteral("provision"));
    parser.process(arguments);
    if (parser.positionalArguments() != QStringList{QStringLiteral("provision")} ||
        parser.isSet(csv) == parser.isSet(id)) {
        printError(QStringLiteral(
            "otterd device: usage: otterd device provision (--id ID --hardware-class C | --csv FILE)"));
        return 2;
    }
    QList<DeviceProvision> devices;
    if (parser.isSet(csv)) {
        auto bytes = readSmallFile(parser.value(csv), qint64(1) << 30);
        if (!bytes) {
            printError(QStringLiteral("otterd device provision: %1").arg(bytes.errorMessage()));
            return 1;
        }
        auto parsed = parseProvisioningCsv(*bytes);
        if (!parsed) {
            printError(QStringLiteral("otterd device provision: %1: %2")
                           .arg(parser.value(csv), parsed.errorMessage()));
            return 1;
        }
        devices = *parsed;
    } else {
        DeviceProvision device{parser.value(id), parser.value(hardwareClass), parser.value(region), {}};
        for (const QString &pair : parser.values(label)) {
            const qsizetype eq = pair.indexOf(u'=');
            if (eq <= 0) {
                printError(
                    QStringLiteral("otterd device provision: label \"%1\" must be key=value").arg(pair));
                return 2;
            }
            device.labels.insert(pair.left(eq), pair.mid(eq + 1));
        }
        devices.append(device);
    }
    auto database = openDataDirectory(parser.value(QStringLiteral("data-dir")));
    if (!database) {
        printError(QStringLiteral("otterd device provision: %1").arg(database.errorMessage()));
        return 1;
    }
    auto credentials = provisionDevices(**database, devices, LocalAdmin);
    if (!credentials) {
        printError(QStringLiteral("otterd device provision: %1").arg(credentials.errorMessage()));
        return 1;
    }
    QByteArray text = "id,token\n";
    for (const DeviceCredential &credential : *credentials)
        text += credential.id.toUtf8() + ',' + credential.token.toUtf8() + '\n';
    if (parser.isSet(out)) {
        if (auto ok = writeFileAtomically(parser.value(out), text,
                                          QFileDevice::ReadOwner | QFileDevice::WriteOwner);
            !ok) {
            printError(QStringLiteral("otterd device provision: %1").arg(ok.errorMessage()));
            return 1;
        }
        printOut(QStringLiteral("provisioned %1 devices; credentials in %2")
                     .arg(credentials->size())
                     .arg(parser.value(out)));
    } else {
        std::fwrite(text.constData(), 1, size_t(text.size()), stdout);
    }
    return 0;
}

} // namespace otter::backend::cli
