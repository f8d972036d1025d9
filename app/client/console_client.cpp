// The console's connection to otterd: connect, pin check, sign-in, reconnect with backoff.
#include "app/client/console_client.h"

#include "app/client/audit_calls.h"
#include "app/client/ca_probe.h"
#include "app/client/call_error.h"
#include "app/client/client_call.h"
#include "app/client/pin_policy.h"
#include "app/client/record_conversion.h"
#include "app/client/release_calls.h"
#include "app/client/rollout_calls.h"
#include "app/client/rollout_watch_calls.h"

#include "otter/v1/identity.grpc.pb.h"

#include <QLoggingCategory>

#include <chrono>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcClient, "otter.client")

namespace otter::client {

namespace {

constexpr int SignInDeadlineMs = 10000;
constexpr int MaxMessageBytes = 64 << 20;

} // namespace

ConsoleClient::ConsoleClient(QObject *parent)
    : QObject(parent)
    , m_mailbox(std::make_shared<CallMailbox>(this))
    , m_probe(new CaProbe(this))
    , m_releases(new ReleaseCalls(this))
    , m_rollouts(new RolloutCalls(this))
    , m_rolloutWatch(new RolloutWatchCalls(this))
    , m_audit(new AuditCalls(this))
    , m_retryTimer(this)
    , m_watchdog(this)
{
    qRegisterMetaType<ConnectionState>();
    qRegisterMetaType<models::ChangeBatch>();
    qRegisterMetaType<models::ServerProfile>();
    qRegisterMetaType<models::OutboxEntry>();
    qRegisterMetaType<QList<models::DeploymentRecord>>();
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, [this] {
        if (m_wanted)
            startAttempt(ConnectionState::Reconnecting, tr("trying %1 again").arg(m_profile.address));
    });
    m_watchdog.setSingleShot(true);
    m_watchdog.setInterval(75000);
    connect(&m_watchdog, &QTimer::timeout, this,
            [this] { connectionLost(tr("otterd at %1 stopped answering").arg(m_profile.address)); });
    connect(m_probe, &CaProbe::probed, this, &ConsoleClient::onProbed);
    connect(m_probe, &CaProbe::failed, this,
            [this](const QString &, const QString &message) { onProbeFailed(message); });
}

ConsoleClient::~ConsoleClient()
{
    // Nothing may be posted to this object any more; cancelled calls end quickly and only count down.
    m_mailbox->close();
    cancelCalls();
    if (!m_mailbox->waitIdle(std::chrono::seconds(10)))
        qCWarning(lcClient) << "gRPC calls still running at shutdown";
}

void ConsoleClient::connectTo(const models::ServerProfile &profile, const QString &token)
{
    QMetaObject::invokeMethod(
        this, [this, profile, token] { doConnect(profile, token); }, Qt::QueuedConnection);
}

void ConsoleClient::disconnectFromServer()
{
    QMetaObject::invokeMethod(
        this, [this] { doDisconnect(); }, Qt::QueuedConnection);
}

void ConsoleClient::setBackoff(int initialMs, int maximumMs)
{
    QMetaObject::invokeMethod(
        this,
        [this, initialMs, maximumMs] {
            m_initialBackoffMs = qMax(1, initialMs);
            m_maximumBackoffMs = qMax(m_initialBackoffMs, maximumMs);
            m_backoffMs = m_initialBackoffMs;
        },
        Qt::QueuedConnection);
}

void ConsoleClient::doConnect(const models::ServerProfile &profile, const QString &token)
{
    m_profile = profile;
    m_token = token.trimmed().toStdString();
    m_wanted = true;
    m_backoffMs = m_initialBackoffMs;
    if (profile.caPem.isEmpty()) {
        refuse(tr("No CA certificate is pinned for %1: confirm the server's CA fingerprint first.")
                   .arg(profile.address));
        return;
    }
    startAttempt(ConnectionState::Connecting, tr("connecting to %1").arg(profile.address));
}

void ConsoleClient::doDisconnect()
{
    m_wanted = false;
    m_retryTimer.stop();
    m_watchdog.stop();
    m_probe->abort();
    ++m_generation;
    cancelCalls();
    m_channel.reset();
    m_fetching = false;
    setState(ConnectionState::Offline, tr("disconnected"));
}

