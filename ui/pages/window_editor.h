// WindowEditor: create and edit a maintenance window — IANA time zone, a weekly or cron schedule and a
// duration — showing the next openings computed locally before anything is saved.
#pragma once

#include "core/maintenance_schedule.h"
#include "models/records.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QSpinBox;
class QStackedWidget;
class QTimeEdit;

namespace otter::ui {

class InlineErrorEdit;
class TimeZoneCombo;
class WindowOpeningsView;

class WindowEditor final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WindowEditor)

public:
    enum class Recurrence { Weekly, Cron };

    explicit WindowEditor(QWidget *parent = nullptr);

    void setWindow(const models::WindowRecord &window);
    // A new window: Monday to Friday 02:00 for two hours in the operator's zone.
    void startNewWindow();
    models::WindowRecord window() const;
    bool isNew() const { return m_isNew; }

    void setRecurrence(Recurrence recurrence);
    Recurrence recurrence() const;

    void setEditable(bool editable, const QString &reasonTooltip = QString());
    bool isEditable() const { return m_editable; }
    QString problemText() const;

    WindowOpeningsView *openingsView() const { return m_openings; }
    InlineErrorEdit *cronEdit() const { return m_cron; }
    TimeZoneCombo *timeZoneCombo() const { return m_zone; }

public slots:
    // Recomputes the next openings from the fields (also called on every edit).
    void refreshOpenings();

signals:
    void saveRequested(const otter::models::WindowRecord &window, bool isNew);
    void deleteRequested(const QString &id, qint64 revision);
    void newWindowStarted();

private:
    QWidget *buildWeeklyPage();
    void save();
    void showProblem(const QString &text);
    void updateButtons();
    qint64 durationSeconds() const;
    Result<MaintenanceSchedule> buildSchedule() const;

    QLineEdit *m_name = nullptr;
    QLineEdit *m_description = nullptr;
    TimeZoneCombo *m_zone = nullptr;
    QRadioButton *m_weekly = nullptr;
    QRadioButton *m_cronChoice = nullptr;
    QStackedWidget *m_stack = nullptr;
    QList<QCheckBox *> m_days; // Monday first
    QTimeEdit *m_start = nullptr;
    InlineErrorEdit *m_cron = nullptr;
    QSpinBox *m_hours = nullptr;
    QSpinBox *m_minutes = nullptr;
    WindowOpeningsView *m_openings = nullptr;
    QLabel *m_problem = nullptr;
    QPushButton *m_new = nullptr;
    QPushButton *m_save = nullptr;
    QPushButton *m_delete = nullptr;
    models::WindowRecord m_loaded;
    bool m_isNew = true;
    bool m_editable = true;
};

} // namespace otter::ui
