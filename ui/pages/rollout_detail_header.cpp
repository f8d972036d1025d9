// RolloutDetailHeader: title, state badge and the auto-pause reason.
#include "ui/pages/rollout_detail_header.h"

#include "ui/pages/semantic_colors.h"
#include "ui/shell/tinted_panel.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

namespace otter::ui {

namespace {

QString stateText(const models::RolloutRecord &rollout)
{
    if (rollout.state == u"PAUSED" && rollout.autoPaused)
        return RolloutDetailHeader::tr("PAUSED automatically");
    return rollout.state.isEmpty() ? RolloutDetailHeader::tr("unknown") : rollout.state;
}

} // namespace

RolloutDetailHeader::RolloutDetailHeader(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_subtitle(new QLabel(this))
    , m_state(new QLabel(this))
    , m_feed(new QLabel(this))
    , m_pausePanel(new TintedPanel(Tone::WarningBackground, Tone::WarningText, this))
    , m_pauseTitle(new QLabel(m_pausePanel))
    , m_pauseReason(new QLabel(m_pausePanel))
{
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_subtitle->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_subtitle->setWordWrap(true);
    QFont stateFont = m_state->font();
    stateFont.setBold(true);
    stateFont.setPointSizeF(stateFont.pointSizeF() * 1.15);
    m_state->setFont(stateFont);
    m_state->setObjectName(QStringLiteral("rolloutState"));
    m_feed->setForegroundRole(QPalette::PlaceholderText);

    QFont pauseFont = m_pauseTitle->font();
    pauseFont.setBold(true);
    m_pauseTitle->setFont(pauseFont);
    m_pauseTitle->setText(tr("Paused by the failure policy"));
    m_pauseReason->setWordWrap(true);
    m_pauseReason->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_pauseReason->setObjectName(QStringLiteral("autoPauseReason"));
    auto *pauseLayout = new QVBoxLayout(m_pausePanel);
    pauseLayout->setContentsMargins(12, 8, 12, 8);
    pauseLayout->setSpacing(2);
    pauseLayout->addWidget(m_pauseTitle);
    pauseLayout->addWidget(m_pauseReason);
    m_pausePanel->hide();

    auto *titleColumn = new QVBoxLayout();
    titleColumn->setSpacing(2);
    titleColumn->addWidget(m_title);
    titleColumn->addWidget(m_subtitle);
    auto *stateColumn = new QVBoxLayout();
    stateColumn->setSpacing(2);
    stateColumn->addWidget(m_state, 0, Qt::AlignRight);
    stateColumn->addWidget(m_feed, 0, Qt::AlignRight);
    auto *top = new QHBoxLayout();
    top->addLayout(titleColumn, 1);
    top->addLayout(stateColumn);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(8);
    layout->addLayout(top);
    layout->addWidget(m_pausePanel);
}

void RolloutDetailHeader::setRollout(const models::RolloutRecord &rollout, const QString &releaseVersion)
{
    const QLocale locale;
    m_title->setText(rollout.name.isEmpty() ? rollout.id : rollout.name);
    QStringList facts;
    facts.append(releaseVersion.isEmpty() ? tr("release %1").arg(rollout.releaseId.left(12))
                                          : tr("release %1").arg(releaseVersion));
    if (!rollout.stages.isEmpty())
        facts.append(tr("stage %1 of %2").arg(rollout.currentStage + 1).arg(rollout.stages.size()));
    facts.append(tr("pauses above %1 % failed (after %2 finished)")
                     .arg(locale.toString(rollout.maxFailurePercent, 'g', 4))
                     .arg(rollout.minFinished));
    facts.append(rollout.id);
    m_subtitle->setText(facts.join(QStringLiteral("  ·  ")));

    m_rollout = rollout;
    m_state->setText(stateText(rollout));
    applyStateColours();

    const bool autoPaused = rollout.state == u"PAUSED" && rollout.autoPaused;
    m_pauseReason->setText(autoPaused ? rollout.paused.comment : QString());
    if (autoPaused && rollout.paused.time.isValid())
        m_pauseTitle->setText(
            tr("Paused by the failure policy at %1")
                .arg(locale.toString(rollout.paused.time.toLocalTime(), QLocale::ShortFormat)));
    m_pausePanel->setVisible(autoPaused);
}

void RolloutDetailHeader::applyStateColours()
{
    const bool paused = m_rollout.state == u"PAUSED";
    const bool failed = m_rollout.state == u"ABORTED" || (paused && m_rollout.autoPaused);
    QPalette palette = this->palette();
    if (failed)
        palette.setColor(QPalette::WindowText, semanticColor(Semantic::Error, palette));
    else if (paused)
        palette.setColor(QPalette::WindowText, semanticColor(Semantic::Warning, palette));
    else if (m_rollout.state == u"RUNNING" || m_rollout.state == u"COMPLETED")
        palette.setColor(QPalette::WindowText, semanticColor(Semantic::Success, palette));
    m_state->setPalette(palette);
    // The warning panel's text follows its tone in the current palette (light or dark).
    for (QLabel *label : {m_pauseTitle, m_pauseReason}) {
        QPalette tinted = label->palette();
        tinted.setColor(QPalette::WindowText, toneColour(Tone::WarningText, palette));
        label->setPalette(tinted);
    }
}

void RolloutDetailHeader::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyStateColours();
}

void RolloutDetailHeader::setFeedStatus(const QString &text)
{
    m_feed->setText(text);
}

bool RolloutDetailHeader::pauseReasonShown() const
{
    return !m_pausePanel->isHidden();
}

} // namespace otter::ui
