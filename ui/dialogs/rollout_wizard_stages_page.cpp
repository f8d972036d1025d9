// Rollout wizard, stages: spin boxes per cell; the server's rules (models/rollout_rules.h) mark bad rows.
#include "ui/dialogs/rollout_wizard_stages_page.h"

#include "models/rollout_rules.h"
#include "ui/pages/editor_footer.h"
#include "ui/pages/semantic_colors.h"

#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMap>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace otter::ui {
namespace {

// Above the server's 30 days so that a too-long soak can be typed and explained, not silently clamped.
constexpr int MaxSoakMinutesTyped = 99999;

} // namespace

RolloutWizardStagesPage::RolloutWizardStagesPage(QWidget *parent)
    : QWizardPage(parent)
    , m_table(new QTableWidget(0, ColumnCount, this))
    , m_add(new QPushButton(tr("&Add stage"), this))
    , m_remove(new QPushButton(tr("&Remove stage"), this))
    , m_reset(new QPushButton(tr("Use &defaults"), this))
    , m_problems(new QLabel(this))
{
    setTitle(tr("Stages and gates"));
    setSubTitle(tr("Each stage covers a cumulative share of the eligible devices. The next stage starts once "
                   "every device of a stage finished, the soak time passed and enough of them succeeded."));
    m_table->setObjectName(u"stages"_s);
    m_table->setHorizontalHeaderLabels(
        {tr("Stage"), tr("Up to (% of devices)"), tr("Min soak"), tr("Min success")});
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(StageColumn, QHeaderView::ResizeToContents);
    m_add->setObjectName(u"addStage"_s);
    m_remove->setObjectName(u"removeStage"_s);
    m_reset->setObjectName(u"defaultStages"_s);
    m_problems->setObjectName(u"stageProblems"_s);
    setUpProblemLabel(m_problems);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_add);
    buttons->addWidget(m_remove);
    buttons->addStretch(1);
    buttons->addWidget(m_reset);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);
    layout->addWidget(m_problems);

    connect(m_add, &QPushButton::clicked, this, &RolloutWizardStagesPage::addStage);
    connect(m_remove, &QPushButton::clicked, this, [this] {
        removeStage(m_table->currentRow() >= 0 ? m_table->currentRow() : m_table->rowCount() - 1);
    });
    connect(m_reset, &QPushButton::clicked, this, [this] { setStages(models::defaultStages()); });
    setStages(models::defaultStages());
}

void RolloutWizardStagesPage::setStages(const QList<models::RolloutStageRecord> &stages)
{
    m_table->setRowCount(0);
    for (const models::RolloutStageRecord &stage : stages)
        appendRow(stage);
    renumber();
    check();
}

QList<models::RolloutStageRecord> RolloutWizardStagesPage::stages() const
{
    QList<models::RolloutStageRecord> stages;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const auto *percent = static_cast<QSpinBox *>(m_table->cellWidget(row, PercentColumn));
        const auto *soak = static_cast<QSpinBox *>(m_table->cellWidget(row, SoakColumn));
        const auto *success = static_cast<QDoubleSpinBox *>(m_table->cellWidget(row, SuccessColumn));
        stages.append({percent->value(), qint64(soak->value()) * 60, success->value()});
    }
    return stages;
}

int RolloutWizardStagesPage::stageCount() const
{
    return m_table->rowCount();
}

void RolloutWizardStagesPage::setStage(int index, int cumulativePercent, int soakMinutes,
                                       double minSuccessPercent)
{
    if (index < 0 || index >= m_table->rowCount())
        return;
    static_cast<QSpinBox *>(m_table->cellWidget(index, PercentColumn))->setValue(cumulativePercent);
    static_cast<QSpinBox *>(m_table->cellWidget(index, SoakColumn))->setValue(soakMinutes);
    static_cast<QDoubleSpinBox *>(m_table->cellWidget(index, SuccessColumn))->setValue(minSuccessPercent);
}

