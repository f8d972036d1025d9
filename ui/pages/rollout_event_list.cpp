// RolloutEventList: the rollout's event history as rows.
#include "ui/pages/rollout_event_list.h"

#include "ui/pages/semantic_colors.h"

#include <QEvent>
#include <QHeaderView>
#include <QLocale>

namespace otter::ui {

namespace {

constexpr int KindRole = Qt::UserRole + 1;

} // namespace

RolloutEventList::RolloutEventList(QWidget *parent)
    : QTreeWidget(parent)
{
    setColumnCount(ColumnCount);
    setHeaderLabels({tr("Time"), tr("Event"), tr("By"), tr("Details")});
    setRootIsDecorated(false);
    setUniformRowHeights(true);
    setAlternatingRowColors(true);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setWordWrap(false);
    header()->setStretchLastSection(true);
    header()->setSectionResizeMode(Time, QHeaderView::ResizeToContents);
    header()->setSectionResizeMode(Event, QHeaderView::ResizeToContents);
    header()->setSectionResizeMode(Actor, QHeaderView::ResizeToContents);
}

QString RolloutEventList::describe(const models::RolloutEventRecord &event)
{
    if (event.kind == u"AUTO_PAUSED")
        return tr("Paused automatically");
    if (event.kind == u"STAGE_STARTED")
        return tr("Stage %1 started").arg(event.stage + 1);
    if (event.kind == u"STATE_CHANGED") {
        if (event.fromState.isEmpty())
            return event.toState;
        return tr("%1 → %2").arg(event.fromState, event.toState);
    }
    return event.kind;
}

QTreeWidgetItem *RolloutEventList::makeItem(const models::RolloutEventRecord &event) const
{
    auto *item = new QTreeWidgetItem();
    item->setText(Time, event.time.isValid() ? QLocale().toString(event.time.toLocalTime(),
                                                                  QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                                             : QString());
    item->setText(Event, describe(event));
    item->setText(Actor, event.actor);
    item->setText(Message, event.message);
    item->setToolTip(Message, event.message);
    item->setData(Event, KindRole, event.kind);
    if (event.kind == u"AUTO_PAUSED") {
        QFont bold = font();
        bold.setBold(true);
        for (int column = 0; column < ColumnCount; ++column) {
            item->setFont(column, bold);
            item->setForeground(column, semanticColor(Semantic::Error, palette()));
        }
    }
    return item;
}

void RolloutEventList::setEvents(const QList<models::RolloutEventRecord> &events)
{
    clear();
    m_lastSeq = 0;
    addEvents(events);
}

void RolloutEventList::addEvents(const QList<models::RolloutEventRecord> &events)
{
    QList<QTreeWidgetItem *> fresh;
    for (const models::RolloutEventRecord &event : events) {
        if (event.seq <= m_lastSeq)
            continue;
        m_lastSeq = event.seq;
        fresh.prepend(makeItem(event));
    }
    if (fresh.isEmpty())
        return;
    insertTopLevelItems(0, fresh);
    while (topLevelItemCount() > MaxRows)
        delete takeTopLevelItem(topLevelItemCount() - 1);
}

QString RolloutEventList::eventText(int row) const
{
    const QTreeWidgetItem *item = topLevelItem(row);
    return item ? item->text(Event) : QString();
}

QString RolloutEventList::messageText(int row) const
{
    const QTreeWidgetItem *item = topLevelItem(row);
    return item ? item->text(Message) : QString();
}

void RolloutEventList::changeEvent(QEvent *event)
{
    QTreeWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
}

void RolloutEventList::applyPalette()
{
    const QColor error = semanticColor(Semantic::Error, palette());
    for (int row = 0; row < topLevelItemCount(); ++row) {
        QTreeWidgetItem *item = topLevelItem(row);
        if (item->data(Event, KindRole).toString() != u"AUTO_PAUSED")
            continue;
        for (int column = 0; column < ColumnCount; ++column)
            item->setForeground(column, error);
    }
}

} // namespace otter::ui
