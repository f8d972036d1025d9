// TimeZoneCombo: pick an IANA time zone from the system's list by typing any part of its name.
#pragma once

#include <QComboBox>

namespace otter::ui {

class TimeZoneCombo final : public QComboBox
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimeZoneCombo)

public:
    explicit TimeZoneCombo(QWidget *parent = nullptr);

    // The typed or chosen id; may be unknown (checked by MaintenanceSchedule::checkTimeZone).
    QString timeZoneId() const;
    void setTimeZoneId(const QString &id);

signals:
    void timeZoneIdChanged(const QString &id);
};

} // namespace otter::ui
