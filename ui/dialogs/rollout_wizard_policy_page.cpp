// Rollout wizard, failure policy: the two numbers and a sentence saying what they do together.
#include "ui/dialogs/rollout_wizard_policy_page.h"

#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QSpinBox>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace otter::ui {

RolloutWizardPolicyPage::RolloutWizardPolicyPage(QWidget *parent)
    : QWizardPage(parent)
    , m_maxFailure(new QDoubleSpinBox(this))
    , m_minFinished(new QSpinBox(this))
    , m_explanation(new QLabel(this))
{
    setTitle(tr("Failure policy"));
    setSubTitle(
        tr("The rollout pauses itself when too many devices fail, so that a bad release stops early."));
    m_maxFailure->setObjectName(u"maxFailurePercent"_s);
    m_maxFailure->setRange(0, 100);
    m_maxFailure->setDecimals(1);
    m_maxFailure->setSuffix(u" %"_s);
    m_minFinished->setObjectName(u"minFinished"_s);
    m_minFinished->setRange(0, 1000000);
    m_minFinished->setSuffix(tr(" devices"));
    m_explanation->setObjectName(u"policyExplanation"_s);
    m_explanation->setWordWrap(true);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    for (QAbstractSpinBox *box :
         {static_cast<QAbstractSpinBox *>(m_maxFailure), static_cast<QAbstractSpinBox *>(m_minFinished)})
        box->setMinimumWidth(box->fontMetrics().horizontalAdvance(u"1000000 devices"_s) + 40);
    form->addRow(tr("Pause above &failure rate:"), m_maxFailure);
    form->addRow(tr("Only after &at least:"), m_minFinished);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_explanation);
    auto *note = new QLabel(tr("Failed and rolled-back devices count as failures. Resuming a paused rollout "
                               "starts a new sample, so it pauses again only if the release keeps failing."),
                            this);
    note->setWordWrap(true);
    note->setEnabled(false);
    layout->addWidget(note);
    layout->addStretch(1);

    connect(m_maxFailure, &QDoubleSpinBox::valueChanged, this, &RolloutWizardPolicyPage::explain);
    connect(m_minFinished, &QSpinBox::valueChanged, this, &RolloutWizardPolicyPage::explain);
    // The server's defaults.
    setPolicy(5, 20);
}

void RolloutWizardPolicyPage::setPolicy(double maxFailurePercent, quint32 minFinished)
{
    m_maxFailure->setValue(maxFailurePercent);
    m_minFinished->setValue(int(minFinished));
    explain();
}

double RolloutWizardPolicyPage::maxFailurePercent() const
{
    return m_maxFailure->value();
}

quint32 RolloutWizardPolicyPage::minFinished() const
{
    return quint32(m_minFinished->value());
}

QString RolloutWizardPolicyPage::explanation() const
{
    return m_explanation->text();
}

void RolloutWizardPolicyPage::explain()
{
    const QLocale locale;
    m_explanation->setText(
        tr("Once %1 devices have finished, the rollout pauses automatically as soon as more "
           "than %2 % of the finished devices failed.")
            .arg(m_minFinished->value())
            .arg(locale.toString(m_maxFailure->value(), 'g', 4)));
}

} // namespace otter::ui
