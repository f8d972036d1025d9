// WindowOpeningsView: the next openings of a maintenance window, in the window's zone and in the
// operator's own, so a schedule can be checked before it is saved (daylight-saving changes included).
#pragma once

#include "core/maintenance_schedule.h"

#include <QTimeZone>
#include <QTreeWidget>

namespace otter::ui {

class WindowOpeningsView final : public QTreeWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WindowOpeningsView)

public:
    static constexpr int OpeningCount = 5;
    enum Column { OpensColumn, ClosesColumn, LocalColumn, NoteColumn, ColumnCount };

    explicit WindowOpeningsView(QWidget *parent = nullptr);

    void showSchedule(const MaintenanceSchedule &schedule);
    // Shown instead of openings while the schedule is invalid.
    void showProblem(const QString &message);

    // Openings are computed from this instant (UTC); invalid = now at each showSchedule.
    void setReferenceTime(const QDateTime &utc) { m_reference = utc; }
    // The operator's zone (default: the system zone).
    void setLocalZone(const QTimeZone &zone) { m_localZone = zone; }

    QList<WindowOpening> openings() const { return m_openings; }

private:
    QDateTime m_reference;
    QTimeZone m_localZone;
    QList<WindowOpening> m_openings;
};

} // namespace otter::ui
