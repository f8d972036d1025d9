// CA trust dialog: everything the operator needs to compare the fingerprint with what otterd printed.
#include "ui/dialogs/ca_trust_dialog.h"

#include "ui/dialogs/fingerprint_view.h"
#include "ui/shell/icons.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace otter::ui {

CaTrustDialog::CaTrustDialog(QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Verify the Server's Certificate Authority"));

    auto *icon = new QLabel(this);
    const int side = fontMetrics().height() * 3;
    icon->setPixmap(themedIcon(u"shield"_s).pixmap(QSize(side, side), devicePixelRatioF()));
    icon->setAlignment(Qt::AlignTop);
    auto *heading = new QLabel(tr("First connection to this server"), this);
    QFont big = heading->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    big.setBold(true);
    heading->setFont(big);
    m_intro = new QLabel(this);
    m_intro->setWordWrap(true);

    m_server = new QLabel(this);
    m_server->setObjectName(u"server"_s);
    m_server->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_subject = new QLabel(this);
    m_subject->setObjectName(u"subject"_s);
    m_subject->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_subject->setWordWrap(true);
    m_fingerprint = new FingerprintView(this);

    auto *details = new QFormLayout;
    details->addRow(tr("Server:"), m_server);
    details->addRow(tr("CA subject:"), m_subject);
    details->addRow(tr("SHA-256 fingerprint:"), m_fingerprint);

    auto *howTo = new QLabel(
        tr("<p>Compare it with the fingerprint otterd prints each time it starts, in its output or system "
           "journal:<br><tt>otterd: CA fingerprint SHA-256 AB:CD:…</tt></p>"
           "<p>On the server you can also run<br><tt>openssl x509 -in DATA_DIR/tls/ca.pem -noout "
           "-fingerprint "
           "-sha256</tt></p>"
           "<p>Every pair must match. If anything differs, choose <b>Cancel</b> and tell your administrator: "
           "someone may be between you and the server.</p>"),
        this);
    howTo->setObjectName(u"howTo"_s);
    howTo->setWordWrap(true);
    howTo->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *texts = new QVBoxLayout;
    texts->addWidget(heading);
    texts->addWidget(m_intro);
    texts->addSpacing(6);
    texts->addLayout(details);
    texts->addSpacing(6);
    texts->addWidget(howTo);

    auto *top = new QHBoxLayout;
    top->addWidget(icon);
    top->addSpacing(8);
    top->addLayout(texts, 1);

    auto *buttons = new QDialogButtonBox(this);
    QPushButton *trust = buttons->addButton(tr("Trust and Connect"), QDialogButtonBox::AcceptRole);
    trust->setObjectName(u"trust"_s);
    trust->setAutoDefault(false);
    QPushButton *cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(buttons);
    setMinimumWidth(fontMetrics().averageCharWidth() * 90);
    setServer({});
}

void CaTrustDialog::setServer(const QString &address)
{
    m_server->setText(address);
    m_intro->setText(tr("The console has never connected to %1 before and does not yet know its certificate "
                        "authority (CA). If you trust it, the CA is pinned: later connections are refused "
                        "if it ever changes.")
                         .arg(address.isEmpty() ? tr("this server") : address));
}

void CaTrustDialog::setCertificate(const QString &subject, const QString &fingerprint)
{
    m_subject->setText(subject);
    m_fingerprint->setFingerprint(fingerprint);
}

QString CaTrustDialog::fingerprint() const
{
    return m_fingerprint->fingerprint();
}

} // namespace otter::ui
