// TrustedKeysPane: the keys otterd accepts release signatures from, active and revoked, with the selected
// key's details and the Add key… / Revoke… actions (admins only). Widgets only: the dialogs' results leave
// as intent signals.
#pragma once

#include "models/records.h"

#include <QWidget>

#include <optional>

class QAbstractItemModel;
class QLabel;
class QPushButton;
class QTableView;
class QTextBrowser;

namespace otter::ui {

class AddTrustedKeyDialog;
class RevokeKeyDialog;

// Rows carry models::TrustedKeyRecord in RecordRole.
class TrustedKeysPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrustedKeysPane)

public:
    explicit TrustedKeysPane(QWidget *parent = nullptr);

    void setModel(QAbstractItemModel *model);
    QAbstractItemModel *model() const;
    // Releases (RecordRole models::ReleaseRecord), to name those a revocation leaves without an active
    // signer.
    void setReleaseModel(QAbstractItemModel *releases);
    // Adding and revoking are admin operations; `why` explains a disabled button.
    void setCanManage(bool canManage, const QString &why);
    // The outcome of the last add or revoke, shown under the buttons.
    void showResult(bool ok, const QString &message);

    // The key with this id from the model, or nullopt.
    std::optional<models::TrustedKeyRecord> key(const QString &keyId) const;
    // Versions of the releases whose only active signer is `keyId`.
    QStringList releasesSignedOnlyBy(const QString &keyId) const;

    // Open the dialogs (window-modal, not blocking); their acceptance emits the intent below.
    AddTrustedKeyDialog *openAddDialog();
    RevokeKeyDialog *openRevokeDialog();

    QTableView *listView() const { return m_list; }
    QTextBrowser *detailView() const { return m_detail; }
    QPushButton *addButton() const { return m_add; }
    QPushButton *revokeButton() const { return m_revoke; }
    QString resultText() const { return m_resultPlain; }

signals:
    void addKeyRequested(const QString &publicKeyPem, const QString &name, const QString &comment);
    void revokeKeyRequested(const QString &keyId, const QString &reason);

private:
    void onSelectionChanged();
    std::optional<models::TrustedKeyRecord> selectedKey() const;

    QTableView *m_list = nullptr;
    QTextBrowser *m_detail = nullptr;
    QPushButton *m_add = nullptr;
    QPushButton *m_revoke = nullptr;
    QLabel *m_result = nullptr;
    QString m_resultPlain;
    QAbstractItemModel *m_releases = nullptr;
    bool m_canManage = true;
    QString m_whyNot;
};

} // namespace otter::ui
