// TrustedKeysPane: list + detail like the record pages, with the key actions above the list.
#include "ui/pages/trusted_keys_pane.h"

#include "ui/dialogs/add_trusted_key_dialog.h"
#include "ui/dialogs/revoke_key_dialog.h"
#include "ui/pages/page_roles.h"
#include "ui/pages/record_table.h"
#include "ui/pages/semantic_colors.h"

#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTextBrowser>
#include <QVBoxLayout>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace otter::ui {

namespace {

QString row(const QString &label, const QString &value)
{
    QString shown = value.toHtmlEscaped();
    shown.replace(u'\n', u"<br>"_s);
    return u"<tr><td valign='top' style='white-space: nowrap'><b>%1</b></td><td>%2</td></tr>"_s.arg(
        label.toHtmlEscaped(), shown);
}

QString timeText(const QDateTime &time)
{
    return time.isValid() ? QLocale().toString(time.toLocalTime(), QLocale::ShortFormat) : QString();
}

} // namespace

TrustedKeysPane::TrustedKeysPane(QWidget *parent)
    : QWidget(parent)
    , m_list(new QTableView(this))
    , m_detail(new QTextBrowser(this))
    , m_add(new QPushButton(tr("Add Key…"), this))
    , m_revoke(new QPushButton(tr("Revoke…"), this))
    , m_result(new QLabel(this))
{
    setUpRecordTable(m_list);
    m_detail->setOpenLinks(false);
    m_detail->setPlaceholderText(
        tr("Select a key to see its id, public key and history. Releases must carry a signature by an "
           "active key to be uploaded and rolled out."));
    m_add->setObjectName(u"addKey"_s);
    m_revoke->setObjectName(u"revokeKey"_s);
    m_result->setObjectName(u"keyResult"_s);
    m_result->setWordWrap(true);

    auto *actions = new QHBoxLayout;
    actions->addWidget(m_add);
    actions->addWidget(m_revoke);
    actions->addWidget(m_result, 1);
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_list);
    splitter->addWidget(m_detail);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(actions);
    layout->addWidget(splitter, 1);

    connect(m_add, &QPushButton::clicked, this, &TrustedKeysPane::openAddDialog);
    connect(m_revoke, &QPushButton::clicked, this, &TrustedKeysPane::openRevokeDialog);
    onSelectionChanged();
}

void TrustedKeysPane::setModel(QAbstractItemModel *model)
{
    if (QItemSelectionModel *old = m_list->selectionModel())
        disconnect(old, nullptr, this, nullptr);
    m_list->setModel(model);
    m_detail->clear();
    if (model) {
        connect(m_list->selectionModel(), &QItemSelectionModel::selectionChanged, this,
                &TrustedKeysPane::onSelectionChanged);
        // A revocation arriving by sync changes the selected row in place: keep the detail current.
        connect(model, &QAbstractItemModel::dataChanged, this, &TrustedKeysPane::onSelectionChanged);
        fitColumnsToSample(m_list);
    }
    onSelectionChanged();
}

QAbstractItemModel *TrustedKeysPane::model() const
{
    return m_list->model();
}

void TrustedKeysPane::setReleaseModel(QAbstractItemModel *releases)
{
    m_releases = releases;
}

void TrustedKeysPane::setCanManage(bool canManage, const QString &why)
{
    m_canManage = canManage;
    m_whyNot = why;
    onSelectionChanged();
}

void TrustedKeysPane::showResult(bool ok, const QString &message)
{
    m_resultPlain = message;
    m_result->setText(u"<span style='color:%1'>%2</span>"_s.arg(
        semanticColor(ok ? Semantic::Success : Semantic::Error, palette()).name(), message.toHtmlEscaped()));
}

std::optional<models::TrustedKeyRecord> TrustedKeysPane::selectedKey() const
{
    const QVariant record = selectedRecord(m_list);
    if (!record.canConvert<models::TrustedKeyRecord>())
        return std::nullopt;
    return record.value<models::TrustedKeyRecord>();
}

