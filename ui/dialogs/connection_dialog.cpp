// Connection dialog: saved servers on the left, the address and token form on the right.
#include "ui/dialogs/connection_dialog.h"

#include "ui/dialogs/server_address.h"
#include "ui/shell/icons.h"
#include "ui/shell/palette_tones.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;
using otter::models::ServerProfile;

namespace otter::ui {

ConnectionDialog::ConnectionDialog(QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Connect to a Server"));

    auto *savedLabel = new QLabel(tr("Saved servers"), this);
    m_list = new QListWidget(this);
    m_list->setObjectName(u"profiles"_s);
    m_list->setIconSize(QSize(fontMetrics().height(), fontMetrics().height()));
    savedLabel->setBuddy(m_list);
    m_removeButton = new QPushButton(themedIcon(u"remove"_s), tr("Forget Server…"), this);
    m_removeButton->setObjectName(u"removeProfile"_s);
    m_removeButton->setToolTip(
        tr("Forget this server, its pinned certificate authority and its stored token"));
    m_removeButton->setEnabled(false);
    connect(m_list, &QListWidget::currentRowChanged, this, &ConnectionDialog::selectProfile);
    connect(m_removeButton, &QPushButton::clicked, this, &ConnectionDialog::removeSelectedProfile);

    auto *left = new QVBoxLayout;
    left->addWidget(savedLabel);
    left->addWidget(m_list, 1);
    left->addWidget(m_removeButton, 0, Qt::AlignLeft);

    m_name = new QLineEdit(this);
    m_name->setObjectName(u"name"_s);
    m_name->setPlaceholderText(tr("optional, e.g. Production"));
    m_address = new QLineEdit(this);
    m_address->setObjectName(u"address"_s);
    m_address->setPlaceholderText(tr("host:port, e.g. otter.example.com:8443"));
    connect(m_address, &QLineEdit::textChanged, this, &ConnectionDialog::updateCaNote);
    m_token = new QLineEdit(this);
    m_token->setObjectName(u"token"_s);
    m_token->setEchoMode(QLineEdit::Password);
    m_token->setPlaceholderText(tr("the token an administrator created for you"));
    m_revealToken = m_token->addAction(themedIcon(u"eye"_s), QLineEdit::TrailingPosition);
    m_revealToken->setObjectName(u"revealToken"_s);
    m_revealToken->setCheckable(true);
    m_revealToken->setToolTip(tr("Show the token"));
    connect(m_revealToken, &QAction::toggled, this, [this](bool shown) {
        m_token->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
        m_revealToken->setIcon(themedIcon(shown ? u"eye-off"_s : u"eye"_s));
        m_revealToken->setToolTip(shown ? tr("Hide the token") : tr("Show the token"));
    });

    m_keyringNote = new QLabel(this);
    m_keyringNote->setObjectName(u"keyringNote"_s);
    m_keyringNote->setWordWrap(true);
    m_keyringNote->setEnabled(false); // secondary text: greyed in every palette
    m_caNote = new QLabel(this);
    m_caNote->setObjectName(u"caNote"_s);
    m_caNote->setWordWrap(true);
    m_caNote->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error = new QLabel(this);
    m_error->setObjectName(u"error"_s);
    m_error->setWordWrap(true);
    m_error->setVisible(false);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("Server &address:"), m_address);
    form->addRow(QString(), m_caNote);
    form->addRow(tr("Operator &token:"), m_token);
    form->addRow(QString(), m_keyringNote);

    auto *right = new QVBoxLayout;
    right->addLayout(form);
    right->addWidget(m_error);
    right->addStretch(1);

