// RolloutDetailController: the rollout detail window, fed by the watch stream and ListDeployments.
#include "app/console/rollout_detail_controller.h"

#include "app/client/console_client.h"
#include "app/client/rollout_watch_calls.h"
#include "models/deployment_outcome_model.h"
#include "models/rollout_timeline.h"
#include "ui/pages/rollout_detail_view.h"
#include "ui/pages/rollout_outcome_table.h"

#include <QEvent>
#include <QLocale>
#include <QWidget>

namespace otter::console {

RolloutDetailController::RolloutDetailController(client::ConsoleClient *client, QWidget *windowParent,
                                                 std::function<QString(const QString &)> releaseVersion,
                                                 QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_windowParent(windowParent)
    , m_releaseVersion(std::move(releaseVersion))
    , m_timeline(std::make_unique<models::RolloutTimeline>())
    , m_outcomes(new models::DeploymentOutcomeModel(this))
{
    client::RolloutWatchCalls *watch = m_client->rolloutWatch();
    // Queued: the calls live on the client thread; only plain values cross.
    connect(watch, &client::RolloutWatchCalls::watchUpdate, this, &RolloutDetailController::applyUpdate,
            Qt::QueuedConnection);
    connect(
        watch, &client::RolloutWatchCalls::watchInterrupted, this,
        [this](const QString &id, const QString &message) {
            if (id == m_rolloutId && m_view)
                m_view->setFeedStatus(tr("reconnecting: %1").arg(message));
        },
        Qt::QueuedConnection);
    connect(
        watch, &client::RolloutWatchCalls::watchEnded, this,
        [this](const QString &id, bool finished, const QString &message) {
            if (id != m_rolloutId || !m_view)
                return;
            m_view->setFeedStatus(finished ? tr("final: the rollout is over")
                                           : tr("not live: %1").arg(message));
            if (!finished)
                emit notice(message);
            else
                reloadOutcomes();
        },
        Qt::QueuedConnection);
    connect(watch, &client::RolloutWatchCalls::deploymentsReceived, this,
            &RolloutDetailController::onOutcomes, Qt::QueuedConnection);
    connect(watch, &client::RolloutWatchCalls::deploymentsFailed, this,
            &RolloutDetailController::onOutcomesFailed, Qt::QueuedConnection);
    // Outcomes that could not load while offline load once signed in again.
    connect(
        m_client, &client::ConsoleClient::signedIn, this,
        [this] {
            if (!m_rolloutId.isEmpty())
                reloadOutcomes();
        },
        Qt::QueuedConnection);
}

RolloutDetailController::~RolloutDetailController()
{
    if (!m_rolloutId.isEmpty())
        m_client->rolloutWatch()->stopWatch(m_rolloutId);
    // The view is a window of a widget that may outlive this controller (another server's session).
    delete m_view;
}

ui::RolloutDetailView *RolloutDetailController::view() const
{
    return m_view.data();
}

void RolloutDetailController::ensureView()
{
    if (m_view)
        return;
    m_view = new ui::RolloutDetailView(m_windowParent);
    m_view->setWindowFlag(Qt::Window);
    m_view->resize(1180, 860);
    m_view->setTimeline(m_timeline.get());
    m_view->setOutcomeModel(m_outcomes);
    m_view->installEventFilter(this);
    ui::RolloutOutcomeTable *table = m_view->outcomeTable();
    connect(table, &ui::RolloutOutcomeTable::filterChanged, this, [this] { reloadOutcomes(); });
    connect(table, &ui::RolloutOutcomeTable::moreRequested, this, [this] { requestOutcomes(m_nextPage); });
}

void RolloutDetailController::open(const QString &rolloutId, bool show)
{
    ensureView();
    if (rolloutId != m_rolloutId) {
        if (!m_rolloutId.isEmpty())
            m_client->rolloutWatch()->stopWatch(m_rolloutId);
        m_rolloutId = rolloutId;
        m_revision = -1;
        m_updates = 0;
        m_timeline->clear();
        m_view->clear();
        m_view->setWindowTitle(tr("Rollout %1").arg(rolloutId));
        m_view->setFeedStatus(tr("connecting…"));
        m_client->rolloutWatch()->watch(rolloutId);
        reloadOutcomes();
    }
    if (show) {
        m_view->show();
        m_view->raise();
        m_view->activateWindow();
    }
}

void RolloutDetailController::close()
{
    if (!m_rolloutId.isEmpty())
        m_client->rolloutWatch()->stopWatch(m_rolloutId);
    m_rolloutId.clear();
    ++m_outcomeRequest;
    if (m_view)
        m_view->hide();
}

bool RolloutDetailController::eventFilter(QObject *watched, QEvent *event)
{
    // Closing the window ends the watch: no stream runs for a rollout nobody looks at.
    if (watched == m_view && event->type() == QEvent::Close && !m_rolloutId.isEmpty()) {
        m_client->rolloutWatch()->stopWatch(m_rolloutId);
        m_rolloutId.clear();
        ++m_outcomeRequest;
    }
    return QObject::eventFilter(watched, event);
}

void RolloutDetailController::applyUpdate(const models::RolloutWatchUpdate &update)
{
    if (update.rolloutId != m_rolloutId || !m_view)
        return;
    ++m_updates;
    if (update.snapshot) {
        // A stream's first message; after a reconnect it carries the whole history again.
        m_view->setEvents(update.events);
        m_view->setFeedStatus(tr("live"));
    } else {
        m_view->addEvents(update.events);
    }
    if (update.rollout) {
        m_view->setRollout(*update.rollout,
                           m_releaseVersion ? m_releaseVersion(update.rollout->releaseId) : QString());
        // A state change or a stage start moves many devices: the outcomes table follows.
        if (m_revision >= 0 && update.rollout->revision != m_revision)
            reloadOutcomes();
        m_revision = update.rollout->revision;
    }
    m_timeline->add(update.progress);
    m_view->setProgress(update.progress);
}

void RolloutDetailController::reloadOutcomes()
{
    if (m_rolloutId.isEmpty() || !m_view)
        return;
    m_outcomes->clear();
    m_view->outcomeTable()->setMoreAvailable(false);
    requestOutcomes({});
}

void RolloutDetailController::requestOutcomes(const QString &pageToken)
{
    const ui::RolloutOutcomeTable *table = m_view->outcomeTable();
    m_client->rolloutWatch()->listDeployments(m_rolloutId, table->stateFilter(), table->stageFilter(),
                                              pageToken, OutcomePageSize, ++m_outcomeRequest);
}

void RolloutDetailController::onOutcomes(quint64 requestId, const QString &rolloutId,
                                         const QList<models::DeploymentRecord> &page,
                                         const QString &nextPageToken)
{
    if (requestId != m_outcomeRequest || rolloutId != m_rolloutId || !m_view)
        return;
    m_outcomes->appendPage(page);
    m_nextPage = nextPageToken;
    ui::RolloutOutcomeTable *table = m_view->outcomeTable();
    table->setMoreAvailable(!nextPageToken.isEmpty());
    const int rows = m_outcomes->rowCount();
    table->setStatus(nextPageToken.isEmpty() ? tr("%n device(s)", nullptr, rows)
                                             : tr("first %n device(s)", nullptr, rows));
}

void RolloutDetailController::onOutcomesFailed(quint64 requestId, const QString &rolloutId,
                                               const QString &message)
{
    if (requestId != m_outcomeRequest || rolloutId != m_rolloutId || !m_view)
        return;
    m_view->outcomeTable()->setStatus(message, true);
}

} // namespace otter::console
