// RevokeKeyDialog: the destructive button is not the default and stays disabled until a reason is given.
#include "ui/dialogs/revoke_key_dialog.h"

#include "ui/pages/semantic_colors.h"
#include "ui/shell/icons.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace otter::ui {

RevokeKeyDialog::RevokeKeyDialog(const models::TrustedKeyRecord &key, const QStringList &affectedReleases,
                                 QWidget *parent)
    : QDialog(parent)
    , m_reason(new QLineEdit(this))
{
    setWindowTitle(tr("Revoke Trusted Key"));
    auto *icon = new QLabel(this);
    const int side = fontMetrics().height() * 3;
    icon->setPixmap(themedIcon(u"warning"_s, semanticColor(Semantic::Warning, palette()))
                        .pixmap(QSize(side, side), devicePixelRatioF()));
    icon->setAlignment(Qt::AlignTop);

    auto *heading = new QLabel(tr("Revoke key \"%1\"?").arg(key.name.toHtmlEscaped()), this);
    QFont big = heading->font();
    big.setPointSizeF(big.pointSizeF() * 1.2);
    big.setBold(true);
    heading->setFont(big);
    auto *id = new QLabel(key.id, this);
    id->setObjectName(u"keyId"_s);
    id->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    id->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_effect = tr("Revoking is permanent: the key cannot be trusted again. From now on otterd refuses "
                  "uploads signed only by it, and releases signed only by it can no longer be rolled out "
                  "(rollouts cannot be created or started). Rollouts already running are not stopped: "
                  "pause or abort them if the key was compromised.");
    QString effect = m_effect;
    if (!affectedReleases.isEmpty())
        effect += u"\n\n"_s + tr("Releases signed only by this key: %1.").arg(affectedReleases.join(u", "_s));
    auto *effectLabel = new QLabel(effect, this);
    effectLabel->setObjectName(u"effect"_s);
    effectLabel->setWordWrap(true);

    m_reason->setObjectName(u"reason"_s);
    m_reason->setPlaceholderText(
        tr("why, e.g. \"private key exposed in CI logs\" (recorded in the audit log)"));
    auto *form = new QFormLayout;
    form->addRow(tr("Reason:"), m_reason);

    auto *texts = new QVBoxLayout;
    texts->addWidget(heading);
    texts->addWidget(id);
    texts->addSpacing(6);
    texts->addWidget(effectLabel);
    texts->addSpacing(6);
    texts->addLayout(form);
    auto *top = new QHBoxLayout;
    top->addWidget(icon);
    top->addSpacing(8);
    top->addLayout(texts, 1);

    auto *buttons = new QDialogButtonBox(this);
    m_revoke = buttons->addButton(tr("Revoke Key"), QDialogButtonBox::AcceptRole);
    m_revoke->setObjectName(u"revoke"_s);
    m_revoke->setAutoDefault(false);
    QPushButton *cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setDefault(true);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addStretch(1);
    layout->addWidget(buttons);
    setMinimumWidth(fontMetrics().averageCharWidth() * 80);

    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_reason, &QLineEdit::textChanged, this, [this] { m_revoke->setEnabled(!reason().isEmpty()); });
    m_revoke->setEnabled(false);
}

QString RevokeKeyDialog::reason() const
{
    return m_reason->text().trimmed();
}

void RevokeKeyDialog::setReason(const QString &reason)
{
    m_reason->setText(reason);
}

} // namespace otter::ui
