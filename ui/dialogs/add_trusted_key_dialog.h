// AddTrustedKeyDialog: paste or choose a public key PEM; the dialog shows its key id (the SHA-256 of its
// DER SubjectPublicKeyInfo, the id manifests name) before the operator adds it, and refuses a private
// key or anything that is not a P-256 public key right there.
#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace otter::ui {

class AddTrustedKeyDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AddTrustedKeyDialog)

public:
    explicit AddTrustedKeyDialog(QWidget *parent = nullptr);

    void setPem(const QString &pem);
    void setName(const QString &name);
    void setComment(const QString &comment);
    QString pem() const;
    QString name() const;
    QString comment() const;
    // Empty until the PEM parses as a public key.
    QString keyId() const { return m_keyId; }
    QString problem() const { return m_problem; }
    QPushButton *addButton() const { return m_add; }

private:
    void update();

    QPlainTextEdit *m_pem = nullptr;
    QLineEdit *m_name = nullptr;
    QLineEdit *m_comment = nullptr;
    QLabel *m_keyIdLabel = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_add = nullptr;
    QString m_keyId;
    QString m_problem;
};

} // namespace otter::ui
