// Runs a real otterd for integration tests: a temporary data directory, TLS on a free loopback port,
// one operator per role, and authenticated gRPC stubs over the real channel.
#pragma once

#include <QByteArray>
#include <QMap>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <grpcpp/grpcpp.h>

#include <memory>

namespace otter::test {

// Has `process` (not yet started) killed when this test process dies, however it dies — a timeout's
// SIGKILL or a crash included — so no server or simulated fleet outlives the test that started it.
void endWithTest(QProcess &process);

class OtterdHarness
{
public:
    OtterdHarness();
    ~OtterdHarness();

    // Creates operators (viewer "vera", operator "olga", approver "abe", admin "ada"; plus "oscar", a second
    // operator) and starts otterd. Returns false with a message in error() when otterd would not start.
    bool start(const QStringList &extraArgs = {});
    // SIGTERM and wait: a clean shutdown.
    bool stop();
    // SIGKILL: what a power cut or OOM kill does.
    void kill();
    bool restart(const QStringList &extraArgs = {});

    QString error() const { return m_error; }
    QString address() const { return m_address; }
    QString dataDir() const { return m_dir.path(); }
    QByteArray caPem() const;
    QString token(const QString &operatorName) const { return m_tokens.value(operatorName); }
    QString otterdPath() const;

    std::shared_ptr<grpc::Channel> channel() const;
    // A context with the operator's bearer token and a deadline (default 30 s).
    std::unique_ptr<grpc::ClientContext> as(const QString &operatorName, int deadlineMs = 30000) const;
    std::unique_ptr<grpc::ClientContext> anonymous(int deadlineMs = 30000) const;

    // Runs `otterd <args> --data-dir DIR` to completion (user/device administration); returns stdout.
    QByteArray admin(const QStringList &args, int *exitCode = nullptr) const;
    // Provisions devices dev-00000… with the given class/region and returns id → token.
    QMap<QString, QString> provision(int count, const QString &hardwareClass = QStringLiteral("gw-200"),
                                     const QString &region = QStringLiteral("eu-west"),
                                     const QString &labels = QStringLiteral("ring=canary"),
                                     int firstIndex = 0);

    // Stderr and stdout of the running (or last) otterd, for failure messages.
    QString log() const { return QString::fromLocal8Bit(m_log); }

private:
    bool launch(const QStringList &extraArgs);

    QTemporaryDir m_dir;
    std::unique_ptr<QProcess> m_process;
    QString m_address;
    QMap<QString, QString> m_tokens;
    QString m_error;
    QByteArray m_log;
    QStringList m_args;
};

} // namespace otter::test
