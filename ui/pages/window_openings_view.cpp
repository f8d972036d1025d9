// WindowOpeningsView: formats each opening with its zone abbreviation and flags UTC-offset changes, which
// is where operators misread schedules.
#include "ui/pages/window_openings_view.h"

#include "ui/pages/semantic_colors.h"

#include <QHeaderView>
#include <QLocale>

namespace otter::ui {
namespace {

QString formatIn(const QDateTime &utc, const QTimeZone &zone)
{
    const QDateTime local = utc.toTimeZone(zone);
    return QLocale().toString(local, QStringLiteral("ddd d MMM yyyy HH:mm")) + u' ' +
           local.timeZoneAbbreviation();
}

QString formatOffset(int seconds)
{
    const QChar sign = seconds < 0 ? u'-' : u'+';
    seconds = qAbs(seconds);
    return QStringLiteral("%1%2:%3")
        .arg(sign)
        .arg(seconds / 3600, 2, 10, QLatin1Char('0'))
        .arg(seconds / 60 % 60, 2, 10, QLatin1Char('0'));
}

} // namespace

WindowOpeningsView::WindowOpeningsView(QWidget *parent)
    : QTreeWidget(parent)
    , m_localZone(QTimeZone::systemTimeZone())
{
    setRootIsDecorated(false);
    setUniformRowHeights(true);
    setSelectionMode(QAbstractItemView::NoSelection);
    setFocusPolicy(Qt::NoFocus);
    setColumnCount(ColumnCount);
    header()->setStretchLastSection(true);
    // Room for exactly the listed openings, so the editor does not grow a scroll bar for five rows.
    setMinimumHeight(fontMetrics().height() * (OpeningCount + 2) + 16);
}

void WindowOpeningsView::showSchedule(const MaintenanceSchedule &schedule)
{
    const QTimeZone zone = schedule.timeZone();
    setHeaderHidden(false);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    setHeaderLabels({tr("Opens (%1)").arg(QString::fromUtf8(zone.id())), tr("Closes"),
                     tr("Opens, your time (%1)").arg(QString::fromUtf8(m_localZone.id())), tr("Note")});
    const QDateTime from = m_reference.isValid() ? m_reference : QDateTime::currentDateTimeUtc();
    m_openings = schedule.nextOpenings(from, OpeningCount);
    clear();
    int previousOffset = m_openings.isEmpty() ? 0 : zone.offsetFromUtc(m_openings.first().start);
    for (const WindowOpening &opening : std::as_const(m_openings)) {
        auto *item = new QTreeWidgetItem(this);
        item->setText(OpensColumn, formatIn(opening.start, zone));
        item->setText(ClosesColumn, formatIn(opening.end, zone));
        item->setText(LocalColumn, formatIn(opening.start, m_localZone));
        const int startOffset = zone.offsetFromUtc(opening.start);
        const int endOffset = zone.offsetFromUtc(opening.end);
        QString note;
        if (startOffset != previousOffset)
            note = tr("clocks changed to UTC%1").arg(formatOffset(startOffset));
        else if (endOffset != startOffset)
            note = tr("clocks change to UTC%1 while open").arg(formatOffset(endOffset));
        if (opening.start <= from)
            note = note.isEmpty() ? tr("open now") : tr("open now; %1").arg(note);
        item->setText(NoteColumn, note);
        item->setToolTip(NoteColumn, note);
        if (!note.isEmpty())
            item->setForeground(NoteColumn, semanticColor(Semantic::Warning, palette()));
        previousOffset = endOffset;
    }
    for (int column = 0; column < NoteColumn; ++column)
        resizeColumnToContents(column);
}

void WindowOpeningsView::showProblem(const QString &message)
{
    m_openings.clear();
    clear();
    // One message, no columns: hide what only makes sense for a list of openings.
    setHeaderHidden(true);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto *item = new QTreeWidgetItem(this);
    item->setText(OpensColumn, message);
    item->setForeground(OpensColumn, semanticColor(Semantic::Error, palette()));
    item->setFirstColumnSpanned(true);
}

} // namespace otter::ui
