// Offline banner: a tinted strip that says how old the shown data is and offers a reconnect.
#include "ui/shell/offline_banner.h"

#include "ui/shell/icons.h"
#include "ui/shell/palette_tones.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace otter::ui {

OfflineBanner::OfflineBanner(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(u"offlineBanner"_s);

    m_icon = new QLabel(this);
    m_headline = new QLabel(this);
    m_headline->setObjectName(u"offlineHeadline"_s);
    QFont bold = m_headline->font();
    bold.setBold(true);
    m_headline->setFont(bold);
    m_reason = new QLabel(this);
    m_reason->setObjectName(u"offlineReason"_s);
    m_reason->setWordWrap(true);
    m_reason->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_reconnect = new QPushButton(themedIcon(u"refresh"_s), tr("Reconnect"), this);
    m_reconnect->setObjectName(u"reconnect"_s);
    connect(m_reconnect, &QPushButton::clicked, this, &OfflineBanner::reconnectRequested);

    auto *texts = new QVBoxLayout;
    texts->setSpacing(2);
    texts->addWidget(m_headline);
    texts->addWidget(m_reason);
    texts->addStretch(1);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 6, 10, 6);
    layout->addWidget(m_icon, 0, Qt::AlignTop);
    layout->addLayout(texts, 1);
    layout->addWidget(m_reconnect, 0, Qt::AlignTop);

    applyTone();
    setOffline(false);
}

void OfflineBanner::setOffline(bool offline, const QDateTime &asOf, const QString &reason)
{
    m_offline = offline;
    if (asOf.isValid()) {
        const QDateTime local = asOf.toLocalTime();
        const bool today = local.date() == QDate::currentDate();
        const QString shown = today ? local.toString(u"HH:mm:ss"_s) : local.toString(u"yyyy-MM-dd HH:mm"_s);
        m_headline->setText(tr("Offline — data as of %1").arg(shown));
    } else {
        m_headline->setText(tr("Offline — no data cached from this server yet"));
    }
    m_reason->setText(
        reason.isEmpty() ? tr("Changes you make are kept as drafts and sent when the console reconnects.")
                         : tr("%1. Changes you make are kept as drafts and sent when the console reconnects.")
                               .arg(reason));
    setVisible(offline);
}

QString OfflineBanner::headline() const
{
    return m_headline->text();
}

QString OfflineBanner::reason() const
{
    return m_reason->text();
}

void OfflineBanner::applyTone()
{
    // Only the labels get an explicit text colour; the banner's own palette stays inherited so a switch
    // between light and dark reaches it (and the Reconnect button keeps the normal look).
    const QColor text = toneColour(Tone::WarningText, palette());
    for (QLabel *label : {m_headline, m_reason}) {
        QPalette labelPalette = label->palette();
        labelPalette.setColor(QPalette::WindowText, text);
        label->setPalette(labelPalette);
    }
    const int side = fontMetrics().height() + 4;
    m_icon->setPixmap(themedIcon(u"warning"_s, text).pixmap(QSize(side, side), devicePixelRatioF()));
}

void OfflineBanner::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    const QColor border = toneColour(Tone::WarningText, palette());
    QColor faint = border;
    faint.setAlphaF(0.35f);
    painter.fillRect(rect(), toneColour(Tone::WarningBackground, palette()));
    painter.setPen(faint);
    painter.drawLine(rect().bottomLeft(), rect().bottomRight());
}

void OfflineBanner::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        applyTone();
    QWidget::changeEvent(event);
}

} // namespace otter::ui
