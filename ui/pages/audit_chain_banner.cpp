// AuditChainBanner: headline + detail beside a shield icon, tinted by the chain's state.
#include "ui/pages/audit_chain_banner.h"

#include "ui/pages/semantic_colors.h"
#include "ui/shell/icons.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace otter::ui {

using State = models::AuditChainStatus::State;

AuditChainBanner::AuditChainBanner(QWidget *parent)
    : QWidget(parent)
    , m_icon(new QLabel(this))
    , m_headline(new QLabel(this))
    , m_detail(new QLabel(this))
    , m_verify(new QPushButton(themedIcon(u"refresh"_s), tr("Verify now"), this))
{
    setObjectName(u"auditChainBanner"_s);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    QFont bold = m_headline->font();
    bold.setBold(true);
    m_headline->setFont(bold);
    m_headline->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_headline->setWordWrap(true);
    m_detail->setWordWrap(true);
    m_detail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_verify->setToolTip(tr("Check the cached chain again and ask otterd for its own verdict"));
    connect(m_verify, &QPushButton::clicked, this, &AuditChainBanner::verifyRequested);

    auto *texts = new QVBoxLayout;
    texts->setSpacing(2);
    texts->addWidget(m_headline);
    texts->addWidget(m_detail);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 6, 10, 6);
    layout->addWidget(m_icon, 0, Qt::AlignTop);
    layout->addLayout(texts, 1);
    layout->addWidget(m_verify, 0, Qt::AlignTop);
    setStatus({});
}

void AuditChainBanner::setStatus(const models::AuditChainStatus &status)
{
    m_state = status.state;
    m_headline->setText(status.headline.isEmpty() ? tr("Chain not verified yet") : status.headline);
    m_detail->setText(status.detail);
    m_detail->setVisible(!status.detail.isEmpty());
    applyTone();
    update();
}

QString AuditChainBanner::headline() const
{
    return m_headline->text();
}

QString AuditChainBanner::detail() const
{
    return m_detail->text();
}

QColor AuditChainBanner::toneColour() const
{
    switch (m_state) {
    case State::Intact:
        return semanticColor(Semantic::Success, palette());
    case State::Broken:
        return semanticColor(Semantic::Error, palette());
    default:
        return palette().color(QPalette::WindowText);
    }
}

void AuditChainBanner::applyTone()
{
    const QColor text = toneColour();
    QPalette headlinePalette = m_headline->palette();
    headlinePalette.setColor(QPalette::WindowText, text);
    m_headline->setPalette(headlinePalette);
    const int side = fontMetrics().height() + 4;
    const QString icon = m_state == State::Broken ? u"warning"_s : u"shield"_s;
    m_icon->setPixmap(themedIcon(icon, text).pixmap(QSize(side, side), devicePixelRatioF()));
}

void AuditChainBanner::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    QColor tone = toneColour();
    QColor fill = tone;
    fill.setAlphaF(m_state == State::Unknown || m_state == State::Checking ? 0.05f : 0.10f);
    QColor border = tone;
    border.setAlphaF(0.45f);
    painter.setPen(QPen(border, 1.0));
    painter.setBrush(fill);
    painter.drawRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), 4, 4);
}

void AuditChainBanner::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        applyTone();
    QWidget::changeEvent(event);
}

} // namespace otter::ui