void RolloutWizardStagesPage::addStage()
{
    // A new stage goes before the last (100 %) one, halfway between its neighbours, so the plan stays valid
    // where it can.
    QList<models::RolloutStageRecord> current = stages();
    const int last = int(current.size()) - 1;
    models::RolloutStageRecord stage{100, 0, 95.0};
    if (last >= 0) {
        const int before = last > 0 ? current[last - 1].cumulativePercent : 0;
        stage = current[last];
        stage.cumulativePercent = (before + current[last].cumulativePercent) / 2;
        current.insert(last, stage);
    } else {
        current.append(stage);
    }
    setStages(current);
}

void RolloutWizardStagesPage::removeStage(int index)
{
    if (index < 0 || index >= m_table->rowCount())
        return;
    m_table->removeRow(index);
    renumber();
    check();
}

QString RolloutWizardStagesPage::problemText() const
{
    return m_valid ? QString() : m_problems->text();
}

bool RolloutWizardStagesPage::isComplete() const
{
    return m_valid;
}

void RolloutWizardStagesPage::appendRow(const models::RolloutStageRecord &stage)
{
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    auto *number = new QTableWidgetItem;
    number->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    number->setTextAlignment(Qt::AlignCenter);
    m_table->setItem(row, StageColumn, number);

    auto *percent = new QSpinBox(m_table);
    percent->setRange(0, 100);
    percent->setSuffix(u" %"_s);
    percent->setValue(stage.cumulativePercent);
    auto *soak = new QSpinBox(m_table);
    soak->setRange(0, MaxSoakMinutesTyped);
    soak->setSuffix(tr(" min"));
    soak->setValue(int(stage.minSoakSeconds / 60));
    soak->setToolTip(tr("Time to wait after the stage's last device finished; at most 30 days (43200 min)."));
    auto *success = new QDoubleSpinBox(m_table);
    success->setRange(0, 100);
    success->setDecimals(1);
    success->setSuffix(u" %"_s);
    success->setValue(stage.minSuccessPercent);
    success->setToolTip(tr("Share of the stage's devices that must have succeeded."));
    for (QAbstractSpinBox *editor :
         {static_cast<QAbstractSpinBox *>(percent), static_cast<QAbstractSpinBox *>(soak),
          static_cast<QAbstractSpinBox *>(success)})
        editor->setFrame(false);
    m_table->setCellWidget(row, PercentColumn, percent);
    m_table->setCellWidget(row, SoakColumn, soak);
    m_table->setCellWidget(row, SuccessColumn, success);
    connect(percent, &QSpinBox::valueChanged, this, &RolloutWizardStagesPage::check);
    connect(soak, &QSpinBox::valueChanged, this, &RolloutWizardStagesPage::check);
    connect(success, &QDoubleSpinBox::valueChanged, this, &RolloutWizardStagesPage::check);
}

void RolloutWizardStagesPage::renumber()
{
    for (int row = 0; row < m_table->rowCount(); ++row)
        m_table->item(row, StageColumn)->setText(QString::number(row + 1));
}

void RolloutWizardStagesPage::check()
{
    const QList<models::PlanProblem> problems = models::checkStages(stages());
    QStringList lines;
    QMap<int, QString> badRows;
    for (const models::PlanProblem &problem : problems) {
        lines.append(problem.message);
        if (problem.stage >= 0 && !badRows.contains(problem.stage))
            badRows.insert(problem.stage, problem.message);
    }
    const QColor error = semanticColor(Semantic::Error, palette());
    for (int row = 0; row < m_table->rowCount(); ++row) {
        QTableWidgetItem *item = m_table->item(row, StageColumn);
        const bool bad = badRows.contains(row);
        item->setText(bad ? tr("%1 ⚠").arg(row + 1) : QString::number(row + 1));
        item->setForeground(bad ? QBrush(error) : QBrush());
        item->setToolTip(badRows.value(row));
    }
    m_problems->setText(lines.join(u'\n'));
    m_problems->setVisible(!lines.isEmpty());
    m_add->setEnabled(m_table->rowCount() < models::kMaxRolloutStagesInPlan);
    m_remove->setEnabled(m_table->rowCount() > 1);
    const bool valid = problems.isEmpty();
    if (valid != m_valid) {
        m_valid = valid;
        emit completeChanged();
    }
}

} // namespace otter::ui
