// RolloutCalls: Rollout pre-flight and actions.
#include "app/client/rollout_calls.h"

#include "app/client/call_error.h"
#include "app/client/client_call.h"
#include "app/client/console_client.h"
#include "app/client/record_conversion.h"
#include "app/client/rollout_call_messages.h"

#include "otter/v1/rollouts.grpc.pb.h"

namespace otter::client {
namespace {

constexpr int PreviewDeadlineMs = 30000;
constexpr int ActionDeadlineMs = 30000;

models::RolloutPreviewRecord toPreview(const v1::PreviewRolloutResponse &response)
{
    models::RolloutPreviewRecord preview;
    preview.targetedDevices = qint64(response.targeted_devices());
    preview.eligibleDevices = qint64(response.eligible_devices());
    for (const auto &stage : response.stages())
        preview.stages.append({int(stage.index()), int(stage.cumulative_percent()),
                               qint64(stage.device_count()), qint64(stage.cumulative_device_count())});
    for (const auto &skipped : response.skipped()) {
        models::SkippedDevicesRecord record;
        record.reason = QString::fromStdString(v1::SkipReason_Name(skipped.reason()));
        record.reason.remove(QStringLiteral("SKIP_REASON_"));
        record.count = qint64(skipped.count());
        for (const auto &id : skipped.sample_device_ids())
            record.sampleDeviceIds.append(QString::fromStdString(id));
        preview.skipped.append(record);
    }
    if (response.has_first_window_opening())
        preview.firstWindowOpening = toDateTime(response.first_window_opening());
    preview.estimatedSeconds = response.estimated_duration().seconds();
    for (const auto &warning : response.warnings())
        preview.warnings.append(QString::fromStdString(warning));
    return preview;
}

template<typename Request>
void setText(Request &request, const std::string &text)
{
    if constexpr (requires { request.set_reason(text); })
        request.set_reason(text);
    else
        request.set_comment(text);
}

} // namespace

RolloutCalls::RolloutCalls(ConsoleClient *client)
    : QObject(client)
    , m_client(client)
{
    qRegisterMetaType<models::RolloutPreviewRecord>();
    qRegisterMetaType<models::RolloutAction>();
    qRegisterMetaType<models::RolloutRecord>();
}

void RolloutCalls::preview(const QString &rolloutId, quint64 tag)
{
    QMetaObject::invokeMethod(
        this, [this, rolloutId, tag] { doPreview(rolloutId, std::nullopt, tag); }, Qt::QueuedConnection);
}

void RolloutCalls::previewDraft(const models::RolloutRecord &draft, quint64 tag)
{
    QMetaObject::invokeMethod(
        this, [this, draft, tag] { doPreview({}, draft, tag); }, Qt::QueuedConnection);
}

void RolloutCalls::act(models::RolloutAction action, const QString &rolloutId, qint64 expectedRevision,
                       const QString &text)
{
    QMetaObject::invokeMethod(
        this, [=, this] { doAct(action, rolloutId, expectedRevision, text); }, Qt::QueuedConnection);
}

void RolloutCalls::submit(const QString &rolloutId, qint64 expectedRevision, const QString &comment)
{
    act(models::RolloutAction::Submit, rolloutId, expectedRevision, comment);
}

void RolloutCalls::approve(const QString &rolloutId, qint64 expectedRevision, const QString &comment)
{
    act(models::RolloutAction::Approve, rolloutId, expectedRevision, comment);
}

void RolloutCalls::reject(const QString &rolloutId, qint64 expectedRevision, const QString &comment)
{
    act(models::RolloutAction::Reject, rolloutId, expectedRevision, comment);
}

void RolloutCalls::start(const QString &rolloutId, qint64 expectedRevision, const QString &comment)
{
    act(models::RolloutAction::Start, rolloutId, expectedRevision, comment);
}

void RolloutCalls::pause(const QString &rolloutId, qint64 expectedRevision, const QString &reason)
{
    act(models::RolloutAction::Pause, rolloutId, expectedRevision, reason);
}

void RolloutCalls::resume(const QString &rolloutId, qint64 expectedRevision, const QString &comment)
{
    act(models::RolloutAction::Resume, rolloutId, expectedRevision, comment);
}

void RolloutCalls::abort(const QString &rolloutId, qint64 expectedRevision, const QString &reason)
{
    act(models::RolloutAction::Abort, rolloutId, expectedRevision, reason);
}

void RolloutCalls::doPreview(const QString &rolloutId, const std::optional<models::RolloutRecord> &draft,
                             quint64 tag)
{
    if (!m_client->isOnline()) {
        emit previewFailed(tag, tr("The pre-flight needs a connection to otterd: it counts the devices the "
                                   "server knows now."));
        return;
    }
    using Call = UnaryCall<v1::PreviewRolloutRequest, v1::PreviewRolloutResponse>;
    auto call = std::make_shared<Call>();
    if (draft)
        *call->request.mutable_draft() = toProto(*draft);
    else
        call->request.set_rollout_id(rolloutId.toStdString());
    auto stub = v1::RolloutService::NewStub(m_client->channel());
    m_client->dispatch(
        call, PreviewDeadlineMs,
        [&stub](Call *c, std::function<void(grpc::Status)> f) {
            stub->async()->PreviewRollout(&c->context, &c->request, &c->response, std::move(f));
        },
        [this, tag](const grpc::Status &status, Call &c) {
            if (status.ok())
                emit previewReady(tag, toPreview(c.response));
            else
                emit previewFailed(tag,
                                   describeFailure(status, c.context, m_client->serverAddress()).message);
        });
}

template<typename Request, typename Response, typename Launch>
void RolloutCalls::runAction(models::RolloutAction action, const QString &rolloutId, qint64 expectedRevision,
                             const QString &text, Launch launch)
{
    using Call = UnaryCall<Request, Response>;
    auto call = std::make_shared<Call>();
    call->request.set_rollout_id(rolloutId.toStdString());
    call->request.set_expected_revision(expectedRevision);
    setText(call->request, text.toStdString());
    auto stub = std::shared_ptr<v1::RolloutService::Stub>(v1::RolloutService::NewStub(m_client->channel()));
    m_client->dispatch(
        call, ActionDeadlineMs,
        [stub, launch](Call *c, std::function<void(grpc::Status)> f) { launch(*stub, c, std::move(f)); },
        [this, action, rolloutId](const grpc::Status &status, Call &c) {
            if (status.ok()) {
                emit actionSucceeded(action, toRecord(c.response.rollout()));
                return;
            }
            const CallError error = describeFailure(status, c.context, m_client->serverAddress());
            emit actionFailed(action, rolloutId, explainRolloutFailure(action, rolloutId, error),
                              failureReasonName(error));
        });
}

void RolloutCalls::doAct(models::RolloutAction action, const QString &rolloutId, qint64 expectedRevision,
                         const QString &text)
{
    using models::RolloutAction;
    if (!m_client->isOnline()) {
        emit actionFailed(action, rolloutId,
                          tr("Cannot %1 rollout '%2' while offline: it needs a connection to otterd.")
                              .arg(models::actionVerb(action), rolloutId),
                          {});
        return;
    }
    using Stub = v1::RolloutService::Stub;
    using F = std::function<void(grpc::Status)>;
    switch (action) {
    case RolloutAction::Submit:
        runAction<v1::SubmitRolloutRequest, v1::SubmitRolloutResponse>(
            action, rolloutId, expectedRevision, text, [](Stub &s, auto *c, F f) {
                s.async()->SubmitRollout(&c->context, &c->request, &c->response, std::move(f));
            });
        break;
    case RolloutAction::Approve:
        runAction<v1::ApproveRolloutRequest, v1::ApproveRolloutResponse>(
            action, rolloutId, expectedRevision, text, [](Stub &s, auto *c, F f) {
                s.async()->ApproveRollout(&c->context, &c->request, &c->response, std::move(f));
            });
        break;
    case RolloutAction::Reject:
        runAction<v1::RejectRolloutRequest, v1::RejectRolloutResponse>(
            action, rolloutId, expectedRevision, text, [](Stub &s, auto *c, F f) {
                s.async()->RejectRollout(&c->context, &c->request, &c->response, std::move(f));
            });
        break;
    case RolloutAction::Start:
        runAction<v1::StartRolloutRequest, v1::StartRolloutResponse>(
            action, rolloutId, expectedRevision, text, [](Stub &s, auto *c, F f) {
                s.async()->StartRollout(&c->context, &c->request, &c->response, std::move(f));
            });
        break;
    case RolloutAction::Pause:
        runAction<v1::PauseRolloutRequest, v1::PauseRolloutResponse>(
            action, rolloutId, expectedRevision, text, [](Stub &s, auto *c, F f) {
                s.async()->PauseRollout(&c->context, &c->request, &c->response, std::move(f));
            });
        break;
    case RolloutAction::Resume:
        runAction<v1::ResumeRolloutRequest, v1::ResumeRolloutResponse>(
            action, rolloutId, expectedRevision, text, [](Stub &s, auto *c, F f) {
                s.async()->ResumeRollout(&c->context, &c->request, &c->response, std::move(f));
            });
        break;
    case RolloutAction::Abort:
        runAction<v1::AbortRolloutRequest, v1::AbortRolloutResponse>(
            action, rolloutId, expectedRevision, text, [](Stub &s, auto *c, F f) {
                s.async()->AbortRollout(&c->context, &c->request, &c->response, std::move(f));
            });
        break;
    }
}

} // namespace otter::client
