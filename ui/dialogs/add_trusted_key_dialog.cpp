// AddTrustedKeyDialog: the key id is computed locally with the same code otterd uses (core/signing.h).
#include "ui/dialogs/add_trusted_key_dialog.h"

#include "core/signing.h"
#include "ui/pages/semantic_colors.h"

#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace otter::ui {

namespace {

constexpr int MaxNameLength = 100;

} // namespace

AddTrustedKeyDialog::AddTrustedKeyDialog(QWidget *parent)
    : QDialog(parent)
    , m_pem(new QPlainTextEdit(this))
    , m_name(new QLineEdit(this))
    , m_comment(new QLineEdit(this))
    , m_keyIdLabel(new QLabel(this))
    , m_status(new QLabel(this))
{
    setWindowTitle(tr("Add Trusted Key"));
    auto *intro = new QLabel(tr("Releases signed by this key will be accepted by otterd. Paste the "
                                "<b>public</b> key (PEM) or choose its file; the private key never "
                                "leaves the build machine."),
                             this);
    intro->setWordWrap(true);
    m_pem->setObjectName(u"pem"_s);
    m_pem->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_pem->setPlaceholderText(u"-----BEGIN PUBLIC KEY-----\n…\n-----END PUBLIC KEY-----"_s);
    m_pem->setFixedHeight(m_pem->fontMetrics().lineSpacing() * 6 + 12);
    auto *choose = new QPushButton(tr("Choose File…"), this);
    choose->setObjectName(u"chooseFile"_s);
    m_name->setObjectName(u"name"_s);
    m_name->setMaxLength(MaxNameLength);
    m_name->setPlaceholderText(tr("short name, e.g. ci-release-2025"));
    m_comment->setObjectName(u"comment"_s);
    m_comment->setPlaceholderText(tr("owner, where the private key lives, rotation plan"));
    m_keyIdLabel->setObjectName(u"keyId"_s);
    m_keyIdLabel->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_keyIdLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setObjectName(u"status"_s);
    m_status->setWordWrap(true);

    auto *form = new QFormLayout;
    form->addRow(tr("Public key:"), m_pem);
    form->addRow(QString(), choose);
    form->addRow(tr("Name:"), m_name);
    form->addRow(tr("Comment:"), m_comment);
    form->addRow(tr("Key id (SHA-256):"), m_keyIdLabel);
    form->addRow(QString(), m_status);

    auto *buttons = new QDialogButtonBox(this);
    m_add = buttons->addButton(tr("Add Key"), QDialogButtonBox::AcceptRole);
    m_add->setObjectName(u"add"_s);
    buttons->addButton(QDialogButtonBox::Cancel);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addStretch(1);
    layout->addWidget(buttons);
    setMinimumWidth(fontMetrics().averageCharWidth() * 80);

    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_pem, &QPlainTextEdit::textChanged, this, &AddTrustedKeyDialog::update);
    connect(m_name, &QLineEdit::textChanged, this, &AddTrustedKeyDialog::update);
    connect(choose, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Choose a Public Key"), QString(),
                                                          tr("PEM keys (*.pem *.pub);;All files (*)"));
        if (path.isEmpty())
            return;
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly) || file.size() > MaxKeyFileBytes) {
            m_status->setText(
                tr("Cannot use %1: %2")
                    .arg(path, file.isOpen() ? tr("it is far too large for a key") : file.errorString()));
            return;
        }
        m_pem->setPlainText(QString::fromUtf8(file.readAll()));
    });
    update();
}

void AddTrustedKeyDialog::update()
{
    m_keyId.clear();
    m_problem.clear();
    const QByteArray pem = m_pem->toPlainText().trimmed().toUtf8();
    if (pem.isEmpty()) {
        m_problem = tr("Paste a public key or choose its file.");
    } else if (pem.contains("PRIVATE KEY")) {
        // PublicKey::fromPem would take the public half, but a private key pasted here has already
        // travelled further than it should: say so instead of quietly using it.
        m_problem =
            tr("This is a private key. Paste the public key only (openssl pkey -in key.pem -pubout).");
    } else if (auto key = PublicKey::fromPem(pem); !key) {
        m_problem = tr("Not a P-256 public key: %1").arg(key.errorMessage());
    } else {
        m_keyId = key->keyId();
    }
    if (m_problem.isEmpty() && m_name->text().trimmed().isEmpty())
        m_problem = tr("Give the key a name (1 to %1 characters).").arg(MaxNameLength);
    // Two lines of 32 hex digits: the same lower-case id otter-sign prints, easy to compare by eye.
    m_keyIdLabel->setText(m_keyId.isEmpty() ? u"—"_s : m_keyId.left(32) + u'\n' + m_keyId.mid(32));
    const bool ok = m_problem.isEmpty();
    m_status->setText(ok ? tr("Compare this key id with the one the key's owner gave you before adding it.")
                         : u"<span style='color:%1'>%2</span>"_s.arg(
                               semanticColor(Semantic::Error, palette()).name(), m_problem.toHtmlEscaped()));
    m_add->setEnabled(ok);
}

void AddTrustedKeyDialog::setPem(const QString &pem)
{
    m_pem->setPlainText(pem);
}

void AddTrustedKeyDialog::setName(const QString &name)
{
    m_name->setText(name);
}

void AddTrustedKeyDialog::setComment(const QString &comment)
{
    m_comment->setText(comment);
}

QString AddTrustedKeyDialog::pem() const
{
    return m_pem->toPlainText().trimmed() + u'\n';
}

QString AddTrustedKeyDialog::name() const
{
    return m_name->text().trimmed();
}

QString AddTrustedKeyDialog::comment() const
{
    return m_comment->text().trimmed();
}

} // namespace otter::ui
