// WindowEditor: every field change rebuilds a MaintenanceSchedule (the same code the server runs) and lists
// its next openings, so a schedule's effect is visible before it is saved.
#include "ui/pages/window_editor.h"

#include "ui/pages/compact_stack.h"
#include "ui/pages/editor_footer.h"
#include "ui/pages/error_line_edit.h"
#include "ui/pages/inline_error_edit.h"
#include "ui/pages/semantic_colors.h"
#include "ui/pages/time_zone_combo.h"
#include "ui/pages/window_openings_view.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTimeEdit>
#include <QTimeZone>
#include <QVBoxLayout>

namespace otter::ui {

WindowEditor::WindowEditor(QWidget *parent)
    : QWidget(parent)
    , m_name(new QLineEdit(this))
    , m_description(new QLineEdit(this))
    , m_zone(new TimeZoneCombo(this))
    , m_weekly(new QRadioButton(tr("Weekly"), this))
    , m_cronChoice(new QRadioButton(tr("Cron expression"), this))
    , m_stack(new QStackedWidget(this))
    , m_cron(new InlineErrorEdit(this))
    , m_hours(new QSpinBox(this))
    , m_minutes(new QSpinBox(this))
    , m_openings(new WindowOpeningsView(this))
    , m_problem(new QLabel(this))
    , m_new(new QPushButton(tr("New"), this))
    , m_save(new QPushButton(tr("Save"), this))
    , m_delete(new QPushButton(tr("Delete"), this))
{
    m_name->setPlaceholderText(tr("e.g. EU night window"));
    m_description->setPlaceholderText(tr("What the window is for (optional)"));
    auto *kinds = new QButtonGroup(this);
    kinds->addButton(m_weekly);
    kinds->addButton(m_cronChoice);
    auto *kindRow = new QHBoxLayout();
    kindRow->addWidget(m_weekly);
    kindRow->addWidget(m_cronChoice);
    kindRow->addStretch(1);

    m_stack->addWidget(buildWeeklyPage());
    m_cron->setChecker(checkCronExpression);
    m_cron->setPlaceholderText(tr("minute hour day-of-month month day-of-week, e.g. 0 2 * * 1-5"));
    m_stack->addWidget(m_cron);

    m_hours->setRange(0, int(MaintenanceSchedule::MaxDurationMs / 3'600'000));
    m_hours->setSuffix(tr(" h"));
    m_minutes->setRange(0, 59);
    m_minutes->setSuffix(tr(" min"));
    auto *durationRow = new QHBoxLayout();
    durationRow->addWidget(m_hours);
    durationRow->addWidget(m_minutes);
    durationRow->addStretch(1);

    auto *form = new QFormLayout();
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("Name:"), m_name);
    form->addRow(tr("Description:"), m_description);
    form->addRow(tr("Time zone:"), m_zone);
    form->addRow(tr("Schedule:"), kindRow);
    form->addRow(QString(), m_stack);
    form->addRow(tr("Duration:"), durationRow);

    auto *openingsTitle = new QLabel(tr("Next openings"), this);
    QFont bold = openingsTitle->font();
    bold.setBold(true);
    openingsTitle->setFont(bold);

    setUpProblemLabel(m_problem);
    QHBoxLayout *buttons = editorButtonRow(m_new, m_delete, m_save);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(openingsTitle);
    layout->addWidget(m_openings, 1);
    layout->addWidget(m_problem);
    layout->addLayout(buttons);

    connect(m_weekly, &QRadioButton::toggled, this, [this](bool weekly) {
        showCompactPage(m_stack, weekly ? 0 : 1);
        refreshOpenings();
    });
    connect(m_zone, &TimeZoneCombo::timeZoneIdChanged, this, &WindowEditor::refreshOpenings);
    connect(m_cron->lineEdit(), &QLineEdit::textChanged, this, &WindowEditor::refreshOpenings);
    connect(m_start, &QTimeEdit::timeChanged, this, &WindowEditor::refreshOpenings);
    connect(m_hours, &QSpinBox::valueChanged, this, &WindowEditor::refreshOpenings);
    connect(m_minutes, &QSpinBox::valueChanged, this, &WindowEditor::refreshOpenings);
    for (QCheckBox *day : std::as_const(m_days))
        connect(day, &QCheckBox::toggled, this, &WindowEditor::refreshOpenings);
    connect(m_new, &QPushButton::clicked, this, [this] {
        startNewWindow();
        emit newWindowStarted();
    });
    connect(m_save, &QPushButton::clicked, this, &WindowEditor::save);
    connect(m_delete, &QPushButton::clicked, this, [this] {
        if (!m_isNew)
            emit deleteRequested(m_loaded.id, m_loaded.revision);
    });
    startNewWindow();
}

QWidget *WindowEditor::buildWeeklyPage()
{
    auto *page = new QWidget(m_stack);
    auto *layout = new QHBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    const QLocale locale;
    for (int day = Qt::Monday; day <= Qt::Sunday; ++day) {
        auto *box = new QCheckBox(locale.dayName(day, QLocale::ShortFormat), page);
        box->setToolTip(locale.dayName(day));
        m_days.append(box);
        layout->addWidget(box);
    }
    layout->addSpacing(12);
    layout->addWidget(new QLabel(tr("at"), page));
    m_start = new QTimeEdit(page);
    m_start->setDisplayFormat(QStringLiteral("HH:mm"));
    layout->addWidget(m_start);
    layout->addStretch(1);
    return page;
}

