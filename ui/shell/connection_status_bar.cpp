// Builds and updates the connection status bar's permanent widgets.
#include "ui/shell/connection_status_bar.h"

#include "ui/shell/icons.h"
#include "ui/shell/palette_tones.h"
#include "ui/shell/status_dot.h"

#include <QEvent>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace otter::ui {

ConnectionStatusBar::ConnectionStatusBar(QWidget *parent)
    : QStatusBar(parent)
{
    auto *stateBox = new QWidget(this);
    auto *stateLayout = new QHBoxLayout(stateBox);
    stateLayout->setContentsMargins(4, 0, 4, 0);
    m_dot = new StatusDot(stateBox);
    m_stateLabel = new QLabel(stateBox);
    m_stateLabel->setObjectName(u"connectionState"_s);
    stateLayout->addWidget(m_dot);
    stateLayout->addWidget(m_stateLabel);

    m_serverLabel = new QLabel(this);
    m_serverLabel->setContentsMargins(4, 0, 4, 0);
    m_serverLabel->setObjectName(u"server"_s);
    m_operatorLabel = new QLabel(this);
    m_operatorLabel->setContentsMargins(4, 0, 4, 0);
    m_operatorLabel->setObjectName(u"operator"_s);
    m_syncLabel = new QLabel(this);
    m_syncLabel->setContentsMargins(4, 0, 4, 0);
    m_syncLabel->setObjectName(u"lastSync"_s);
    m_outboxButton = new QToolButton(this);
    m_outboxButton->setObjectName(u"outbox"_s);
    m_outboxButton->setAutoRaise(true);
    m_outboxButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_outboxButton->setIcon(themedIcon(u"outbox"_s));
    m_outboxButton->setToolTip(tr("Show the drafts waiting to be sent"));
    connect(m_outboxButton, &QToolButton::clicked, this, &ConnectionStatusBar::outboxRequested);

    const QList<QWidget *> items = {stateBox, m_serverLabel, m_operatorLabel, m_syncLabel, m_outboxButton};
    for (QWidget *item : items) {
        if (item != stateBox) {
            auto *separator = new QFrame(this);
            separator->setFrameShape(QFrame::VLine);
            separator->setFrameShadow(QFrame::Sunken);
            addPermanentWidget(separator);
        }
        addPermanentWidget(item);
    }

    setConnectionState(ConnectionState::Offline);
    setServer({});
    setOperator({}, {});
    setLastSync({});
    setOutboxCount(0);
}

QString ConnectionStatusBar::stateName(ConnectionState state)
{
    switch (state) {
    case ConnectionState::Offline:
        return tr("Offline");
    case ConnectionState::Connecting:
        return tr("Connecting…");
    case ConnectionState::Online:
        return tr("Online");
    case ConnectionState::Reconnecting:
        return tr("Reconnecting…");
    }
    return {};
}

void ConnectionStatusBar::setConnectionState(ConnectionState state, const QString &detail)
{
    m_state = state;
    const QString name = stateName(state);
    m_stateLabel->setText(detail.isEmpty() ? name : tr("%1 — %2").arg(name, detail));
    m_stateLabel->setToolTip(detail.isEmpty() ? name : detail);
    m_dot->setToolTip(name);
    updateStateColour();
}

void ConnectionStatusBar::setServer(const QString &address)
{
    m_serverLabel->setText(address.isEmpty() ? tr("no server") : address);
    m_serverLabel->setToolTip(tr("Server"));
}

void ConnectionStatusBar::setOperator(const QString &name, const QString &role)
{
    if (name.isEmpty())
        m_operatorLabel->setText(tr("not signed in"));
    else if (role.isEmpty())
        m_operatorLabel->setText(name);
    else
        m_operatorLabel->setText(tr("%1 (%2)").arg(name, role));
    m_operatorLabel->setToolTip(tr("Signed-in operator and role"));
}

void ConnectionStatusBar::setLastSync(const QDateTime &time)
{
    if (!time.isValid()) {
        m_syncLabel->setText(tr("never synced"));
        m_syncLabel->setToolTip(tr("No data has been synchronised from this server yet"));
        return;
    }
    const QDateTime local = time.toLocalTime();
    // Today's syncs only need the time; older ones need the date to be honest about how stale the data is.
    const bool today = local.date() == QDate::currentDate();
    const QString shown = today ? local.toString(u"HH:mm:ss"_s) : local.toString(u"yyyy-MM-dd HH:mm"_s);
    m_syncLabel->setText(tr("synced %1").arg(shown));
    m_syncLabel->setToolTip(tr("Last synchronised %1").arg(local.toString(Qt::ISODate)));
}

void ConnectionStatusBar::setOutboxCount(int count)
{
    if (count <= 0)
        m_outboxButton->setText(tr("no drafts waiting"));
    else if (count == 1)
        m_outboxButton->setText(tr("1 draft waiting"));
    else
        m_outboxButton->setText(tr("%1 drafts waiting").arg(count));
}

QString ConnectionStatusBar::stateText() const
{
    return m_stateLabel->text();
}

QString ConnectionStatusBar::serverText() const
{
    return m_serverLabel->text();
}

QString ConnectionStatusBar::operatorText() const
{
    return m_operatorLabel->text();
}

QString ConnectionStatusBar::syncText() const
{
    return m_syncLabel->text();
}

QString ConnectionStatusBar::outboxText() const
{
    return m_outboxButton->text();
}

QColor ConnectionStatusBar::stateColour() const
{
    return m_dot->colour();
}

void ConnectionStatusBar::updateStateColour()
{
    Tone tone = Tone::Neutral;
    switch (m_state) {
    case ConnectionState::Offline:
        tone = Tone::Bad;
        break;
    case ConnectionState::Connecting:
    case ConnectionState::Reconnecting:
        tone = Tone::Busy;
        break;
    case ConnectionState::Online:
        tone = Tone::Good;
        break;
    }
    m_dot->setColour(toneColour(tone, palette()));
}

void ConnectionStatusBar::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        updateStateColour();
    QStatusBar::changeEvent(event);
}

} // namespace otter::ui
