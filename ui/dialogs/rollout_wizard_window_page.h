// Rollout wizard, maintenance window: when devices may install, or no window (any time).
#pragma once

#include "models/records.h"

#include <QWizardPage>

class QListWidget;

namespace otter::ui {

class RolloutWizardWindowPage final : public QWizardPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RolloutWizardWindowPage)

public:
    explicit RolloutWizardWindowPage(QWidget *parent = nullptr);

    void setWindows(const QList<models::WindowRecord> &windows);
    // Empty id: no window. False when no window has that id.
    bool selectWindow(const QString &windowId);
    QString windowId() const;
    QListWidget *windowList() const { return m_windows; }

private:
    QListWidget *m_windows;
};

// "Mon, Wed 22:00 for 2 h (Europe/Berlin)" or "cron 0 2 * * * for 1 h (UTC)".
QString describeWindowSchedule(const models::WindowRecord &window);

} // namespace otter::ui
