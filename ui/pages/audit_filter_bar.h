// AuditFilterBar: the audit page's filter fields — time range, actor, action, object — sending a filter
// after a short pause in typing, or at once on Enter.
#pragma once

#include "models/audit_filter.h"

#include <QWidget>

class QCheckBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QTimer;

namespace otter::ui {

class AuditFilterBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuditFilterBar)

public:
    explicit AuditFilterBar(QWidget *parent = nullptr);

    // What the fields say now (times in the operator's local time zone, sent as instants).
    models::AuditFilter filter() const;
    // Fills the fields without emitting filterRequested.
    void setFilter(const models::AuditFilter &filter);
    // A filter the model refused (e.g. the range ends before it starts); empty clears it.
    void showProblem(const QString &message);
    QString problem() const;

    QCheckBox *fromCheck() const { return m_fromCheck; }
    QDateTimeEdit *fromEdit() const { return m_from; }
    QCheckBox *toCheck() const { return m_toCheck; }
    QDateTimeEdit *toEdit() const { return m_to; }
    QLineEdit *actorEdit() const { return m_actor; }
    QLineEdit *actionEdit() const { return m_action; }
    QLineEdit *objectEdit() const { return m_object; }

public slots:
    void clear();
    // Sends the current filter now (Enter in a field does the same).
    void apply();

signals:
    void filterRequested(const otter::models::AuditFilter &filter);

private:
    void changed();

    QCheckBox *m_fromCheck = nullptr;
    QDateTimeEdit *m_from = nullptr;
    QCheckBox *m_toCheck = nullptr;
    QDateTimeEdit *m_to = nullptr;
    QLineEdit *m_actor = nullptr;
    QLineEdit *m_action = nullptr;
    QLineEdit *m_object = nullptr;
    QLabel *m_problem = nullptr;
    QTimer *m_settle = nullptr;
    bool m_silent = false;
};

} // namespace otter::ui
