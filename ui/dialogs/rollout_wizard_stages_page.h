// Rollout wizard, stages and gates: cumulative percentages (default 1/10/25/50/100) and, per stage, the
// soak time and success share its devices must reach before the next stage starts. Checked as the server
// checks them, while typing.
#pragma once

#include "models/records.h"

#include <QWizardPage>

class QLabel;
class QPushButton;
class QTableWidget;

namespace otter::ui {

class RolloutWizardStagesPage final : public QWizardPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RolloutWizardStagesPage)

public:
    enum Column { StageColumn, PercentColumn, SoakColumn, SuccessColumn, ColumnCount };

    explicit RolloutWizardStagesPage(QWidget *parent = nullptr);

    void setStages(const QList<models::RolloutStageRecord> &stages);
    QList<models::RolloutStageRecord> stages() const;
    int stageCount() const;
    // One stage's values (soak in minutes, as the page shows it).
    void setStage(int index, int cumulativePercent, int soakMinutes, double minSuccessPercent);
    void addStage();
    void removeStage(int index);

    // The problems shown under the table, one per line; empty when the stages are valid.
    QString problemText() const;
    QTableWidget *table() const { return m_table; }
    QPushButton *addButton() const { return m_add; }
    QPushButton *removeButton() const { return m_remove; }

    bool isComplete() const override;

private:
    void appendRow(const models::RolloutStageRecord &stage);
    void renumber();
    void check();

    QTableWidget *m_table;
    QPushButton *m_add;
    QPushButton *m_remove;
    QPushButton *m_reset;
    QLabel *m_problems;
    bool m_valid = true;
};

} // namespace otter::ui
