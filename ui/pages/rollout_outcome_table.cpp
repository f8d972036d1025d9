// RolloutOutcomeTable: filters, table and paging of device outcomes.
#include "ui/pages/rollout_outcome_table.h"

#include "ui/pages/semantic_colors.h"

#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace otter::ui {

RolloutOutcomeTable::RolloutOutcomeTable(QWidget *parent)
    : QWidget(parent)
    , m_states(new QComboBox(this))
    , m_stages(new QComboBox(this))
    , m_table(new QTableView(this))
    , m_status(new QLabel(this))
    , m_more(new QPushButton(tr("Load more"), this))
{
    // Each entry's data is the states it stands for, as DeploymentRecord names them.
    m_states->addItem(tr("All states"), QStringList());
    m_states->addItem(tr("Failed or rolled back"),
                      QStringList{QStringLiteral("FAILED"), QStringLiteral("ROLLED_BACK")});
    m_states->addItem(tr("Succeeded"), QStringList{QStringLiteral("SUCCEEDED")});
    m_states->addItem(tr("Updating"), QStringList{QStringLiteral("DOWNLOADING"), QStringLiteral("DOWNLOADED"),
                                                  QStringLiteral("INSTALLING"), QStringLiteral("REBOOTING")});
    m_states->addItem(tr("Pending"), QStringList{QStringLiteral("PENDING")});
    m_states->addItem(tr("Skipped"), QStringList{QStringLiteral("SKIPPED")});
    m_stages->addItem(tr("All stages"), -1);

    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setHighlightSections(false);
    m_more->setEnabled(false);

    auto *filters = new QHBoxLayout();
    filters->addWidget(new QLabel(tr("Show"), this));
    filters->addWidget(m_states);
    filters->addWidget(m_stages);
    filters->addStretch(1);
    filters->addWidget(m_status);
    filters->addWidget(m_more);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(filters);
    layout->addWidget(m_table, 1);

    const auto changed = [this] { emit filterChanged(stateFilter(), stageFilter()); };
    connect(m_states, &QComboBox::activated, this, changed);
    connect(m_stages, &QComboBox::activated, this, changed);
    connect(m_more, &QPushButton::clicked, this, &RolloutOutcomeTable::moreRequested);
}

void RolloutOutcomeTable::setModel(QAbstractItemModel *model)
{
    m_table->setModel(model);
    if (!model)
        return;
    // Widths from sample texts: the detail gets the room, times fit their short format.
    const QFontMetrics metrics = fontMetrics();
    const int padding = 24;
    const QString time =
        QLocale().toString(QDateTime(QDate(2024, 12, 28), QTime(12, 40)), QLocale::ShortFormat);
    const QList<int> widths = {
        metrics.horizontalAdvance(QStringLiteral("gw-000000-00")) + padding,
        metrics.horizontalAdvance(tr("Stage")) + padding,
        metrics.horizontalAdvance(QStringLiteral("rolled back")) + padding,
        metrics.horizontalAdvance(QStringLiteral("health check failed · modem did not attach")) + padding,
        metrics.horizontalAdvance(time) + padding,
        metrics.horizontalAdvance(time) + padding};
    for (int column = 0; column < widths.size() && column < model->columnCount(); ++column)
        m_table->setColumnWidth(column, widths[column]);
}

void RolloutOutcomeTable::setStageCount(int count)
{
    const int selected = stageFilter();
    while (m_stages->count() > count + 1)
        m_stages->removeItem(m_stages->count() - 1);
    for (int stage = m_stages->count() - 1; stage < count; ++stage)
        m_stages->addItem(tr("Stage %1").arg(stage + 1), stage);
    m_stages->setCurrentIndex(selected < count ? selected + 1 : 0);
}

void RolloutOutcomeTable::setMoreAvailable(bool more)
{
    m_more->setEnabled(more);
}

void RolloutOutcomeTable::setStatus(const QString &text, bool error)
{
    m_status->setText(text);
    QPalette palette = this->palette();
    if (error)
        palette.setColor(QPalette::WindowText, semanticColor(Semantic::Error, palette));
    m_status->setPalette(palette);
}

QStringList RolloutOutcomeTable::stateFilter() const
{
    return m_states->currentData().toStringList();
}

int RolloutOutcomeTable::stageFilter() const
{
    return m_stages->currentData().toInt();
}

void RolloutOutcomeTable::setFilter(const QString &state, int stage)
{
    m_states->setCurrentIndex(0);
    for (int i = 1; i < m_states->count() && !state.isEmpty(); ++i) {
        if (m_states->itemData(i).toStringList().contains(state)) {
            m_states->setCurrentIndex(i);
            break;
        }
    }
    m_stages->setCurrentIndex(qBound(0, stage + 1, m_stages->count() - 1));
    emit filterChanged(stateFilter(), stageFilter());
}

} // namespace otter::ui
