// RolloutOutcomeTable: the per-device outcomes of a rollout, filtered by state and stage, loaded a page
// at a time. Widgets only: it asks for pages with signals and is given a model.
#pragma once

#include <QStringList>
#include <QWidget>

class QAbstractItemModel;
class QComboBox;
class QLabel;
class QPushButton;
class QTableView;

namespace otter::ui {

class RolloutOutcomeTable final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RolloutOutcomeTable)

public:
    explicit RolloutOutcomeTable(QWidget *parent = nullptr);

    void setModel(QAbstractItemModel *model);
    // Offers "Stage 1" … "Stage n" in the stage filter (keeps the selection when it still exists).
    void setStageCount(int count);
    void setMoreAvailable(bool more);
    // "120 devices shown", or why the outcomes could not be loaded.
    void setStatus(const QString &text, bool error = false);

    // DeploymentRecord state names (empty: every state) and the 0-based stage (-1: every stage).
    QStringList stateFilter() const;
    int stageFilter() const;
    // Selects the entry listing `state` (empty: all states) and a stage; emits filterChanged.
    void setFilter(const QString &state, int stage);

    QTableView *table() const { return m_table; }
    QPushButton *moreButton() const { return m_more; }
    QComboBox *stateCombo() const { return m_states; }
    QComboBox *stageCombo() const { return m_stages; }
    QLabel *statusLabel() const { return m_status; }

signals:
    void filterChanged(const QStringList &states, int stage);
    void moreRequested();

private:
    QComboBox *m_states = nullptr;
    QComboBox *m_stages = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_more = nullptr;
};

} // namespace otter::ui