void ConsoleClient::startAttempt(ConnectionState state, const QString &detail)
{
    // A new generation: whatever the previous attempt or connection still answers is dropped.
    ++m_generation;
    cancelCalls();
    m_channel.reset();
    m_fetching = false;
    m_watchdog.stop();
    setState(state, detail);
    // The CA is checked before every connection so that a changed CA is reported as such, not as a
    // failed handshake. The gRPC channel trusts the pinned CA only, so an impostor fails TLS regardless.
    m_probe->probe(m_profile.address);
}

void ConsoleClient::onProbeFailed(const QString &message)
{
    if (m_wanted)
        scheduleRetry(message);
}

void ConsoleClient::onProbed(const ProbedCa &ca)
{
    if (!m_wanted)
        return;
    const PinVerdict verdict = checkPin(m_profile, ca);
    if (verdict.kind != PinVerdict::Match) {
        refuse(verdict.message);
        return;
    }
    grpc::SslCredentialsOptions options;
    options.pem_root_certs = m_profile.caPem.toStdString();
    grpc::ChannelArguments arguments;
    arguments.SetMaxReceiveMessageSize(MaxMessageBytes);
    // Our own backoff drives reconnection; the channel should not sit in a long one of its own.
    arguments.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 500);
    arguments.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 2000);
    m_channel =
        grpc::CreateCustomChannel(m_profile.address.toStdString(), grpc::SslCredentials(options), arguments);
    signIn();
}

void ConsoleClient::signIn()
{
    using Call = UnaryCall<v1::WhoAmIRequest, v1::WhoAmIResponse>;
    auto stub = v1::IdentityService::NewStub(m_channel);
    dispatch(
        std::make_shared<Call>(), SignInDeadlineMs,
        [&stub](Call *call, std::function<void(grpc::Status)> callback) {
            stub->async()->WhoAmI(&call->context, &call->request, &call->response, std::move(callback));
        },
        [this](const grpc::Status &status, Call &call) {
            if (!status.ok()) {
                const CallError error = describeFailure(status, call.context, m_profile.address);
                if (error.isTransient())
                    scheduleRetry(error.message);
                else
                    refuse(error.message);
                return;
            }
            m_backoffMs = m_initialBackoffMs;
            const QString name = QString::fromStdString(call.response.operator_name());
            const QString role = roleName(call.response.role()).toLower();
            setState(ConnectionState::Online, tr("signed in to %1 as %2").arg(m_profile.address, name));
            emit signedIn(name, role);
            m_serverRevision = call.response.current_revision();
            emit serverRevisionChanged(m_serverRevision);
            startWatch();
            if (m_pendingSince) {
                const qint64 since = *m_pendingSince;
                m_pendingSince.reset();
                fetchChanges(since, {});
            } else if (m_following) {
                fetchChanges(m_cursor, {});
            }
        });
}

void ConsoleClient::scheduleRetry(const QString &reason)
{
    ++m_generation;
    cancelCalls();
    m_channel.reset();
    m_fetching = false;
    m_watchdog.stop();
    const int delay = m_backoffMs;
    m_backoffMs = qMin(m_backoffMs * 2, m_maximumBackoffMs);
    setState(ConnectionState::Reconnecting,
             tr("%1; trying again in %2 s").arg(reason).arg(qMax(1, (delay + 500) / 1000)));
    m_retryTimer.start(delay);
}

void ConsoleClient::connectionLost(const QString &reason)
{
    if (m_wanted)
        scheduleRetry(reason);
}

void ConsoleClient::refuse(const QString &message)
{
    m_wanted = false;
    m_retryTimer.stop();
    m_watchdog.stop();
    m_probe->abort();
    ++m_generation;
    cancelCalls();
    m_channel.reset();
    m_fetching = false;
    setState(ConnectionState::Offline, message);
    emit connectionFailed(message);
}

void ConsoleClient::setState(ConnectionState state, const QString &detail)
{
    m_state = state;
    qCInfo(lcClient) << state << detail;
    emit stateChanged(state, detail);
}

void ConsoleClient::cancelCalls()
{
    for (const auto &weak : m_calls) {
        if (const auto context = weak.lock())
            context->TryCancel();
    }
    m_calls.clear();
}

void ConsoleClient::track(const std::shared_ptr<grpc::ClientContext> &context)
{
    std::erase_if(m_calls, [](const std::weak_ptr<grpc::ClientContext> &call) { return call.expired(); });
    m_calls.push_back(context);
}

void ConsoleClient::prepare(grpc::ClientContext &context, int deadlineMs) const
{
    if (deadlineMs > 0)
        context.set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(deadlineMs));
    context.AddMetadata("authorization", "Bearer " + m_token);
}

} // namespace otter::client