    auto *columns = new QHBoxLayout;
    columns->addLayout(left, 2);
    columns->addSpacing(12);
    columns->addLayout(right, 3);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Connect"));
    buttons->button(QDialogButtonBox::Ok)->setIcon(themedIcon(u"connect"_s));
    connect(buttons, &QDialogButtonBox::accepted, this, &ConnectionDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(columns, 1);
    layout->addWidget(buttons);

    setKeyringNote(tr("The token will be kept in the system keyring."));
    updateCaNote();
    resize(fontMetrics().averageCharWidth() * 115, fontMetrics().height() * 18);
}

void ConnectionDialog::setProfiles(const QList<ServerProfile> &profiles, const QString &lastAddress)
{
    m_profiles = profiles;
    const QSignalBlocker blocker(m_list);
    m_list->clear();
    int selected = -1;
    for (const ServerProfile &saved : profiles) {
        const QString name = saved.name.isEmpty() ? saved.address : saved.name;
        QString text = name == saved.address ? name : tr("%1\n%2").arg(name, saved.address);
        auto *item = new QListWidgetItem(themedIcon(u"server"_s), text, m_list);
        item->setToolTip(saved.operatorName.isEmpty()
                             ? saved.address
                             : tr("%1 — last signed in as %2").arg(saved.address, saved.operatorName));
        if (saved.address == lastAddress)
            selected = m_list->count() - 1;
    }
    if (selected >= 0) {
        m_list->setCurrentRow(selected);
        selectProfile(selected);
    }
}

void ConnectionDialog::selectProfile(int row)
{
    m_removeButton->setEnabled(row >= 0);
    if (row < 0 || row >= m_profiles.size())
        return;
    const ServerProfile &saved = m_profiles.at(row);
    m_name->setText(saved.name == saved.address ? QString() : saved.name);
    m_address->setText(saved.address);
    m_token->clear();
    m_error->setVisible(false);
    emit profileSelected(saved.address);
}

void ConnectionDialog::removeSelectedProfile()
{
    const int row = m_list->currentRow();
    if (row < 0 || row >= m_profiles.size())
        return;
    const QString address = m_profiles.at(row).address;
    const auto answer = QMessageBox::question(this, tr("Forget Server"),
                                              tr("Forget %1? Its pinned certificate authority and stored "
                                                 "token are removed; connecting again asks you "
                                                 "to compare the fingerprint anew.")
                                                  .arg(address),
                                              QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Yes)
        return;
    m_profiles.removeAt(row);
    delete m_list->takeItem(row);
    updateCaNote();
    emit removeProfileRequested(address);
}

void ConnectionDialog::setKeyringNote(const QString &note)
{
    m_keyringNote->setText(note);
}

void ConnectionDialog::setToken(const QString &token)
{
    m_token->setText(token);
}

ServerProfile ConnectionDialog::profile() const
{
    ServerProfile result;
    result.address = m_address->text().trimmed();
    for (const ServerProfile &saved : m_profiles) {
        if (saved.address == result.address) {
            result = saved;
            break;
        }
    }
    const QString name = m_name->text().trimmed();
    result.name = name.isEmpty() ? result.address : name;
    return result;
}

QString ConnectionDialog::token() const
{
    return m_token->text().trimmed();
}

QString ConnectionDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void ConnectionDialog::updateCaNote()
{
    const QString address = m_address->text().trimmed();
    for (const ServerProfile &saved : std::as_const(m_profiles)) {
        if (saved.address == address && !saved.caFingerprint.isEmpty()) {
            m_caNote->setText(tr("Pinned CA: SHA-256 %1…").arg(saved.caFingerprint.left(11)));
            m_caNote->setToolTip(saved.caFingerprint);
            m_caNote->setWordWrap(false); // one short line: wrapping would reserve an empty line
            return;
        }
    }
    m_caNote->setText(tr("New server: you will be shown its certificate authority's fingerprint to compare "
                         "before anything is sent."));
    m_caNote->setToolTip(QString());
    m_caNote->setWordWrap(true);
}

void ConnectionDialog::showError(const QString &message, QWidget *field)
{
    QPalette errorPalette = m_error->palette();
    errorPalette.setColor(QPalette::WindowText, toneColour(Tone::Bad, palette()));
    m_error->setPalette(errorPalette);
    m_error->setText(message);
    m_error->setVisible(true);
    field->setFocus();
}

void ConnectionDialog::accept()
{
    if (const QString problem = serverAddressProblem(m_address->text()); !problem.isEmpty()) {
        showError(problem, m_address);
        return;
    }
    if (token().isEmpty()) {
        showError(
            tr("Operator token: paste the token an administrator created for you with \"otterd user add\"."),
            m_token);
        return;
    }
    m_error->setVisible(false);
    QDialog::accept();
}

} // namespace otter::ui
