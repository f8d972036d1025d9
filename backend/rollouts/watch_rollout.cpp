// RolloutService.WatchRollout: snapshot, then coalesced updates.
//
// Each watcher has one thread that waits on the engine's per-rollout change counter (no polling of the
// database), reads the counters from a pooled read connection, and writes one message at a time. A slow
// client simply gets fewer, fuller messages: nothing queues up behind it.
#include "backend/rollouts/watch_rollout.h"

#include "backend/rollouts/rollout_engine.h"
#include "backend/rollouts/rollout_progress.h"
#include "backend/rollouts/rollout_repository.h"
#include "backend/services/unary_call.h"

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace otter::backend {
namespace {

constexpr auto MinInterval = std::chrono::milliseconds(250);

bool isOver(v1::RolloutState state)
{
    return state == v1::ROLLOUT_STATE_COMPLETED || state == v1::ROLLOUT_STATE_ABORTED;
}

// Deployments still under way: DOWNLOADING … REBOOTING and not cancelled. A cancelled deployment keeps
// (and is counted in) the state where it stopped, but it is no longer under way, so the counters alone
// cannot tell; asked only once the rollout is over.
Result<qint64> deploymentsUnderWay(SqliteConnection &connection, const QString &rolloutId)
{
    auto query =
        connection.prepare("SELECT COUNT(*) FROM deployments WHERE rollout_id = ? AND state BETWEEN ? "
                           "AND ? AND cancelled = 0");
    if (!query)
        return query.error();
    query->bind(1, rolloutId)
        .bind(2, int(v1::DEPLOYMENT_STATE_DOWNLOADING))
        .bind(3, int(v1::DEPLOYMENT_STATE_REBOOTING));
    if (!query->next())
        return query->error();
    return query->int64(0);
}

class WatchReactor final : public grpc::ServerWriteReactor<v1::WatchRolloutResponse>
{
public:
    WatchReactor(ServiceContext &context, RolloutEngine &engine, QString rolloutId)
        : m_context(context)
        , m_engine(engine)
        , m_rolloutId(std::move(rolloutId))
    {}

    void begin()
    {
        m_thread = std::thread([this] { run(); });
    }

    void OnWriteDone(bool ok) override
    {
        std::lock_guard lock(m_mutex);
        m_writing = false;
        if (!ok)
            m_cancelled = true;
        m_condition.notify_all();
    }

    void OnCancel() override
    {
        std::lock_guard lock(m_mutex);
        m_cancelled = true;
        m_condition.notify_all();
    }

    void OnDone() override
    {
        if (m_thread.joinable())
            m_thread.join();
        delete this;
    }

private:
    bool cancelled()
    {
        std::lock_guard lock(m_mutex);
        return m_cancelled;
    }

    // Sends one message and waits until gRPC has taken it (or the client went away).
    bool send(const v1::WatchRolloutResponse &message)
    {
        std::unique_lock lock(m_mutex);
        if (m_cancelled)
            return false;
        m_message = message;
        m_writing = true;
        StartWrite(&m_message);
        m_condition.wait(lock, [&] { return !m_writing || m_cancelled; });
        return !m_cancelled;
    }

    // Reads what changed since the last message. Returns false when the rollout vanished.
    Result<bool> read(v1::WatchRolloutResponse &message, bool snapshot, bool &over)
    {
        return m_context.database.read([&](SqliteConnection &connection) -> Result<bool> {
            auto rollout = loadRollout(connection, m_rolloutId);
            if (!rollout)
                return rollout.error();
            if (!rollout->has_value())
                return false;
            const v1::Rollout &current = **rollout;
            message.set_snapshot(snapshot);
            if (snapshot || current.revision() != m_lastRevision)
                *message.mutable_rollout() = current;
            m_lastRevision = current.revision();
            auto progress = loadProgress(connection, current, m_context.clock.now().toMSecsSinceEpoch());
            if (!progress)
                return progress.error();
            *message.mutable_progress() = *progress;
            auto events = loadEvents(connection, m_rolloutId, m_lastEventSeq, snapshot ? 1000 : 100000);
            if (!events)
                return events.error();
            for (const v1::RolloutEvent &event : *events) {
                *message.add_events() = event;
                m_lastEventSeq = event.seq();
            }
            over = false;
            if (isOver(current.state())) {
                auto underWay = deploymentsUnderWay(connection, m_rolloutId);
                if (!underWay)
                    return underWay.error();
                over = *underWay == 0;
            }
            return true;
        });
    }

    void run()
    {
        quint64 seen = m_engine.changeCount(m_rolloutId);
        bool snapshot = true;
        auto lastSent = std::chrono::steady_clock::now() - MinInterval;
        for (;;) {
            if (cancelled())
                return Finish(grpc::Status::CANCELLED);
            if (m_engine.stopping())
                return Finish(
                    grpc::Status(grpc::StatusCode::UNAVAILABLE, "the server is shutting down; reconnect"));
            v1::WatchRolloutResponse message;
            bool over = false;
            auto found = read(message, snapshot, over);
            if (!found)
                return Finish(
                    grpc::Status(grpc::StatusCode::UNAVAILABLE, found.errorMessage().toStdString()));
            if (!*found)
                return Finish(
                    grpc::Status(grpc::StatusCode::NOT_FOUND,
                                 QStringLiteral("rollout %1 does not exist").arg(m_rolloutId).toStdString()));
            // The periodic wake-up (below) finds nothing new most of the time: say nothing then.
            v1::RolloutProgress comparable = message.progress();
            comparable.clear_as_of();
            std::string progress = comparable.SerializeAsString();
            const bool unchanged = !snapshot && !message.has_rollout() && message.events_size() == 0 &&
                                   progress == m_lastProgress;
            if (!unchanged || over) {
                if (!send(message))
                    return Finish(grpc::Status::CANCELLED);
                lastSent = std::chrono::steady_clock::now();
                m_lastProgress = std::move(progress);
            }
            snapshot = false;
            if (over)
                return Finish(grpc::Status::OK);
            // Wait for the next change; soak times and windows move without reports, so wake every second
            // too.
            seen = m_engine.waitForChange(m_rolloutId, seen, 1000);
            const auto since = std::chrono::steady_clock::now() - lastSent;
            if (since < MinInterval) {
                std::unique_lock lock(m_mutex);
                m_condition.wait_for(lock, MinInterval - since, [&] { return m_cancelled; });
            }
            seen = m_engine.changeCount(m_rolloutId);
        }
    }

    ServiceContext &m_context;
    RolloutEngine &m_engine;
    QString m_rolloutId;
    std::thread m_thread;
    std::mutex m_mutex;
    std::condition_variable m_condition;
    bool m_writing = false;
    bool m_cancelled = false;
    v1::WatchRolloutResponse m_message;
    qint64 m_lastRevision = -1;
    qint64 m_lastEventSeq = 0;
    std::string m_lastProgress; // the last progress sent, without its as_of time
};

class RefusedWatch final : public grpc::ServerWriteReactor<v1::WatchRolloutResponse>
{
public:
    explicit RefusedWatch(const grpc::Status &status) { Finish(status); }
    void OnDone() override { delete this; }
};

} // namespace

grpc::ServerWriteReactor<v1::WatchRolloutResponse> *startWatchRollout(ServiceContext &context,
                                                                      RolloutEngine &engine,
                                                                      grpc::CallbackServerContext *call,
                                                                      const v1::WatchRolloutRequest &request)
{
    auto caller = context.auth.authenticateOperator(call, v1::ROLE_VIEWER, "WatchRollout");
    if (auto *error = std::get_if<ApiError>(&caller)) {
        auditRefusal(context, QStringLiteral("anonymous"), "WatchRollout", *error);
        return new RefusedWatch(toStatus(call, *error));
    }
    auto *reactor = new WatchReactor(context, engine, QString::fromStdString(request.rollout_id()));
    reactor->begin();
    return reactor;
}

} // namespace otter::backend
