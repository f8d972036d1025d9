// Runs a real otterd for integration tests.
#include "otterd_harness.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QRegularExpression>

#include <chrono>
#include <csignal>

#include <sys/prctl.h>

namespace otter::test {

void endWithTest(QProcess &process)
{
    // The signal follows the thread that started the child: tests start their servers on the main thread.
    process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
}

OtterdHarness::OtterdHarness() = default;

OtterdHarness::~OtterdHarness()
{
    stop();
}

QString OtterdHarness::otterdPath() const
{
    return qEnvironmentVariable("OTTERD", QStringLiteral("otterd"));
}

QByteArray OtterdHarness::admin(const QStringList &args, int *exitCode) const
{
    QProcess process;
    process.start(otterdPath(), args + QStringList{QStringLiteral("--data-dir"), m_dir.path()});
    process.waitForFinished(120000);
    if (exitCode)
        *exitCode = process.exitCode();
    return process.readAllStandardOutput();
}

bool OtterdHarness::start(const QStringList &extraArgs)
{
    if (!m_dir.isValid()) {
        m_error = QStringLiteral("cannot create a temporary directory");
        return false;
    }
    const QList<std::pair<QString, QString>> operators{{QStringLiteral("vera"), QStringLiteral("viewer")},
                                                       {QStringLiteral("olga"), QStringLiteral("operator")},
                                                       {QStringLiteral("oscar"), QStringLiteral("operator")},
                                                       {QStringLiteral("abe"), QStringLiteral("approver")},
                                                       {QStringLiteral("ada"), QStringLiteral("admin")}};
    for (const auto &[name, role] : operators) {
        int code = -1;
        const QByteArray token =
            admin({QStringLiteral("user"), QStringLiteral("add"), name, QStringLiteral("--role"), role},
                  &code)
                .trimmed();
        if (code != 0 || token.isEmpty()) {
            m_error = QStringLiteral("otterd user add %1 failed").arg(name);
            return false;
        }
        m_tokens.insert(name, QString::fromLatin1(token));
    }
    return launch(extraArgs);
}

bool OtterdHarness::launch(const QStringList &extraArgs)
{
    m_args = extraArgs;
    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    endWithTest(*m_process);
    // Reuse the port of the previous run on restart, so clients reconnect to the same address.
    const QString listen = m_address.isEmpty() ? QStringLiteral("127.0.0.1:0") : m_address;
    m_process->start(otterdPath(),
                     QStringList{QStringLiteral("--data-dir"), m_dir.path(), QStringLiteral("--listen"),
                                 listen, QStringLiteral("--shutdown-grace"), QStringLiteral("5")} +
                         extraArgs);
    static const QRegularExpression serving(QStringLiteral("serving .* on (\\S+)"));
    QDeadlineTimer deadline(60000);
    m_log.clear();
    while (!deadline.hasExpired()) {
        if (!m_process->waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime())))) {
            if (m_process->state() == QProcess::NotRunning)
                break;
            continue;
        }
        m_log += m_process->readAll();
        const auto match = serving.match(QString::fromLocal8Bit(m_log));
        if (match.hasMatch()) {
            m_address = match.captured(1);
            return true;
        }
    }
    m_log += m_process->readAll();
    m_error = QStringLiteral("otterd did not start: %1").arg(QString::fromLocal8Bit(m_log));
    return false;
}

bool OtterdHarness::stop()
{
    if (!m_process || m_process->state() == QProcess::NotRunning)
        return true;
    m_process->terminate();
    const bool stopped = m_process->waitForFinished(30000);
    m_log += m_process->readAll();
    return stopped && m_process->exitStatus() == QProcess::NormalExit && m_process->exitCode() == 0;
}

void OtterdHarness::kill()
{
    if (!m_process)
        return;
    m_process->kill();
    m_process->waitForFinished(30000);
    m_log += m_process->readAll();
}

bool OtterdHarness::restart(const QStringList &extraArgs)
{
    stop();
    return launch(extraArgs.isEmpty() ? m_args : extraArgs);
}

QByteArray OtterdHarness::caPem() const
{
    QFile file(m_dir.filePath(QStringLiteral("tls/ca.pem")));
    file.open(QIODevice::ReadOnly);
    return file.readAll();
}

std::shared_ptr<grpc::Channel> OtterdHarness::channel() const
{
    grpc::SslCredentialsOptions options;
    options.pem_root_certs = caPem().toStdString();
    grpc::ChannelArguments arguments;
    arguments.SetMaxReceiveMessageSize(64 << 20);
    return grpc::CreateCustomChannel(m_address.toStdString(), grpc::SslCredentials(options), arguments);
}

std::unique_ptr<grpc::ClientContext> OtterdHarness::anonymous(int deadlineMs) const
{
    auto context = std::make_unique<grpc::ClientContext>();
    context->set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(deadlineMs));
    return context;
}

std::unique_ptr<grpc::ClientContext> OtterdHarness::as(const QString &operatorName, int deadlineMs) const
{
    auto context = anonymous(deadlineMs);
    context->AddMetadata("authorization", "Bearer " + token(operatorName).toStdString());
    return context;
}

QMap<QString, QString> OtterdHarness::provision(int count, const QString &hardwareClass,
                                                const QString &region, const QString &labels, int firstIndex)
{
    QByteArray csv = "id,hardware_class,region,labels\n";
    for (int i = 0; i < count; ++i)
        csv += QStringLiteral("dev-%1,%2,%3,%4\n")
                   .arg(firstIndex + i, 5, 10, QLatin1Char('0'))
                   .arg(hardwareClass, region, labels)
                   .toUtf8();
    const QString path = m_dir.filePath(QStringLiteral("provision-%1.csv").arg(firstIndex));
    QFile file(path);
    file.open(QIODevice::WriteOnly | QIODevice::Truncate);
    file.write(csv);
    file.close();
    const QByteArray out =
        admin({QStringLiteral("device"), QStringLiteral("provision"), QStringLiteral("--csv"), path});
    QMap<QString, QString> tokens;
    for (const QByteArray &line : out.split('\n')) {
        const QList<QByteArray> fields = line.split(',');
        if (fields.size() == 2 && fields[0] != "id")
            tokens.insert(QString::fromUtf8(fields[0]), QString::fromUtf8(fields[1]));
    }
    return tokens;
}

} // namespace otter::test
