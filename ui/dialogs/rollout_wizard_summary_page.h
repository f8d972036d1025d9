// Rollout wizard, pre-flight: the plan as it will be created and what starting it now would do to the
// fleet, counted by the server (PreviewRollout). Offline it says that the pre-flight needs the server.
#pragma once

#include "models/records.h"
#include "models/rollout_preview.h"

#include <QWizardPage>

class QLabel;
class QTextBrowser;

namespace otter::ui {

class RolloutWizardSummaryPage final : public QWizardPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RolloutWizardSummaryPage)

public:
    explicit RolloutWizardSummaryPage(QWidget *parent = nullptr);

    void initializePage() override;
    bool isComplete() const override;

    void setPreview(const models::RolloutPreviewRecord &preview);
    void setPreviewError(const QString &message);
    bool hasPreview() const { return m_hasPreview; }
    QString statusText() const;
    QTextBrowser *planView() const { return m_plan; }
    QTextBrowser *preflightView() const { return m_preflight; }

private:
    QTextBrowser *m_plan;
    QLabel *m_status;
    QTextBrowser *m_preflight;
    QLabel *m_problems;
    bool m_hasPreview = false;
    bool m_valid = false;
};

} // namespace otter::ui
