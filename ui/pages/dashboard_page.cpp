// DashboardPage: every setSummary replaces what is shown wholesale; the summary is small (tens of rows), so
// there is nothing to gain from incremental updates and no risk of drift.
#include "ui/pages/dashboard_page.h"

#include "ui/pages/count_tile.h"
#include "ui/pages/semantic_colors.h"
#include "ui/pages/version_chart.h"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace otter::ui {
namespace {

QLabel *sectionTitle(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    QFont bold = label->font();
    bold.setBold(true);
    label->setFont(bold);
    return label;
}

qint64 countOf(const QList<QPair<QString, qint64>> &counts, QStringView key)
{
    for (const auto &[name, count] : counts) {
        if (name == key)
            return count;
    }
    return 0;
}

std::optional<Semantic> rolloutSemantic(const models::RolloutRecord &rollout)
{
    if (rollout.state == u"PAUSED")
        return rollout.autoPaused ? Semantic::Error : Semantic::Warning;
    if (rollout.state == u"RUNNING")
        return Semantic::Success;
    return std::nullopt;
}

} // namespace

DashboardPage::DashboardPage(QWidget *parent)
    : QWidget(parent)
    , m_devices(new CountTile(tr("Devices"), this))
    , m_updating(new CountTile(tr("Updating now"), this))
    , m_failed(new CountTile(tr("Update failed"), this))
    , m_activeRollouts(new CountTile(tr("Active rollouts"), this))
    , m_chart(new VersionChart(this))
    , m_states(new QTreeWidget(this))
    , m_rollouts(new QTreeWidget(this))
{
    auto *tiles = new QHBoxLayout();
    for (CountTile *tile : {m_devices, m_updating, m_failed, m_activeRollouts})
        tiles->addWidget(tile);

    m_states->setRootIsDecorated(false);
    m_states->setHeaderLabels({tr("State"), tr("Devices"), tr("Share")});
    m_states->setSelectionMode(QAbstractItemView::NoSelection);
    m_states->header()->setStretchLastSection(false);
    m_rollouts->setRootIsDecorated(false);
    m_rollouts->setUniformRowHeights(true);
    m_rollouts->setHeaderLabels({tr("Rollout"), tr("Release"), tr("State"), tr("Stage"), tr("Started")});

    auto *grid = new QGridLayout();
    grid->addWidget(sectionTitle(tr("Devices by firmware version"), this), 0, 0);
    grid->addWidget(m_chart, 1, 0);
    grid->addWidget(sectionTitle(tr("Devices by state"), this), 0, 1);
    grid->addWidget(m_states, 1, 1);
    grid->setColumnStretch(0, 3);
    grid->setColumnStretch(1, 2);
    grid->setRowStretch(1, 1);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(tiles);
    layout->addLayout(grid, 3);
    layout->addWidget(sectionTitle(tr("Active rollouts"), this));
    layout->addWidget(m_rollouts, 2);

    connect(m_rollouts, &QTreeWidget::itemActivated, this,
            [this](QTreeWidgetItem *item) { emit rolloutActivated(item->data(0, Qt::UserRole).toString()); });
    setSummary({});
}

void DashboardPage::setSummary(const FleetSummary &summary)
{
    qint64 total = 0;
    for (const auto &entry : summary.byState)
        total += entry.second;
    m_devices->setValue(total);
    m_updating->setValue(countOf(summary.byState, u"UPDATING"), Semantic::Warning);
    m_failed->setValue(countOf(summary.byState, u"UPDATE_FAILED"), Semantic::Error);
    m_activeRollouts->setValue(summary.activeRollouts.size());
    m_chart->setVersions(summary.byVersion);
    fillStates(summary, total);
    fillRollouts(summary);
}

void DashboardPage::fillStates(const FleetSummary &summary, qint64 total)
{
    const QLocale locale;
    m_states->clear();
    for (const auto &[state, count] : summary.byState) {
        const double share = total > 0 ? 100.0 * double(count) / double(total) : 0.0;
        auto *item = new QTreeWidgetItem(
            m_states, {state, locale.toString(count), tr("%1 %").arg(locale.toString(share, 'f', 1))});
        item->setTextAlignment(1, Qt::AlignRight | Qt::AlignVCenter);
        item->setTextAlignment(2, Qt::AlignRight | Qt::AlignVCenter);
        if (state == u"UPDATE_FAILED" && count > 0)
            item->setForeground(0, semanticColor(Semantic::Error, palette()));
    }
    for (int column = 0; column < m_states->columnCount(); ++column)
        m_states->resizeColumnToContents(column);
}

void DashboardPage::fillRollouts(const FleetSummary &summary)
{
    m_rollouts->clear();
    for (const models::RolloutRecord &rollout : summary.activeRollouts) {
        const QString release = summary.releaseVersions.value(rollout.releaseId, rollout.releaseId.left(12));
        QString stage;
        if (!rollout.stages.isEmpty()) {
            const int index = qBound(0, rollout.currentStage, int(rollout.stages.size()) - 1);
            stage = tr("%1 of %2 (%3 %)")
                        .arg(index + 1)
                        .arg(rollout.stages.size())
                        .arg(rollout.stages[index].cumulativePercent);
        }
        QString state = rollout.state;
        if (rollout.state == u"PAUSED" && rollout.autoPaused)
            state = tr("PAUSED (failure threshold)");
        const QString started =
            rollout.started.time.isValid()
                ? QLocale().toString(rollout.started.time.toLocalTime(), QLocale::ShortFormat)
                : QString();
        auto *item = new QTreeWidgetItem(m_rollouts, {rollout.name, release, state, stage, started});
        item->setData(0, Qt::UserRole, rollout.id);
        item->setToolTip(0, rollout.description.isEmpty() ? rollout.id : rollout.description);
        if (const auto semantic = rolloutSemantic(rollout))
            item->setForeground(2, semanticColor(*semantic, palette()));
    }
    for (int column = 0; column < m_rollouts->columnCount() - 1; ++column)
        m_rollouts->resizeColumnToContents(column);
}

QString DashboardPage::tileText(Tile tile) const
{
    switch (tile) {
    case Tile::Devices:
        return m_devices->valueText();
    case Tile::Updating:
        return m_updating->valueText();
    case Tile::Failed:
        return m_failed->valueText();
    case Tile::ActiveRollouts:
        return m_activeRollouts->valueText();
    }
    return {};
}

} // namespace otter::ui
