// First page of the rollout wizard: the rollout's name and description, and the release to roll out.
#pragma once

#include "models/records.h"

#include <QWizardPage>

class QLineEdit;
class QTreeWidget;

namespace otter::ui {

class RolloutWizardReleasePage final : public QWizardPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RolloutWizardReleasePage)

public:
    explicit RolloutWizardReleasePage(QWidget *parent = nullptr);

    void setReleases(const QList<models::ReleaseRecord> &releases);
    // False when no release has that id.
    bool selectRelease(const QString &releaseId);
    QString releaseId() const;
    QString releaseVersion() const;

    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *descriptionEdit() const { return m_description; }
    QTreeWidget *releaseList() const { return m_releases; }

    bool isComplete() const override;

private:
    QLineEdit *m_name;
    QLineEdit *m_description;
    QTreeWidget *m_releases;
};

} // namespace otter::ui
