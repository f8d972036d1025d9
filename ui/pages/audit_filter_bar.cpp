// AuditFilterBar: one row of fields; a problem line below appears only when the filter cannot apply.
#include "ui/pages/audit_filter_bar.h"

#include "ui/pages/semantic_colors.h"

#include <QCheckBox>
#include <QDateTimeEdit>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScopedValueRollback>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace otter::ui {

namespace {

constexpr int SettleMs = 300;

QDateTimeEdit *timeEdit(QWidget *parent)
{
    auto *edit = new QDateTimeEdit(parent);
    edit->setCalendarPopup(true);
    edit->setDisplayFormat(u"yyyy-MM-dd HH:mm"_s);
    edit->setTimeSpec(Qt::LocalTime);
    edit->setEnabled(false);
    return edit;
}

} // namespace

AuditFilterBar::AuditFilterBar(QWidget *parent)
    : QWidget(parent)
    , m_fromCheck(new QCheckBox(tr("From"), this))
    , m_from(timeEdit(this))
    , m_toCheck(new QCheckBox(tr("to"), this))
    , m_to(timeEdit(this))
    , m_actor(new QLineEdit(this))
    , m_action(new QLineEdit(this))
    , m_object(new QLineEdit(this))
    , m_problem(new QLabel(this))
    , m_settle(new QTimer(this))
{
    const QDateTime now = QDateTime::currentDateTime();
    m_from->setDateTime(QDateTime(now.date().addDays(-7), QTime(0, 0)));
    m_to->setDateTime(QDateTime(now.date().addDays(1), QTime(0, 0)));
    m_fromCheck->setToolTip(tr("Only entries at or after this time"));
    m_toCheck->setToolTip(tr("Only entries before this time"));
    m_actor->setPlaceholderText(tr("Actor, e.g. olga"));
    m_actor->setToolTip(tr("Exact operator name, \"system\" or \"device:<id>\""));
    m_action->setPlaceholderText(tr("Action, e.g. rollout.approve"));
    m_action->setToolTip(tr("Exact action (rollout.approve) or every action of a kind (rollout)"));
    m_object->setPlaceholderText(tr("Object, e.g. rollout/…"));
    m_object->setToolTip(tr("Exact object (rollout/<id>) or every object of a kind (rollout)"));
    for (QLineEdit *edit : {m_actor, m_action, m_object})
        edit->setClearButtonEnabled(true);
    m_problem->setWordWrap(true);
    QPalette problemPalette = m_problem->palette();
    problemPalette.setColor(QPalette::WindowText, semanticColor(Semantic::Error, palette()));
    m_problem->setPalette(problemPalette);
    m_problem->hide();
    auto *clearButton = new QPushButton(tr("Clear"), this);
    clearButton->setToolTip(tr("Show every entry"));

    auto *row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_fromCheck);
    row->addWidget(m_from);
    row->addWidget(m_toCheck);
    row->addWidget(m_to);
    row->addSpacing(8);
    row->addWidget(m_actor, 2);
    row->addWidget(m_action, 3);
    row->addWidget(m_object, 3);
    row->addWidget(clearButton);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addLayout(row);
    layout->addWidget(m_problem);

    m_settle->setSingleShot(true);
    m_settle->setInterval(SettleMs);
    connect(m_settle, &QTimer::timeout, this, &AuditFilterBar::apply);
    connect(m_fromCheck, &QCheckBox::toggled, m_from, &QWidget::setEnabled);
    connect(m_toCheck, &QCheckBox::toggled, m_to, &QWidget::setEnabled);
    for (QCheckBox *check : {m_fromCheck, m_toCheck})
        connect(check, &QCheckBox::toggled, this, &AuditFilterBar::changed);
    for (QDateTimeEdit *edit : {m_from, m_to})
        connect(edit, &QDateTimeEdit::dateTimeChanged, this, &AuditFilterBar::changed);
    for (QLineEdit *edit : {m_actor, m_action, m_object}) {
        connect(edit, &QLineEdit::textChanged, this, &AuditFilterBar::changed);
        connect(edit, &QLineEdit::returnPressed, this, &AuditFilterBar::apply);
    }
    connect(clearButton, &QPushButton::clicked, this, &AuditFilterBar::clear);
}

models::AuditFilter AuditFilterBar::filter() const
{
    models::AuditFilter filter;
    if (m_fromCheck->isChecked())
        filter.from = m_from->dateTime().toUTC();
    if (m_toCheck->isChecked())
        filter.to = m_to->dateTime().toUTC();
    filter.actor = m_actor->text().trimmed();
    filter.action = m_action->text().trimmed();
    filter.object = m_object->text().trimmed();
    return filter;
}

void AuditFilterBar::setFilter(const models::AuditFilter &filter)
{
    const QScopedValueRollback silent(m_silent, true);
    m_fromCheck->setChecked(filter.from.isValid());
    if (filter.from.isValid())
        m_from->setDateTime(filter.from.toLocalTime());
    m_toCheck->setChecked(filter.to.isValid());
    if (filter.to.isValid())
        m_to->setDateTime(filter.to.toLocalTime());
    m_actor->setText(filter.actor);
    m_action->setText(filter.action);
    m_object->setText(filter.object);
    m_settle->stop();
}

void AuditFilterBar::showProblem(const QString &message)
{
    m_problem->setText(message);
    m_problem->setVisible(!message.isEmpty());
}

QString AuditFilterBar::problem() const
{
    return m_problem->text();
}

void AuditFilterBar::clear()
{
    setFilter({});
    apply();
}

void AuditFilterBar::apply()
{
    m_settle->stop();
    emit filterRequested(filter());
}

void AuditFilterBar::changed()
{
    if (!m_silent)
        m_settle->start();
}

} // namespace otter::ui
