// First contact with a server: shows its certificate authority's fingerprint and asks whether to pin it.
#pragma once

#include <QDialog>

class QLabel;

namespace otter::ui {

class FingerprintView;

// Cancel is the default button: pressing Enter without reading must never trust a CA.
class CaTrustDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CaTrustDialog)

public:
    explicit CaTrustDialog(QWidget *parent = nullptr);

    void setServer(const QString &address);
    // subject: the CA certificate's subject (e.g. "CN=otterd CA"); fingerprint: SHA-256 in any hex form.
    void setCertificate(const QString &subject, const QString &fingerprint);

    QString fingerprint() const;

private:
    QLabel *m_intro = nullptr;
    QLabel *m_server = nullptr;
    QLabel *m_subject = nullptr;
    FingerprintView *m_fingerprint = nullptr;
};

} // namespace otter::ui
