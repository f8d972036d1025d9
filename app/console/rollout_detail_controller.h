// RolloutDetailController: opens one rollout's live detail in a window of its own, follows it through
// WatchRollout (reconnecting with the client), feeds the timeline the charts draw from, and pages the
// per-device outcomes through ListDeployments.
#pragma once

#include "models/rollout_progress.h"

#include <QObject>
#include <QPointer>

#include <functional>

class QWidget;

namespace otter::client {
class ConsoleClient;
}
namespace otter::models {
class DeploymentOutcomeModel;
class RolloutTimeline;
} // namespace otter::models
namespace otter::ui {
class RolloutDetailView;
}

namespace otter::console {

class RolloutDetailController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RolloutDetailController)

public:
    static constexpr int OutcomePageSize = 200;

    // The detail window is made on the first open(), as a window of `windowParent`. `releaseVersion`
    // names a release id's version (from the cache); it may be empty.
    RolloutDetailController(client::ConsoleClient *client, QWidget *windowParent,
                            std::function<QString(const QString &releaseId)> releaseVersion, QObject *parent);
    ~RolloutDetailController() override;

    // Shows the rollout (raising the window) and starts following it; another rollout open before is
    // left. `show` false keeps the window hidden (benchmarks).
    void open(const QString &rolloutId, bool show = true);
    // Stops following and hides the window.
    void close();

    QString rolloutId() const { return m_rolloutId; }
    // Null until the first open().
    ui::RolloutDetailView *view() const;
    models::RolloutTimeline *timeline() const { return m_timeline.get(); }
    models::DeploymentOutcomeModel *outcomes() const { return m_outcomes; }
    quint64 updatesApplied() const { return m_updates; }

    // One WatchRollout message; connected queued from the client's thread. Public so that the
    // benchmark feeds the view through the same path.
    void applyUpdate(const models::RolloutWatchUpdate &update);
    // The outcomes table from its first page, with the table's current filter.
    void reloadOutcomes();

signals:
    // A message for the status bar (a watch that was refused, outcomes that could not be loaded).
    void notice(const QString &message);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void ensureView();
    void requestOutcomes(const QString &pageToken);
    void onOutcomes(quint64 requestId, const QString &rolloutId, const QList<models::DeploymentRecord> &page,
                    const QString &nextPageToken);
    void onOutcomesFailed(quint64 requestId, const QString &rolloutId, const QString &message);

    client::ConsoleClient *m_client;
    QPointer<QWidget> m_windowParent;
    std::function<QString(const QString &)> m_releaseVersion;
    // Guarded: it is a window of the rollouts page, which may delete it first.
    QPointer<ui::RolloutDetailView> m_view;
    std::unique_ptr<models::RolloutTimeline> m_timeline;
    models::DeploymentOutcomeModel *m_outcomes = nullptr;
    QString m_rolloutId;
    qint64 m_revision = -1;
    quint64 m_updates = 0;
    // Pages of an older filter or rollout are dropped.
    quint64 m_outcomeRequest = 0;
    QString m_nextPage;
};

} // namespace otter::console