std::optional<models::TrustedKeyRecord> TrustedKeysPane::key(const QString &keyId) const
{
    const QAbstractItemModel *keys = m_list->model();
    for (int r = 0; keys && r < keys->rowCount(); ++r) {
        const QVariant record = keys->index(r, 0).data(RecordRole);
        if (record.canConvert<models::TrustedKeyRecord>() &&
            record.value<models::TrustedKeyRecord>().id == keyId)
            return record.value<models::TrustedKeyRecord>();
    }
    return std::nullopt;
}

QStringList TrustedKeysPane::releasesSignedOnlyBy(const QString &keyId) const
{
    QStringList versions;
    for (int r = 0; m_releases && r < m_releases->rowCount(); ++r) {
        const QVariant record = m_releases->index(r, 0).data(RecordRole);
        if (!record.canConvert<models::ReleaseRecord>())
            continue;
        const auto release = record.value<models::ReleaseRecord>();
        if (!release.signerKeyIds.contains(keyId))
            continue;
        const bool otherActive =
            std::any_of(release.signerKeyIds.begin(), release.signerKeyIds.end(), [&](const QString &other) {
                if (other == keyId)
                    return false;
                const auto signer = key(other);
                return signer && signer->state == u"ACTIVE";
            });
        if (!otherActive)
            versions.append(release.version);
    }
    return versions;
}

void TrustedKeysPane::onSelectionChanged()
{
    const auto selected = selectedKey();
    m_add->setEnabled(m_canManage);
    m_add->setToolTip(m_canManage ? tr("Trust a new signing key (admin)") : m_whyNot);
    const bool active = selected && selected->state == u"ACTIVE";
    m_revoke->setEnabled(m_canManage && active);
    m_revoke->setToolTip(!m_canManage ? m_whyNot
                         : !selected  ? tr("Select the key to revoke")
                         : !active    ? tr("This key is already revoked")
                                      : tr("Revoke \"%1\" for good").arg(selected->name));
    if (!selected) {
        m_detail->clear();
        return;
    }
    const models::TrustedKeyRecord &key = *selected;
    QString html = u"<h3>%1</h3><table cellspacing='0' cellpadding='3'>"_s.arg(
        tr("Key %1").arg(key.name).toHtmlEscaped());
    html += row(tr("Key id"), key.id);
    html += row(tr("State"), key.state == u"ACTIVE" ? tr("active — signatures by it are accepted")
                                                    : tr("revoked — signatures by it are refused"));
    html += row(tr("Comment"), key.comment);
    html += row(tr("Added"), tr("%1 by %2").arg(timeText(key.addedAt), key.addedBy));
    if (key.state != u"ACTIVE")
        html +=
            row(tr("Revoked"),
                tr("%1 by %2\nreason: %3").arg(timeText(key.revokedAt), key.revokedBy, key.revocationReason));
    const QStringList only = releasesSignedOnlyBy(key.id);
    if (!only.isEmpty())
        html += row(tr("Only active signer of"), only.join(u", "_s));
    html +=
        u"<tr><td valign='top' style='white-space: nowrap'><b>%1</b></td><td><pre>%2</pre></td></tr>"_s.arg(
            tr("Public key").toHtmlEscaped(), key.publicKeyPem.trimmed().toHtmlEscaped());
    m_detail->setHtml(html + u"</table>"_s);
}

AddTrustedKeyDialog *TrustedKeysPane::openAddDialog()
{
    auto *dialog = new AddTrustedKeyDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this,
            [this, dialog] { emit addKeyRequested(dialog->pem(), dialog->name(), dialog->comment()); });
    dialog->open();
    return dialog;
}

RevokeKeyDialog *TrustedKeysPane::openRevokeDialog()
{
    const auto selected = selectedKey();
    if (!selected)
        return nullptr;
    auto *dialog = new RevokeKeyDialog(*selected, releasesSignedOnlyBy(selected->id), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const QString id = selected->id;
    connect(dialog, &QDialog::accepted, this,
            [this, dialog, id] { emit revokeKeyRequested(id, dialog->reason()); });
    dialog->open();
    return dialog;
}

} // namespace otter::ui
