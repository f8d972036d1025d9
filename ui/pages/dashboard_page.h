// DashboardPage: the fleet at a glance — count tiles, a chart of firmware versions, devices by state and
// the rollouts under way.
#pragma once

#include "ui/pages/fleet_summary.h"

#include <QWidget>

class QTreeWidget;

namespace otter::ui {

class CountTile;
class VersionChart;

class DashboardPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DashboardPage)

public:
    enum class Tile { Devices, Updating, Failed, ActiveRollouts };

    explicit DashboardPage(QWidget *parent = nullptr);

    void setSummary(const FleetSummary &summary);

    QString tileText(Tile tile) const;
    VersionChart *versionChart() const { return m_chart; }
    QTreeWidget *statesView() const { return m_states; }
    QTreeWidget *rolloutsView() const { return m_rollouts; }

signals:
    // Double-click (or Enter) on an active rollout.
    void rolloutActivated(const QString &rolloutId);

private:
    void fillStates(const FleetSummary &summary, qint64 total);
    void fillRollouts(const FleetSummary &summary);

    CountTile *m_devices = nullptr;
    CountTile *m_updating = nullptr;
    CountTile *m_failed = nullptr;
    CountTile *m_activeRollouts = nullptr;
    VersionChart *m_chart = nullptr;
    QTreeWidget *m_states = nullptr;
    QTreeWidget *m_rollouts = nullptr;
};

} // namespace otter::ui