void WindowEditor::setWindow(const models::WindowRecord &window)
{
    m_loaded = window;
    m_isNew = false;
    m_name->setText(window.name);
    m_description->setText(window.description);
    m_zone->setTimeZoneId(window.timeZone);
    for (int day = 0; day < m_days.size(); ++day)
        m_days[day]->setChecked(window.weekdays.contains(day + 1));
    m_start->setTime(QTime(window.startHour, window.startMinute));
    m_cron->setText(window.cronExpression);
    m_hours->setValue(int(window.durationSeconds / 3600));
    m_minutes->setValue(int(window.durationSeconds / 60 % 60));
    setRecurrence(window.cronExpression.isEmpty() ? Recurrence::Weekly : Recurrence::Cron);
    showProblem({});
    updateButtons();
    refreshOpenings();
}

void WindowEditor::startNewWindow()
{
    m_loaded = {};
    m_isNew = true;
    m_name->clear();
    m_description->clear();
    // Systems may name their zone by an alias the zone list lacks (Debian: "Etc/UTC"); start from UTC then.
    const QByteArray systemZone = QTimeZone::systemTimeZoneId();
    m_zone->setTimeZoneId(QTimeZone::isTimeZoneIdAvailable(systemZone) ? QString::fromUtf8(systemZone)
                                                                       : QStringLiteral("UTC"));
    for (int day = 0; day < m_days.size(); ++day)
        m_days[day]->setChecked(day < 5);
    m_start->setTime(QTime(2, 0));
    m_cron->setText(QStringLiteral("0 2 * * 1-5"));
    m_hours->setValue(2);
    m_minutes->setValue(0);
    setRecurrence(Recurrence::Weekly);
    showProblem({});
    updateButtons();
    refreshOpenings();
}

models::WindowRecord WindowEditor::window() const
{
    models::WindowRecord edited = m_loaded;
    edited.name = m_name->text().trimmed();
    edited.description = m_description->text().trimmed();
    edited.timeZone = m_zone->timeZoneId();
    edited.durationSeconds = durationSeconds();
    edited.weekdays.clear();
    edited.cronExpression.clear();
    if (recurrence() == Recurrence::Weekly) {
        for (int day = 0; day < m_days.size(); ++day) {
            if (m_days[day]->isChecked())
                edited.weekdays.append(day + 1);
        }
        edited.startHour = m_start->time().hour();
        edited.startMinute = m_start->time().minute();
    } else {
        edited.cronExpression = m_cron->text().simplified();
        edited.startHour = 0;
        edited.startMinute = 0;
    }
    return edited;
}

void WindowEditor::setRecurrence(Recurrence recurrence)
{
    (recurrence == Recurrence::Weekly ? m_weekly : m_cronChoice)->setChecked(true);
    showCompactPage(m_stack, recurrence == Recurrence::Weekly ? 0 : 1);
}

WindowEditor::Recurrence WindowEditor::recurrence() const
{
    return m_cronChoice->isChecked() ? Recurrence::Cron : Recurrence::Weekly;
}

qint64 WindowEditor::durationSeconds() const
{
    return qint64(m_hours->value()) * 3600 + qint64(m_minutes->value()) * 60;
}

Result<MaintenanceSchedule> WindowEditor::buildSchedule() const
{
    const models::WindowRecord edited = window();
    const qint64 durationMs = edited.durationSeconds * 1000;
    if (recurrence() == Recurrence::Cron)
        return MaintenanceSchedule::cron(edited.timeZone, edited.cronExpression, durationMs);
    return MaintenanceSchedule::weekly(
        edited.timeZone, WeeklyStart{edited.weekdays, edited.startHour, edited.startMinute}, durationMs);
}

void WindowEditor::refreshOpenings()
{
    if (!m_start || m_days.size() != 7)
        return; // still being built
    if (recurrence() == Recurrence::Cron && m_cron->hasError()) {
        m_openings->showProblem(tr("Fix the cron expression to see the next openings."));
        return;
    }
    const Result<MaintenanceSchedule> schedule = buildSchedule();
    if (schedule)
        m_openings->showSchedule(*schedule);
    else
        m_openings->showProblem(schedule.errorMessage());
}

QString WindowEditor::problemText() const
{
    return m_problem->text();
}

void WindowEditor::showProblem(const QString &text)
{
    m_problem->setText(text);
    m_problem->setVisible(!text.isEmpty());
}

void WindowEditor::setEditable(bool editable, const QString &reasonTooltip)
{
    m_editable = editable;
    for (QWidget *field : std::initializer_list<QWidget *>{m_name, m_description, m_zone, m_weekly,
                                                           m_cronChoice, m_stack, m_hours, m_minutes})
        field->setEnabled(editable);
    for (QPushButton *button : {m_new, m_save, m_delete})
        button->setToolTip(editable ? QString() : reasonTooltip);
    updateButtons();
}

void WindowEditor::updateButtons()
{
    m_new->setEnabled(m_editable);
    m_save->setEnabled(m_editable);
    m_delete->setEnabled(m_editable && !m_isNew);
}

void WindowEditor::save()
{
    if (m_name->text().trimmed().isEmpty()) {
        showProblem(tr("Name: a maintenance window needs a name."));
        m_name->setFocus();
        return;
    }
    if (const Result<MaintenanceSchedule> schedule = buildSchedule(); !schedule) {
        showProblem(tr("Schedule: %1").arg(schedule.errorMessage()));
        return;
    }
    showProblem({});
    emit saveRequested(window(), m_isNew);
}

} // namespace otter::ui
