// RevokeKeyDialog: confirms revoking a trusted key, naming it and saying what follows — uploads signed
// only by it are refused and releases signed only by it can no longer be rolled out — and asks the
// reason otterd records.
#pragma once

#include "models/records.h"

#include <QDialog>

class QLineEdit;
class QPushButton;

namespace otter::ui {

class RevokeKeyDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RevokeKeyDialog)

public:
    // affectedReleases: versions of the releases whose only active signer is this key.
    RevokeKeyDialog(const otter::models::TrustedKeyRecord &key, const QStringList &affectedReleases,
                    QWidget *parent = nullptr);

    QString reason() const;
    void setReason(const QString &reason);
    QPushButton *revokeButton() const { return m_revoke; }
    QString effectText() const { return m_effect; }

private:
    QLineEdit *m_reason = nullptr;
    QPushButton *m_revoke = nullptr;
    QString m_effect;
};

} // namespace otter::ui
