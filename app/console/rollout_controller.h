// Rollouts: the wizard (its pre-flight asked of the server; "Create" makes an outbox draft that works
// offline, "Create and submit" also submits once the server accepted the draft), the approval queue's
// pre-flights and decisions, and the confirmed actions of the rollouts page — all through RolloutCalls.
// Knows the signed-in operator, so the page can say why they may not approve (four-eyes, role).
#pragma once

#include "models/cache_database.h"
#include "models/records.h"
#include "models/rollout_rules.h"
#include "ui/dialogs/rollout_wizard.h"

#include <QHash>
#include <QObject>
#include <QPointer>

#include <functional>

namespace otter::client {
class ConsoleClient;
}
namespace otter::models {
class DeviceTableModel;
class GroupListModel;
class MaintenanceWindowListModel;
class Outbox;
class ReleaseListModel;
class RolloutListModel;
} // namespace otter::models
namespace otter::ui {
class RolloutsPage;
} // namespace otter::ui

namespace otter::console {

// The session's models the rollout wizard chooses from.
struct RolloutSources
{
    models::RolloutListModel *rollouts = nullptr;
    models::ReleaseListModel *releases = nullptr;
    models::GroupListModel *groups = nullptr;
    models::MaintenanceWindowListModel *windows = nullptr;
};

class RolloutController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RolloutController)

public:
    RolloutController(const models::CacheDatabase &database, models::Outbox *outbox,
                      const RolloutSources &sources, ui::RolloutsPage *page, client::ConsoleClient *client,
                      QObject *parent);
    ~RolloutController() override;

    void setOnline(bool online);
    void setOperator(const QString &name, const QString &role);

    // Opens the wizard (non-modal to the event loop: it is shown with open()), filled from the cache.
    ui::RolloutWizard *openWizard();
    // The open wizard, else null.
    ui::RolloutWizard *wizard() const { return m_wizard; }
    // The last message shown to the operator about a rollout (success or failure), for the status bar.
    QString lastMessage() const { return m_lastMessage; }
    // The id the last wizard's rollout got.
    QString lastCreatedId() const { return m_lastCreatedId; }

signals:
    void notice(const QString &message);
    // A state change the server accepted / refused (message in the operator's words).
    void actionSucceeded(otter::models::RolloutAction action, const QString &rolloutId);
    void actionFailed(otter::models::RolloutAction action, const QString &rolloutId, const QString &message);

private:
    void create(models::RolloutRecord rollout, bool submit);
    void onDraftAccepted(qint64 outboxId, qint64 revision);
    // Hands a pre-flight answer to whoever asked: the open wizard (no rollout id) or the approval queue.
    void routePreview(quint64 tag, const std::function<void()> &toWizard,
                      const std::function<void(const QString &)> &toPage);
    void say(const QString &message);
    void fillWizard(ui::RolloutWizard *wizard) const;
    ui::RolloutNames names() const;

    models::CacheDatabase m_database;
    models::Outbox *m_outbox;
    RolloutSources m_sources;
    ui::RolloutsPage *m_page;
    client::ConsoleClient *m_client;
    // Counts a dynamic group's members in the cache; never shown in a view.
    models::DeviceTableModel *m_counter;
    QPointer<ui::RolloutWizard> m_wizard;
    bool m_online = false;
    quint64 m_previewTag = 0;
    // Preview tag → rollout id it was asked for; empty id: the wizard's draft.
    QHash<quint64, QString> m_previews;
    // Outbox entry → rollout id to submit once the server accepted the create.
    QHash<qint64, QString> m_submitAfterCreate;
    QString m_lastMessage;
    QString m_lastCreatedId;
};

} // namespace otter::console
