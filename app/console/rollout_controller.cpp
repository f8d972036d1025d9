// RolloutController: the rollouts page, the wizard and the approval queue ↔ RolloutCalls and the outbox.
#include "app/console/rollout_controller.h"

#include "app/client/console_client.h"
#include "app/client/rollout_calls.h"
#include "app/console/draft_editing_controller.h"
#include "models/device_table_model.h"
#include "models/group_list_model.h"
#include "models/maintenance_window_list_model.h"
#include "models/outbox.h"
#include "models/records_json.h"
#include "models/release_list_model.h"
#include "models/rollout_list_model.h"
#include "ui/dialogs/rollout_wizard.h"
#include "ui/pages/rollouts_page.h"

#include <QJsonDocument>
#include <QMessageBox>

using namespace Qt::StringLiterals;

namespace otter::console {
namespace {

template<typename Record>
QList<Record> recordsOf(const QAbstractItemModel *model)
{
    QList<Record> records;
    if (!model)
        return records;
    for (int row = 0; row < model->rowCount(); ++row) {
        const QVariant value = model->index(row, 0).data(models::CachedListModel::RecordRole);
        if (value.canConvert<Record>())
            records.append(value.value<Record>());
    }
    return records;
}

} // namespace

RolloutController::RolloutController(const models::CacheDatabase &database, models::Outbox *outbox,
                                     const RolloutSources &sources, ui::RolloutsPage *page,
                                     client::ConsoleClient *client, QObject *parent)
    : QObject(parent)
    , m_database(database)
    , m_outbox(outbox)
    , m_sources(sources)
    , m_page(page)
    , m_client(client)
    , m_counter(new models::DeviceTableModel(database, this))
{
    client::RolloutCalls *calls = m_client->rollouts();
    connect(m_client, &client::ConsoleClient::signedIn, this, &RolloutController::setOperator);
    connect(m_outbox, &models::Outbox::changed, this, [this] {
        if (m_sources.rollouts)
            m_sources.rollouts->refresh();
    });
    connect(m_client, &client::ConsoleClient::draftAccepted, this, &RolloutController::onDraftAccepted);
    connect(m_client, &client::ConsoleClient::draftRejected, this, [this](qint64 outboxId, const QString &) {
        if (const QString id = m_submitAfterCreate.take(outboxId); !id.isEmpty())
            say(tr("Rollout %1 was not created, so it was not submitted; see the outbox.").arg(id));
    });

    connect(m_page, &ui::RolloutsPage::newRolloutRequested, this, [this] { openWizard(); });
    connect(m_page, &ui::RolloutsPage::previewRequested, this, [this, calls](const QString &rolloutId) {
        m_page->setNames(names());
        if (!m_online) {
            m_page->setPreviewError(rolloutId, tr("the pre-flight needs a connection to otterd."));
            return;
        }
        m_previews.insert(++m_previewTag, rolloutId);
        calls->preview(rolloutId, m_previewTag);
    });
    connect(m_page, &ui::RolloutsPage::actionRequested, this,
            [calls](models::RolloutAction action, const QString &id, qint64 revision, const QString &text) {
                calls->act(action, id, revision, text);
            });

    connect(calls, &client::RolloutCalls::previewReady, this,
            [this](quint64 tag, const models::RolloutPreviewRecord &preview) {
                routePreview(
                    tag, [&] { m_wizard->setPreview(preview); },
                    [&](const QString &id) { m_page->setPreview(id, preview); });
            });
    connect(calls, &client::RolloutCalls::previewFailed, this, [this](quint64 tag, const QString &message) {
        routePreview(
            tag, [&] { m_wizard->setPreviewError(message); },
            [&](const QString &id) { m_page->setPreviewError(id, message); });
    });
    connect(calls, &client::RolloutCalls::actionSucceeded, this,
            [this](models::RolloutAction action, const models::RolloutRecord &rollout) {
                say(tr("Rollout '%1' %2; it is %3 now.")
                        .arg(rollout.name.isEmpty() ? rollout.id : rollout.name,
                             models::actionPastTense(action), rollout.state));
                emit actionSucceeded(action, rollout.id);
            });
    connect(calls, &client::RolloutCalls::actionFailed, this,
            [this](models::RolloutAction action, const QString &id, const QString &message, const QString &) {
                say(message);
                emit actionFailed(action, id, message);
                // A refusal must not go unnoticed in the status bar: it is shown until dismissed.
                auto *box = new QMessageBox(QMessageBox::Warning,
                                            tr("Rollout not %1").arg(models::actionPastTense(action)),
                                            message, QMessageBox::Ok, m_page);
                box->setObjectName(u"rolloutActionFailed"_s);
                box->setAttribute(Qt::WA_DeleteOnClose);
                box->open();
            });
}

RolloutController::~RolloutController()
{
    delete m_wizard;
}

void RolloutController::setOnline(bool online)
{
    m_online = online;
    m_page->setOnline(online);
    if (m_wizard)
        m_wizard->setOnline(online);
}

void RolloutController::setOperator(const QString &name, const QString &role)
{
    m_page->setOperator(name, role);
}

ui::RolloutWizard *RolloutController::openWizard()
{
    if (m_wizard) {
        m_wizard->raise();
        return m_wizard;
    }
    m_wizard = new ui::RolloutWizard(m_page->window());
    m_wizard->setAttribute(Qt::WA_DeleteOnClose);
    fillWizard(m_wizard);
    connect(m_wizard, &ui::RolloutWizard::previewRequested, this, [this](const models::RolloutRecord &draft) {
        m_previews.insert(++m_previewTag, QString());
        m_client->rollouts()->previewDraft(draft, m_previewTag);
    });
    connect(m_wizard, &ui::RolloutWizard::createRequested, this, &RolloutController::create);
    m_wizard->open();
    return m_wizard;
}

void RolloutController::fillWizard(ui::RolloutWizard *wizard) const
{
    wizard->setOnline(m_online);
    wizard->setReleases(recordsOf<models::ReleaseRecord>(m_sources.releases));
    QList<ui::TargetGroupChoice> groups;
    for (const models::GroupRecord &group : recordsOf<models::GroupRecord>(m_sources.groups)) {
        ui::TargetGroupChoice choice{group, -1};
        if (!group.filter)
            choice.deviceCount = group.staticMembers.size();
        else if (!m_counter->setFilter(*group.filter))
            choice.deviceCount = m_counter->matchingCount(); // as of the last sync
        groups.append(choice);
    }
    wizard->setGroups(groups);
    wizard->setWindows(recordsOf<models::WindowRecord>(m_sources.windows));
}

ui::RolloutNames RolloutController::names() const
{
    ui::RolloutNames names;
    for (const models::ReleaseRecord &release : recordsOf<models::ReleaseRecord>(m_sources.releases))
        names.releases.insert(release.id, release.version);
    for (const models::GroupRecord &group : recordsOf<models::GroupRecord>(m_sources.groups))
        names.groups.insert(group.id, group.name);
    for (const models::WindowRecord &window : recordsOf<models::WindowRecord>(m_sources.windows))
        names.windows.insert(window.id, window.name);
    return names;
}

void RolloutController::create(models::RolloutRecord rollout, bool submit)
{
    rollout.id = DraftEditingController::newObjectId(u"r"_s, rollout.name);
    const QByteArray payload = QJsonDocument(models::toJson(rollout)).toJson(QJsonDocument::Compact);
    const auto queued = m_outbox->enqueue(u"rollout"_s, u"create"_s, rollout.id, 0, payload);
    if (!queued) {
        say(tr("The rollout could not be saved: %1").arg(queued.errorMessage()));
        return;
    }
    m_lastCreatedId = rollout.id;
    if (submit)
        m_submitAfterCreate.insert(*queued, rollout.id);
    if (m_online)
        say(submit ? tr("Creating rollout '%1' and submitting it for approval…").arg(rollout.name)
                   : tr("Creating rollout '%1' as a draft…").arg(rollout.name));
    else
        say(submit ? tr("Offline: rollout '%1' waits in the outbox; it is sent and submitted for approval on "
                        "reconnect.")
                         .arg(rollout.name)
                   : tr("Offline: rollout '%1' waits in the outbox and is sent on reconnect.")
                         .arg(rollout.name));
}

void RolloutController::onDraftAccepted(qint64 outboxId, qint64 revision)
{
    const QString id = m_submitAfterCreate.take(outboxId);
    if (!id.isEmpty())
        m_client->rollouts()->submit(id, revision);
}

void RolloutController::routePreview(quint64 tag, const std::function<void()> &toWizard,
                                     const std::function<void(const QString &)> &toPage)
{
    if (!m_previews.contains(tag))
        return;
    const QString id = m_previews.take(tag);
    if (!id.isEmpty())
        toPage(id);
    else if (m_wizard)
        toWizard();
}

void RolloutController::say(const QString &message)
{
    m_lastMessage = message;
    emit notice(message);
}

} // namespace otter::console
