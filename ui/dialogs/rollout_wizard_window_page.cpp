// Rollout wizard, maintenance window: one list, "no window" first so the choice is explicit.
#include "ui/dialogs/rollout_wizard_window_page.h"

#include "ui/pages/rollout_plan_text.h"

#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace otter::ui {

QString describeWindowSchedule(const models::WindowRecord &window)
{
    QString when;
    if (!window.cronExpression.isEmpty()) {
        when = RolloutWizardWindowPage::tr("cron %1").arg(window.cronExpression);
    } else {
        QStringList days;
        const QLocale locale;
        for (const int day : window.weekdays)
            days.append(locale.dayName(day, QLocale::ShortFormat));
        if (days.size() == 7)
            days = QStringList{RolloutWizardWindowPage::tr("daily")};
        when = RolloutWizardWindowPage::tr("%1 %2:%3")
                   .arg(days.join(u", "_s))
                   .arg(window.startHour, 2, 10, QLatin1Char('0'))
                   .arg(window.startMinute, 2, 10, QLatin1Char('0'));
    }
    return RolloutWizardWindowPage::tr("%1 for %2 (%3)")
        .arg(when, formatDuration(window.durationSeconds), window.timeZone);
}

RolloutWizardWindowPage::RolloutWizardWindowPage(QWidget *parent)
    : QWizardPage(parent)
    , m_windows(new QListWidget(this))
{
    setTitle(tr("Maintenance window"));
    setSubTitle(tr("Devices download at once but install only while the window is open."));
    m_windows->setObjectName(u"windows"_s);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_windows, 1);
    auto *note = new QLabel(tr("A device that is busy when the window opens is deferred, not failed."), this);
    note->setWordWrap(true);
    note->setEnabled(false);
    layout->addWidget(note);
    setWindows({});
}

void RolloutWizardWindowPage::setWindows(const QList<models::WindowRecord> &windows)
{
    const QString selected = windowId();
    m_windows->clear();
    auto *none = new QListWidgetItem(tr("No window — devices install at any time"), m_windows);
    none->setData(Qt::UserRole, QString());
    for (const models::WindowRecord &window : windows) {
        auto *item = new QListWidgetItem(tr("%1 — %2").arg(window.name.isEmpty() ? window.id : window.name,
                                                           describeWindowSchedule(window)),
                                         m_windows);
        item->setData(Qt::UserRole, window.id);
    }
    if (!selectWindow(selected))
        m_windows->setCurrentRow(0);
}

bool RolloutWizardWindowPage::selectWindow(const QString &windowId)
{
    for (int i = 0; i < m_windows->count(); ++i) {
        if (m_windows->item(i)->data(Qt::UserRole).toString() == windowId) {
            m_windows->setCurrentRow(i);
            return true;
        }
    }
    return false;
}

QString RolloutWizardWindowPage::windowId() const
{
    const QListWidgetItem *item = m_windows->currentItem();
    return item ? item->data(Qt::UserRole).toString() : QString();
}

} // namespace otter::ui
