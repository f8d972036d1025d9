// RolloutCalls: Rollout pre-flight and actions: preview, submit, approve, reject, start, pause, resume,
// abort. A child of ConsoleClient on the client thread; public methods may be called from any thread.
#pragma once

#include "models/records.h"
#include "models/rollout_preview.h"
#include "models/rollout_rules.h"

#include <QObject>

namespace otter::client {

class ConsoleClient;

class RolloutCalls final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RolloutCalls)

public:
    explicit RolloutCalls(ConsoleClient *client);

    // Pre-flight of a stored rollout (DRAFT, PENDING_APPROVAL or APPROVED) or of an unsaved draft. `tag`
    // comes back with the answer, so a caller can drop answers to questions it no longer asks.
    void preview(const QString &rolloutId, quint64 tag);
    void previewDraft(const otter::models::RolloutRecord &draft, quint64 tag);

    // State changes, each made against the revision the operator saw. `text` is the comment (submit,
    // approve, start, resume: optional; reject: required) or the reason (pause, abort: required).
    void act(otter::models::RolloutAction action, const QString &rolloutId, qint64 expectedRevision,
             const QString &text = {});
    void submit(const QString &rolloutId, qint64 expectedRevision, const QString &comment = {});
    void approve(const QString &rolloutId, qint64 expectedRevision, const QString &comment = {});
    void reject(const QString &rolloutId, qint64 expectedRevision, const QString &comment);
    void start(const QString &rolloutId, qint64 expectedRevision, const QString &comment = {});
    void pause(const QString &rolloutId, qint64 expectedRevision, const QString &reason);
    void resume(const QString &rolloutId, qint64 expectedRevision, const QString &comment = {});
    void abort(const QString &rolloutId, qint64 expectedRevision, const QString &reason);

signals:
    void previewReady(quint64 tag, const otter::models::RolloutPreviewRecord &preview);
    // Offline, or refused (the message says why: a missing group, an invalid plan, a started rollout, …).
    void previewFailed(quint64 tag, const QString &message);
    // The rollout as stored after the action.
    void actionSucceeded(otter::models::RolloutAction action, const otter::models::RolloutRecord &rollout);
    // message: for the operator (four-eyes, wrong state and stale revision explained in words); reason:
    // the server's ErrorDetail reason without prefix ("FOUR_EYES", "WRONG_STATE", "STALE_REVISION", …),
    // empty when it gave none.
    void actionFailed(otter::models::RolloutAction action, const QString &rolloutId, const QString &message,
                      const QString &reason);

private:
    void doPreview(const QString &rolloutId, const std::optional<otter::models::RolloutRecord> &draft,
                   quint64 tag);
    void doAct(otter::models::RolloutAction action, const QString &rolloutId, qint64 expectedRevision,
               const QString &text);
    template<typename Request, typename Response, typename Launch>
    void runAction(otter::models::RolloutAction action, const QString &rolloutId, qint64 expectedRevision,
                   const QString &text, Launch launch);

    ConsoleClient *m_client;
};

} // namespace otter::client
