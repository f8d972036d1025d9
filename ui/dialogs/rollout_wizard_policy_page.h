// Rollout wizard, failure policy: when the rollout pauses itself because too many devices failed.
#pragma once

#include <QWizardPage>

class QDoubleSpinBox;
class QLabel;
class QSpinBox;

namespace otter::ui {

class RolloutWizardPolicyPage final : public QWizardPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RolloutWizardPolicyPage)

public:
    explicit RolloutWizardPolicyPage(QWidget *parent = nullptr);

    void setPolicy(double maxFailurePercent, quint32 minFinished);
    double maxFailurePercent() const;
    quint32 minFinished() const;
    QDoubleSpinBox *maxFailureEdit() const { return m_maxFailure; }
    QSpinBox *minFinishedEdit() const { return m_minFinished; }
    QString explanation() const;

private:
    void explain();

    QDoubleSpinBox *m_maxFailure;
    QSpinBox *m_minFinished;
    QLabel *m_explanation;
};

} // namespace otter::ui
