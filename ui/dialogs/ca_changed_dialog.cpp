// CA changed dialog: explains the refusal, shows pinned and presented fingerprints, and only closes.
#include "ui/dialogs/ca_changed_dialog.h"

#include "ui/dialogs/fingerprint_view.h"
#include "ui/shell/icons.h"
#include "ui/shell/tinted_panel.h"

#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace otter::ui {

CaChangedDialog::CaChangedDialog(QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Connection Refused: Certificate Authority Changed"));

    m_alert = new TintedPanel(Tone::DangerBackground, Tone::DangerText, this);
    m_alertIcon = new QLabel(m_alert);
    m_heading = new QLabel(m_alert);
    m_heading->setObjectName(u"heading"_s);
    m_heading->setWordWrap(true);
    QFont big = m_heading->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    big.setBold(true);
    m_heading->setFont(big);
    auto *alertLayout = new QHBoxLayout(m_alert);
    alertLayout->setContentsMargins(12, 10, 12, 10);
    alertLayout->addWidget(m_alertIcon, 0, Qt::AlignTop);
    alertLayout->addWidget(m_heading, 1);

    m_explanation = new QLabel(this);
    m_explanation->setObjectName(u"explanation"_s);
    m_explanation->setWordWrap(true);

    m_pinned = new FingerprintView(this);
    m_pinned->setObjectName(u"pinned"_s);
    m_presented = new FingerprintView(this);
    m_presented->setObjectName(u"presented"_s);
    auto *fingerprints = new QFormLayout;
    fingerprints->addRow(tr("Pinned on first contact:"), m_pinned);
    fingerprints->addRow(tr("Presented now:"), m_presented);

    auto *advice = new QLabel(
        tr("Ask your administrator what changed. If the server really was reinstalled with a new certificate "
           "authority, they can confirm its new fingerprint; then forget this server in Server → Connect… "
           "and connect again to compare and pin the new one."),
        this);
    advice->setWordWrap(true);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_alert);
    layout->addSpacing(6);
    layout->addWidget(m_explanation);
    layout->addSpacing(6);
    layout->addLayout(fingerprints);
    layout->addSpacing(6);
    layout->addWidget(advice);
    layout->addWidget(buttons);
    setMinimumWidth(fontMetrics().averageCharWidth() * 90);

    applyTone();
    setServer({});
}

void CaChangedDialog::setServer(const QString &address)
{
    m_address = address.isEmpty() ? tr("this server") : address;
    m_heading->setText(tr("Certificate authority changed — connection to %1 refused").arg(m_address));
    m_explanation->setText(
        tr("The server presented a certificate authority that is not the one you pinned when you first "
           "connected to %1. Someone may be intercepting the connection, or the server was set up anew. "
           "Nothing was sent: your token did not leave this computer.")
            .arg(m_address));
}

void CaChangedDialog::setFingerprints(const QString &pinned, const QString &presented)
{
    m_pinned->setFingerprint(pinned);
    m_presented->setFingerprint(presented);
}

QString CaChangedDialog::pinnedFingerprint() const
{
    return m_pinned->fingerprint();
}

QString CaChangedDialog::presentedFingerprint() const
{
    return m_presented->fingerprint();
}

void CaChangedDialog::applyTone()
{
    const QColor text = m_alert->textColour();
    QPalette headingPalette = m_heading->palette();
    headingPalette.setColor(QPalette::WindowText, text);
    m_heading->setPalette(headingPalette);
    const int side = fontMetrics().height() * 2;
    m_alertIcon->setPixmap(themedIcon(u"warning"_s, text).pixmap(QSize(side, side), devicePixelRatioF()));
}

void CaChangedDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        applyTone();
    QDialog::changeEvent(event);
}

} // namespace otter::ui
