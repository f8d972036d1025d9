// RolloutStageBars: per-stage progress.
#include "ui/pages/rollout_stage_bars.h"

#include "ui/pages/semantic_colors.h"

#include <QGridLayout>
#include <QLabel>
#include <QProgressBar>
#include <QVBoxLayout>

namespace otter::ui {

RolloutStageBars::RolloutStageBars(QWidget *parent)
    : QWidget(parent)
    , m_layout(new QVBoxLayout(this))
    , m_empty(new QLabel(tr("No stage has started yet: the stages appear when the rollout starts."), this))
{
    m_empty->setForegroundRole(QPalette::PlaceholderText);
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->addWidget(m_empty);
}

void RolloutStageBars::setProgress(const models::RolloutProgressRecord &progress)
{
    if (progress.stages.size() != m_rows.size())
        rebuild(int(progress.stages.size()));
    for (qsizetype i = 0; i < progress.stages.size(); ++i)
        setRow(m_rows[i], progress.stages.at(i));
}

void RolloutStageBars::rebuild(int count)
{
    delete m_rowsWidget;
    m_rows.clear();
    // The rows are made in a container that is not shown yet and appear with it in one pass: made one by
    // one in a visible view, each would be polished and laid out on its own, and show only later.
    m_rowsWidget = new QWidget();
    auto *grid = new QGridLayout(m_rowsWidget);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setHorizontalSpacing(12);
    grid->setVerticalSpacing(6);
    grid->setColumnStretch(1, 2);
    grid->setColumnStretch(3, 3);
    QFont bold = font();
    bold.setBold(true);
    for (int i = 0; i < count; ++i) {
        Row row;
        row.name = new QLabel(m_rowsWidget);
        row.bar = new QProgressBar(m_rowsWidget);
        row.bar->setTextVisible(true);
        row.bar->setMinimumWidth(160);
        row.status = new QLabel(m_rowsWidget);
        row.status->setFont(bold);
        row.gate = new QLabel(m_rowsWidget);
        // One line: a wrapping label would re-run the grid's height-for-width layout on every new verdict.
        row.gate->setMinimumWidth(0);
        row.gate->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
        row.gate->setForegroundRole(QPalette::PlaceholderText);
        row.gate->setTextInteractionFlags(Qt::TextSelectableByMouse);
        grid->addWidget(row.name, i, 0);
        grid->addWidget(row.bar, i, 1);
        grid->addWidget(row.status, i, 2);
        grid->addWidget(row.gate, i, 3);
        m_rows.append(row);
    }
    m_layout->addWidget(m_rowsWidget);
    m_rowsWidget->show();
    m_empty->setVisible(count == 0);
}

void RolloutStageBars::setRow(Row &row, const models::StageProgressRecord &stage)
{
    row.name->setText(tr("Stage %1 · %2 %").arg(stage.index + 1).arg(stage.cumulativePercent));
    // A stage of no devices has nothing to wait for: show it full rather than as an empty bar.
    const quint64 total = stage.deviceCount;
    const quint64 done = stage.counts.finished();
    row.bar->setRange(0, total == 0 ? 1 : int(qMin<quint64>(total, INT_MAX)));
    row.bar->setValue(total == 0 ? 1 : int(qMin<quint64>(done, INT_MAX)));
    QString barText = tr("%1 of %2 done").arg(done).arg(total);
    if (stage.counts.failed + stage.counts.rolledBack > 0)
        barText += tr(", %1 failed").arg(stage.counts.failed + stage.counts.rolledBack);
    row.bar->setFormat(barText);
    row.bar->setToolTip(tr("%1 succeeded, %2 failed, %3 rolled back, %4 updating, %5 pending")
                            .arg(stage.counts.succeeded)
                            .arg(stage.counts.failed)
                            .arg(stage.counts.rolledBack)
                            .arg(stage.counts.underWay())
                            .arg(stage.counts.pending));

    QString status;
    QPalette palette = this->palette();
    if (stage.status == u"PASSED") {
        status = tr("passed");
        palette.setColor(QPalette::WindowText, semanticColor(Semantic::Success, palette));
    } else if (stage.status == u"BLOCKED") {
        status = tr("blocked");
        palette.setColor(QPalette::WindowText, semanticColor(Semantic::Error, palette));
    } else if (stage.status == u"ACTIVE") {
        status = tr("active");
    } else {
        status = tr("waiting");
        palette.setColor(QPalette::WindowText, palette.color(QPalette::PlaceholderText));
    }
    row.status->setText(status);
    row.status->setPalette(palette);
    row.gate->setText(stage.gateDetail);
    row.gate->setToolTip(stage.gateDetail);
}

QString RolloutStageBars::statusText(int stage) const
{
    return m_rows.at(stage).status->text();
}

QString RolloutStageBars::gateText(int stage) const
{
    return m_rows.at(stage).gate->text();
}

} // namespace otter::ui
