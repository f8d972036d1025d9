// Validation of host:port addresses for the connection dialog.
#include "ui/dialogs/server_address.h"

#include <QCoreApplication>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace otter::ui {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("otter::ui::ServerAddress", text);
}

bool isHostName(const QString &host)
{
    // RFC 1123 labels: letters, digits and inner hyphens, 1–63 characters each, 253 in all.
    static const QRegularExpression label(u"^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$"_s);
    if (host.size() > 253)
        return false;
    const QStringList labels = host.split(u'.');
    for (const QString &part : labels) {
        if (!label.match(part).hasMatch())
            return false;
    }
    return true;
}

bool looksLikeIpv4(const QString &host)
{
    static const QRegularExpression digitsAndDots(u"^[0-9.]+$"_s);
    return digitsAndDots.match(host).hasMatch();
}

bool isIpv4(const QString &host)
{
    const QStringList parts = host.split(u'.');
    if (parts.size() != 4)
        return false;
    for (const QString &part : parts) {
        bool ok = false;
        const int value = part.toInt(&ok);
        if (!ok || part.isEmpty() || part.size() > 3 || value > 255)
            return false;
    }
    return true;
}

bool isIpv6(const QString &host)
{
    static const QRegularExpression shape(u"^[0-9A-Fa-f:.]+$"_s);
    return host.contains(u':') && shape.match(host).hasMatch() && host.count(u':') <= 7;
}

} // namespace

QString serverAddressProblem(const QString &input)
{
    const QString address = input.trimmed();
    if (address.isEmpty())
        return tr("Server address: enter the server as host:port, for example otter.example.com:8443.");
    if (address.contains(u"://"_s))
        return tr("Server address: leave out the scheme (such as https://); enter host:port only.");

    QString host;
    QString port;
    if (address.startsWith(u'[')) {
        const qsizetype close = address.indexOf(u']');
        if (close < 0)
            return tr("Server address: an IPv6 address needs a closing bracket, as in [::1]:8443.");
        host = address.mid(1, close - 1);
        if (address.mid(close + 1, 1) != u":"_s)
            return tr("Server address: add the port after the bracket, as in [::1]:8443.");
        port = address.mid(close + 2);
        if (!isIpv6(host))
            return tr("Server address: \"%1\" is not a valid IPv6 address.").arg(host);
    } else {
        const qsizetype colon = address.lastIndexOf(u':');
        if (colon < 0)
            return tr("Server address: add the port, as in %1:8443.").arg(address);
        host = address.left(colon);
        port = address.mid(colon + 1);
        if (host.contains(u':'))
            return tr("Server address: write an IPv6 address in brackets, as in [%1]:8443.").arg(host);
        if (host.isEmpty())
            return tr("Server address: the host name before \":%1\" is missing.").arg(port);
        if (looksLikeIpv4(host) ? !isIpv4(host) : !isHostName(host))
            return tr("Server address: \"%1\" is not a valid host name or IPv4 address.").arg(host);
    }
    bool ok = false;
    const int number = port.toInt(&ok);
    if (!ok || number < 1 || number > 65535 || port.startsWith(u'+'))
        return tr("Server address: the port must be a number from 1 to 65535 (got \"%1\").").arg(port);
    return {};
}

} // namespace otter::ui
